"""Time `opd_rank_uncertainty` at national scale: 25 000 OPD (552 regions of about 45) × 4
components × 1 000 draws, on synthetic scores, with the SQL of the dbt models as dbt compiles it.

    python -m benchmarks.rank_uncertainty_speed [--workdir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from tests.dbt_runs import WAREHOUSE_FILE, compiled_models
from tests.test_rank_uncertainty import weight_draws


def measure(workdir: Path) -> None:
    """25 000 OPD (552 regions of about 45) × 4 components × 1 000 draws, under the warehouse's
    memory bound (2 GB, spilling to disk)."""
    # compiled for a warehouse without the mart, so that it compiles as a full build
    (workdir / WAREHOUSE_FILE).unlink(missing_ok=True)
    sql = compiled_models(workdir, "int_weight_draws", "opd_rank_uncertainty")
    config = {"memory_limit": "2GB", "temp_directory": str(workdir / "spill")}
    with duckdb.connect(str(workdir / WAREHOUSE_FILE), config=config) as con:
        for schema in ("raw", "staging", "intermediate", "marts"):
            con.execute(f"create schema {schema}")
        weights = {
            "budget_absorption": 20.0,
            "physical_progress": 20.0,
            "indicator": 50.0,
            "p3dn": 10.0,
        }
        weight_draws(con, sql["int_weight_draws"], weights, top_n=3, bottom_n=3)
        con.execute(
            """
            create table raw.build_quarter as select '2024-Q3' as quarter_key;
            create table intermediate.int_component_scores as
            select printf('O%05d', i) as opd_code, c.component, c.position,
                c.weight as scheme_weight, 40 + 60 * random() as score, false as is_excluded
            from range(25000) as r(i) cross join staging.stg_scheme__components as c;
            create table intermediate.int_opd_tie_break as
            select printf('O%05d', i) as opd_code, printf('R%03d', i % 552) as rank_group,
                1 as tie_break_order
            from range(25000) as r(i);
            create table marts.opd_quarter_ranking as
            select '2024-Q3' as quarter_key, t.opd_code, t.rank_group,
                round(sum(s.score * s.scheme_weight / 100)::decimal(38, 8), 2)::decimal(5, 2)
                    as index_score,
                1 as rank, 'none' as consequence
            from intermediate.int_opd_tie_break as t
            inner join intermediate.int_component_scores as s on t.opd_code = s.opd_code
            group by all;
            alter table marts.opd_quarter_ranking add column group_size integer;
            update marts.opd_quarter_ranking as r set group_size = (
                select count(*) from marts.opd_quarter_ranking as g
                where g.rank_group = r.rank_group
            );
            """
        )
        started, cpu = time.perf_counter(), time.process_time()
        con.execute("create table result as " + sql["opd_rank_uncertainty"])
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        count, draws = con.execute("select count(*), min(draws) from result").fetchone()
    print(f"opd_rank_uncertainty, 25 000 OPD × 1 000 draws: {wall:.1f} s wall, {cpu:.1f} s CPU")
    assert (count, draws) == (25000, 1000), "one row per OPD, every draw counted"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", help="for the DuckDB file and its spill (default: temporary)")
    args = parser.parse_args()
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
        measure(Path(args.workdir))
        return
    with tempfile.TemporaryDirectory() as workdir:
        measure(Path(workdir))


if __name__ == "__main__":
    main()
