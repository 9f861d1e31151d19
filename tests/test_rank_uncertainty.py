"""The Monte Carlo of the weights (`opd_rank_uncertainty`): the very SQL of the dbt models run on
DuckDB with hand-made scores. Its speed at national scale is measured by
`benchmarks/rank_uncertainty_speed.py`."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from core.quarters import Quarter
from tests.sql_models import create_table, model_sql, query

Q = Quarter(2024, 3)


def scheme_tables(
    con, weights: dict[str, float], draws=1000, seed=1, pct=20.0, top_n=1, bottom_n=1
):
    create_table(con, "build_quarter", [Q.build_row()])
    create_table(
        con,
        "stg_scheme__components",
        [
            {"component": code, "position": i, "weight": weight}
            for i, (code, weight) in enumerate(weights.items(), start=1)
        ],
    )
    create_table(
        con,
        "stg_scheme__parameters",
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
    con.execute(
        "create or replace table int_weight_draws as "
        + model_sql("intermediate/robustness/int_weight_draws")
    )


def test_weight_draws_are_seeded_bounded_and_renormalised():
    with duckdb.connect() as con:
        scheme_tables(con, {"a": 50.0, "b": 30.0, "c": 20.0})
        draws = query(con, "from int_weight_draws order by draw, position")
        again = query(con, "from int_weight_draws order by draw, position")
        scheme_tables(con, {"a": 50.0, "b": 30.0, "c": 20.0}, seed=2)
        other = query(con, "from int_weight_draws order by draw, position")
        summary = con.execute(
            "select count(distinct draw), max(abs(total - 100)) from "
            "(select draw, sum(weight) as total from int_weight_draws group by draw)"
        ).fetchone()
    assert draws == again and draws != other
    assert summary[0] == 1000 and summary[1] < 1e-9
    # a: 50 × [0.8, 1.2) against the others × [0.8, 1.2): within 50·0.8/(50·0.8 + 50·1.2) …
    a = [r["weight"] for r in draws if r["component"] == "a"]
    assert min(a) >= 40 and max(a) <= 60
    assert sum(a) / len(a) == pytest.approx(50, abs=0.5)


def _uncertainty(con, scores: dict[str, tuple], published: dict[str, tuple]) -> dict[str, dict]:
    """scores: opd → component scores (None = excluded); published: opd → (group, index, rank,
    consequence)."""
    components = query(con, "from stg_scheme__components order by position")
    create_table(
        con,
        "int_component_scores",
        [
            {
                "opd_code": opd,
                "component": c["component"],
                "position": c["position"],
                "scheme_weight": c["weight"],
                "score": value,
                "is_excluded": value is None,
            }
            for opd, values in scores.items()
            for c, value in zip(components, values, strict=True)
        ],
    )
    create_table(
        con,
        "int_opd_tie_break",
        [
            {"opd_code": opd, "rank_group": p[0], "tie_break_order": 1}
            for opd, p in published.items()
        ],
    )
    create_table(
        con,
        "opd_quarter_ranking",
        [
            {
                "quarter_key": Q.key,
                "opd_code": opd,
                "rank_group": group,
                "index_score": Decimal(index),
                "rank": rank,
                "group_size": sum(p[0] == group for p in published.values()),
                "consequence": consequence,
            }
            for opd, (group, index, rank, consequence) in published.items()
        ],
    )
    rows = query(con, model_sql("marts/robustness/opd_rank_uncertainty"))
    return {row["opd_code"]: row for row in rows}


def test_robust_and_fragile_consequences():
    """Weights a 50 / b 50; top 2 rewarded, bottom 1 sanctioned, in a group of 4 (at most 2 each).
    O1 (90, 90) = 90 wins under any weights; O4 (10, 10) = 10 loses under any. O2 (80, 60) and
    O3 (60, 80) tie at 70: published, the tie at rank 2 would make three rewarded, more than half
    of the group, so neither is; in almost every draw one of them is ahead and rewarded, each in
    about half the draws: their 'none' holds in about half the draws only."""
    with duckdb.connect() as con:
        scheme_tables(con, {"a": 50.0, "b": 50.0}, top_n=2)
        rows = _uncertainty(
            con,
            {"O1": (90, 90), "O2": (80, 60), "O3": (60, 80), "O4": (10, 10)},
            {
                "O1": ("g", "90.00", 1, "reward"),
                "O2": ("g", "70.00", 2, "none"),
                "O3": ("g", "70.00", 2, "none"),
                "O4": ("g", "10.00", 4, "sanction"),
            },
        )
    o1, o2, o3, o4 = (rows[c] for c in ("O1", "O2", "O3", "O4"))
    assert (o1["median_rank"], o1["rank_p05"], o1["rank_p95"]) == (1, 1, 1)
    assert (o1["consequence_kept_share"], o1["is_consequence_uncertain"]) == (1, False)
    assert (o4["median_rank"], o4["sanction_share"], o4["is_consequence_uncertain"]) == (
        4,
        1,
        False,
    )
    for row in (o2, o3):
        assert (row["rank_p05"], row["rank_p95"], row["draws"]) == (2, 3, 1000)
        assert row["reward_share"] == pytest.approx(0.5, abs=0.06)
        assert row["consequence_kept_share"] == pytest.approx(1 - row["reward_share"])
        assert row["is_consequence_uncertain"] is True
    assert o2["reward_share"] + o3["reward_share"] == pytest.approx(1, abs=0.01)


def test_groups_are_ranked_apart_and_excluded_weight_is_spread():
    """Two groups of two. In g2, P1 has component b excluded: its index is its a score, 75,
    whatever the weights; P2 (100, 40) moves around 70 ± 6 and so ranks below P1 only in some
    draws."""
    with duckdb.connect() as con:
        scheme_tables(con, {"a": 50.0, "b": 50.0})
        rows = _uncertainty(
            con,
            {"G1": (90, 90), "G2": (20, 20), "P1": (75, None), "P2": (100, 40)},
            {
                "G1": ("g1", "90.00", 1, "reward"),
                "G2": ("g1", "20.00", 2, "sanction"),
                "P1": ("g2", "75.00", 1, "reward"),
                "P2": ("g2", "70.00", 2, "sanction"),
            },
        )
    assert rows["G1"]["consequence_kept_share"] == 1 and rows["G2"]["consequence_kept_share"] == 1
    # P2 = (100·wa + 40·wb) / 100 with wa in [40, 60]: above 75 only when wa > 58.3
    assert 0 < rows["P2"]["reward_share"] < 0.2
    assert rows["P1"]["median_rank"] == 1 and rows["P2"]["median_rank"] == 2
