"""The weight draws of the Monte Carlo (`int_weight_draws`) over 1 000 draws: seeded, bounded,
renormalised. The SQL is the model's as dbt compiles it, run on tables made here. The
hand-computed cases are dbt unit tests: the md5 draws in
`dbt_project/models/intermediate/robustness/_robustness__unit_tests.yml`, the ranks and
consequences under given draws in `dbt_project/models/marts/robustness/_robustness__unit_tests.yml`.
Its speed at national scale is measured by `benchmarks/rank_uncertainty_speed.py`."""

from __future__ import annotations

import duckdb
import pytest

from tests.dbt_runs import compiled_models, connect, create_table, query


def weight_draws(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    weights: dict[str, float],
    draws=1000,
    seed=1,
    pct=20.0,
    top_n=1,
    bottom_n=1,
) -> None:
    """The scheme's components and parameters, and `intermediate.int_weight_draws` from them by
    `sql` (the model's compiled SQL)."""
    create_table(
        con,
        "staging.stg_scheme__components",
        [
            {"component": code, "position": i, "weight": weight}
            for i, (code, weight) in enumerate(weights.items(), start=1)
        ],
    )
    create_table(
        con,
        "staging.stg_scheme__parameters",
        [
            {
                "uncertainty_perturbation_pct": pct,
                "uncertainty_draws": draws,
                "uncertainty_seed": seed,
                "uncertainty_min_kept_share": 0.95,
                "reward_top_n": top_n,
                "sanction_bottom_n": bottom_n,
            }
        ],
    )
    con.execute("create or replace table intermediate.int_weight_draws as " + sql)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """A connection to a warehouse of its own, and the weight draws' SQL."""
    workdir = tmp_path_factory.mktemp("rank_uncertainty")
    sql = compiled_models(workdir, "int_weight_draws")["int_weight_draws"]
    with connect(workdir) as con:
        yield con, sql


def test_weight_draws_are_seeded_bounded_and_renormalised(warehouse):
    con, sql = warehouse
    ordered = "from intermediate.int_weight_draws order by draw, position"
    weight_draws(con, sql, {"a": 50.0, "b": 30.0, "c": 20.0})
    draws = query(con, ordered)
    weight_draws(con, sql, {"a": 50.0, "b": 30.0, "c": 20.0})
    again = query(con, ordered)
    summary = con.execute(
        "select count(distinct draw), max(abs(total - 100)) from "
        "(select draw, sum(weight) as total from intermediate.int_weight_draws group by draw)"
    ).fetchone()
    weight_draws(con, sql, {"a": 50.0, "b": 30.0, "c": 20.0}, seed=2)
    other = query(con, ordered)
    assert draws == again and draws != other
    assert summary[0] == 1000 and summary[1] < 1e-9
    # a: 50 × [0.8, 1.2) against the others × [0.8, 1.2): within 50·0.8/(50·0.8 + 50·1.2) …
    a = [r["weight"] for r in draws if r["component"] == "a"]
    assert min(a) >= 40 and max(a) <= 60
    assert sum(a) / len(a) == pytest.approx(50, abs=0.5)
