"""Which quarters the working warehouse holds the index of, and from which inputs.

The audit plan as of a quarter averages the index of every quarter of its year up to it
(docs/methodology.md#audit-plan). So that a quarter's result depends on its inputs only, never
on the order quarters were built in, each earlier quarter must be in the warehouse as its inputs
give it now: `raw.built_quarters` records, per quarter built, a fingerprint of what its build
read, and a quarter whose fingerprint differs from today's is built again before it is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb

from core.contract import DATASETS
from core.dbt_project import dbt_sources_sha256
from core.quarters import Quarter
from ingest.periods import quarter_of_period

BUILT_QUARTERS_DDL = """
create table if not exists raw.built_quarters (
    quarter_key varchar primary key,
    inputs_fingerprint varchar not null,
    built_at timestamp not null
)
"""


def inputs_fingerprint(con: duckdb.DuckDBPyConnection, quarter: Quarter, scheme_sha256: str) -> str:
    """sha256 of what a build of `quarter` reads: the dbt project's SQL, the scheme file, and
    every current (not superseded) file period of the quarter's year up to its end, with the
    OPD master's files (valid in every quarter). A superset of the rows staging keeps (a quarter
    reads its own quarter's rows and its year to date): a file of a later quarter never changes
    it, and a file's rows never change (a file is loaded once, by sha256)."""
    rows = con.execute(
        "select dataset, file_sha256, year, period from raw.file_periods "
        "where superseded_by is null"
    ).fetchall()
    read = sorted(
        (dataset, sha, year, period)
        for dataset, sha, year, period in rows
        if _read_by(DATASETS[dataset].period_grain, year, period, quarter)
    )
    digest = hashlib.sha256(f"{dbt_sources_sha256()}\n{scheme_sha256}\n".encode())
    for row in read:
        digest.update(("/".join(str(value) for value in row) + "\n").encode())
    return digest.hexdigest()


def _read_by(grain: str, year: int, period: int, quarter: Quarter) -> bool:
    falls_in = quarter_of_period(grain, year, period)
    if falls_in is None:
        return True  # the OPD master
    return falls_in.year == quarter.year and falls_in <= quarter


def recorded_fingerprint(con: duckdb.DuckDBPyConnection, quarter: Quarter) -> str | None:
    con.execute(BUILT_QUARTERS_DDL)
    row = con.execute(
        "select inputs_fingerprint from raw.built_quarters where quarter_key = ?", [quarter.key]
    ).fetchone()
    return row[0] if row else None


def forget_build(con: duckdb.DuckDBPyConnection, quarter: Quarter) -> None:
    """Before a quarter is built again: should the build fail, it is not taken as done."""
    con.execute(BUILT_QUARTERS_DDL)
    con.execute("delete from raw.built_quarters where quarter_key = ?", [quarter.key])


def record_build(con: duckdb.DuckDBPyConnection, quarter: Quarter, fingerprint: str) -> None:
    con.execute(BUILT_QUARTERS_DDL)
    con.execute(
        "insert or replace into raw.built_quarters values (?, ?, ?)",
        [quarter.key, fingerprint, dt.datetime.now(dt.UTC).replace(tzinfo=None)],
    )
