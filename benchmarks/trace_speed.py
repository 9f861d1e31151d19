"""Trace speed: `rapor trace` of one OPD in a national-size publication (25 000 OPD).

    .venv/bin/python -m benchmarks.trace_speed [--workdir DIR] [--home DIR] [--copies 625]
        [--repeat 5]

A generated city (40 OPD) is run for 2024-Q4 (kept in the work folder for the next run; or the
publication of `--home`, which must hold 2024-Q4);
its publication is then copied `--copies` times over into one DuckDB file, each copy's OPD codes
suffixed, every published table and its `history` alike, in the order the copies are made (so
an OPD's rows are spread over the whole file, as no sort helps them). The timing covers
`audit.trace.trace` of one OPD, as the command line calls it. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

from audit.trace import trace
from core.quarters import Quarter
from core.sql import sql_literal
from demo import generate
from publication.tables import published_table_names
from rapor.runner import EXIT_PUBLISHED, run_quarter

QUARTER = Quarter(2024, 4)


def _city_publication(workdir: Path) -> Path:
    home = workdir / "city"
    published = home / "published" / "rapor.duckdb"
    if not published.exists():
        summary = generate(workdir / "inbox", scale="city", seed=7, years=(2024,))
        outcome = run_quarter(home, summary.out, QUARTER)
        assert outcome.exit_code == EXIT_PUBLISHED, outcome.failed_checks
    return published


def _large_publication(small: Path, target: Path, copies: int) -> None:
    target.unlink(missing_ok=True)
    with duckdb.connect(str(target)) as con:
        con.execute(f"attach {sql_literal(small)} as small (read_only)")
        con.execute("create schema marts; create schema history")
        con.execute(
            "create table marts.publication_log as select * from small.marts.publication_log"
        )
        for schema in ("marts", "history"):
            for table in published_table_names():
                con.execute(
                    f"create table {schema}.{table} as "
                    f"select * replace (opd_code || '-' || copy.n::varchar as opd_code) "
                    f"from range({copies}) as copy(n), small.{schema}.{table}"
                )
        con.execute("checkpoint")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, default=Path(".rapor-bench/trace"))
    parser.add_argument("--home", type=Path, help="a home whose publication holds 2024-Q4")
    parser.add_argument("--copies", type=int, default=625)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    small = (
        args.home / "published" / "rapor.duckdb" if args.home else _city_publication(args.workdir)
    )
    large = args.workdir / "large.duckdb"
    started = time.perf_counter()
    _large_publication(small, large, args.copies)
    built = time.perf_counter() - started
    with duckdb.connect(str(large), read_only=True) as con:
        opd_count = con.execute(
            "select count(*) from marts.opd_quarter_ranking where quarter_key = ?", [QUARTER.key]
        ).fetchone()[0]
        lineage_rows = con.execute("select count(*) from history.measure_lineage").fetchone()[0]
        opd = con.execute(
            "select opd_code from marts.opd_quarter_ranking order by opd_code limit 1 offset ?",
            [opd_count // 2],
        ).fetchone()[0]
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        traced = trace(large, QUARTER.key, opd)
        timings.append(time.perf_counter() - started)
    rows = sum(len(c["rows"]) + len(c["not_counted"]) for c in traced["components"])
    size = large.stat().st_size / 2**30
    print(f"publication: {opd_count} OPD, {lineage_rows} lineage rows, {size:.2f} GiB")
    print(f"(copied from the city's in {built:.0f} s)")
    print(
        f"trace of {opd} ({rows} raw rows): median {statistics.median(timings):.2f} s, "
        f"min {min(timings):.2f} s, max {max(timings):.2f} s over {args.repeat} (target < 2 s)"
    )


if __name__ == "__main__":
    main()
