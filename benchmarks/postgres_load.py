"""Time the PostgreSQL load of a national quarter: 25 000 OPD in every published mart (synthetic
rows of the published tables' own columns and types, not a national pipeline run), in `marts` and
`history`, into a PostgreSQL server started for the measurement (as the tests start theirs), or
into `--postgres-url`.

    python -m benchmarks.postgres_load [--opds 25000] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

import duckdb

from core.home import Home
from publication.postgres import masked, publish_to_postgres
from publication.schema import log_schema, published_schemas
from publication.tables import published_tables
from tests.postgres_server import postgres_server

QUARTER = "2025-Q2"
# rows per OPD beyond the first key columns: components of the scheme, indicators per OPD
ROWS_PER_OPD = {"opd_quarter_component_scores": 5, "indicator_achievement": 8}


def _value(name: str, kind: str, grain: tuple[str, ...], per_opd: int) -> str:
    """A value of `kind` for row `i`; key columns make each row's key unique."""
    if name == "quarter_key":
        return f"'{QUARTER}'"
    if name == "opd_code":
        return f"'OPD' || (i // {per_opd})"
    if name in grain:
        return f"'K' || (i % {per_opd})"
    kind = kind.lower()
    if kind.startswith("decimal"):
        return f"(random() * 99)::{kind}"
    return {
        "varchar": "'v' || i",
        "integer": "(i % 100)::integer",
        "bigint": "i",
        "double": "random() * 100",
        "boolean": "i % 2 = 0",
        "timestamp": "now()::timestamp",
        "date": "current_date",
    }.get(kind, "null")


def synthetic_publication(home: Home, opds: int) -> int:
    """A publication holding one quarter of `opds` agencies; returns its rows (marts)."""
    home.published_dir.mkdir(parents=True)
    rows = 0
    with duckdb.connect(str(home.published_db)) as con:
        con.execute("create schema marts; create schema history")
        for table in published_tables():
            per_opd = ROWS_PER_OPD.get(table.name, 1)
            values = ", ".join(
                f'{_value(c.name, c.data_type or "varchar", table.grain, per_opd)} as "{c.name}"'
                for c in table.columns
            )
            con.execute(
                f"create table marts.{table.name} as select {values}, 1::integer as "
                f"publication_version from range({opds * per_opd}) as t(i)"
            )
            con.execute(f"create table history.{table.name} as from marts.{table.name}")
            rows += opds * per_opd
        for statement in log_schema().ddl("marts", "duckdb"):
            con.execute(statement)
        con.execute(
            "insert into marts.publication_log values (?, 1, now()::timestamp, 'magelang', "
            "'s', 'i', 'c', 'bench', 'published', null)",
            [QUARTER],
        )
        # the synthetic types are the ones the loader maps
        assert published_schemas(con, "rapor", "marts", history=False)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opds", type=int, default=25_000)
    parser.add_argument("--postgres-url", help="default: a server started for the measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rapor-pgbench-") as scratch:
        home = Home(Path(scratch))
        rows = synthetic_publication(home, args.opds)
        server = nullcontext() if args.postgres_url else postgres_server()
        with server as started:
            url = args.postgres_url or started.rapor_url
            began = time.perf_counter()
            (loaded,) = publish_to_postgres(home, url).quarters
            seconds = time.perf_counter() - began
    print(f"PostgreSQL load of {QUARTER}, {args.opds:,} OPD, into {masked(url)}")
    print(f"  {rows:,} rows per schema (marts and history), {loaded.rows:,} rows loaded")
    print(f"  {seconds:.1f} s ({loaded.rows / seconds:,.0f} rows/s), one transaction, binary COPY")


if __name__ == "__main__":
    main()
