"""Time `opd_rank_uncertainty` at national scale: 25 000 OPD (552 regions of about 45) × 4
components × 1 000 draws, on synthetic scores, with the very SQL of the dbt models.

    python -m benchmarks.rank_uncertainty_speed [--workdir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from tests.sql_models import model_sql
from tests.test_rank_uncertainty import scheme_tables


def measure(workdir: Path) -> None:
    """25 000 OPD (552 regions of about 45) × 4 components × 1 000 draws, under the warehouse's
    memory bound (2 GB, spilling to disk)."""
    config = {"memory_limit": "2GB", "temp_directory": str(workdir / "spill")}
    with duckdb.connect(str(workdir / "n.duckdb"), config=config) as con:
        weights = {
            "budget_absorption": 20.0,
            "physical_progress": 20.0,
            "indicator": 50.0,
            "p3dn": 10.0,
        }
        scheme_tables(con, weights, top_n=3, bottom_n=3)
        con.execute(
            """
            create table int_component_scores as
            select printf('O%05d', i) as opd_code, c.component, c.position,
                c.weight as scheme_weight, 40 + 60 * random() as score, false as is_excluded
            from range(25000) as r(i) cross join stg_scheme__components as c;
            create table int_opd_tie_break as
            select printf('O%05d', i) as opd_code, printf('R%03d', i % 552) as rank_group,
                1 as tie_break_order
            from range(25000) as r(i);
            create table opd_quarter_ranking as
            select '2024-Q3' as quarter_key, t.opd_code, t.rank_group,
                round(sum(s.score * s.scheme_weight / 100)::decimal(38, 8), 2)::decimal(5, 2)
                    as index_score,
                1 as rank, 'none' as consequence
            from int_opd_tie_break as t
            inner join int_component_scores as s on t.opd_code = s.opd_code
            group by all;
            alter table opd_quarter_ranking add column group_size integer;
            update opd_quarter_ranking as r set group_size = (
                select count(*) from opd_quarter_ranking as g where g.rank_group = r.rank_group
            );
            """
        )
        started, cpu = time.perf_counter(), time.process_time()
        con.execute("create table result as " + model_sql("marts/robustness/opd_rank_uncertainty"))
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
