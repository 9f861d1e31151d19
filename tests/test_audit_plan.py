"""The audit plan (docs/methodology.md#audit-plan): the very SQL of `marts/audit/audit_plan.sql`
run on DuckDB with hand-made and hypothesis-generated inputs, no dbt run per example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sql_models import create_table, model_sql, query

AUDIT_PLAN = model_sql("marts/audit/audit_plan")


@pytest.fixture(scope="module")
def con():
    with duckdb.connect() as connection:
        create_table(
            connection,
            "build_quarter",
            [
                {
                    "quarter_key": "2024-Q3",
                    "year": 2024,
                    "quarter": 3,
                    "first_day": dt.date(2024, 7, 1),
                    "last_day": dt.date(2024, 9, 30),
                    "end_exclusive": dt.date(2024, 10, 1),
                    "first_month": 7,
                    "last_month": 9,
                }
            ],
        )
        yield connection


def plan(con, budgets, indexes, capacity=None, weights=(50.0, 50.0)) -> dict[str, dict]:
    """The plan of one region whose OPD i has budget `budgets[i]` and, in each of 2024-Q1…Q3,
    index `indexes[i]`; a quarter of 2024-Q4 and one of 2023 must not count."""
    codes = [f"O{i:02d}" for i in range(len(budgets))]
    create_table(
        con,
        "int_opd_in_scope",
        [{"opd_code": c, "region_code": "R", "rank_group": "R"} for c in codes],
    )
    create_table(
        con,
        "int_budget_absorption_by_opd",
        [{"opd_code": c, "budget": Decimal(b)} for c, b in zip(codes, budgets, strict=True)],
    )
    create_table(
        con,
        "opd_quarter_ranking",
        [
            {"opd_code": c, "year": year, "quarter": q, "index_score": i if year == 2024 else 0}
            for c, i in zip(codes, indexes, strict=True)
            for year, q in ((2023, 4), (2024, 1), (2024, 2), (2024, 3), (2024, 4))
            if (year, q) != (2024, 4)
        ]
        + [{"opd_code": c, "year": 2024, "quarter": 4, "index_score": 0.0} for c in codes],
    )
    create_table(
        con,
        "stg_scheme__parameters",
        [
            {
                "audit_capacity": capacity,
                "audit_budget_weight": weights[0],
                "audit_performance_weight": weights[1],
            }
        ],
    )
    return {row["opd_code"]: row for row in query(con, AUDIT_PLAN)}


def test_hand_computed_plan(con):
    """Budgets 100, 200, 200, 400 → mid-rank percent ranks 0, 50, 50, 100 (the tied pair takes
    ranks 2–3, middle 2.5). Indexes 80, 70, 60, 50 → 100 − index 20, 30, 40, 50. Risk at 50/50:
    10, 40, 45, 75 (sum 170). Capacity 2 × 4 = 8: one visit each, 4 shared: quotas 0.235,
    0.941, 1.059, 1.765 → whole parts 0, 0, 1, 1; the 2 left go to the largest remainders
    (0.941, 0.765) → 1, 2, 2, 3 visits, 8 in all."""
    rows = plan(con, [100, 200, 200, 400], [80, 70, 60, 50])
    assert [rows[c]["budget_share_pct_rank"] for c in sorted(rows)] == [0, 50, 50, 100]
    assert [rows[c]["avg_index_score"] for c in sorted(rows)] == [80, 70, 60, 50]
    assert [rows[c]["quarters_averaged"] for c in sorted(rows)] == [3, 3, 3, 3]
    assert [rows[c]["risk_score"] for c in sorted(rows)] == [10, 40, 45, 75]
    assert [rows[c]["audits_allocated"] for c in sorted(rows)] == [1, 2, 2, 3]
    assert {r["capacity"] for r in rows.values()} == {8}
    assert rows["O00"]["budget_share_pct"] == pytest.approx(100 / 9)


def test_capacity_below_the_number_of_opds_still_gives_one_visit_each(con):
    rows = plan(con, [1, 2, 3], [50, 50, 50], capacity=2)
    assert [r["audits_allocated"] for r in rows.values()] == [1, 1, 1]
    assert {r["capacity"] for r in rows.values()} == {3}


def test_no_risk_at_all_shares_equally(con):
    """Budget weight 0 and every index 100: every risk is 0, the 6 shared visits go 2 each."""
    rows = plan(con, [1, 2, 3], [100, 100, 100], capacity=9, weights=(0.0, 100.0))
    assert sorted(r["audits_allocated"] for r in rows.values()) == [3, 3, 3]


regions = st.integers(min_value=2, max_value=12).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.integers(min_value=0, max_value=50).map(lambda b: b * 1_000_000),
            min_size=n,
            max_size=n,
        ),
        st.lists(
            st.integers(min_value=0, max_value=10_000).map(lambda i: i / 100),
            min_size=n,
            max_size=n,
        ),
        st.one_of(st.none(), st.integers(min_value=1, max_value=5 * n)),
        st.integers(min_value=0, max_value=n - 1),
        st.integers(min_value=0, max_value=100),
    )
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(region=regions, more_budget=st.booleans(), change=st.integers(min_value=1, max_value=40))
def test_more_budget_or_poorer_performance_never_lowers_an_allocation(
    con, region, more_budget, change
):
    budgets, indexes, capacity, who, budget_weight = region
    weights = (float(budget_weight), float(100 - budget_weight))
    before = plan(con, budgets, indexes, capacity, weights)
    if more_budget:
        budgets = [b + change * 1_000_000 if i == who else b for i, b in enumerate(budgets)]
    else:
        indexes = [max(0.0, x - change) if i == who else x for i, x in enumerate(indexes)]
    after = plan(con, budgets, indexes, capacity, weights)
    opd = f"O{who:02d}"
    assert after[opd]["audits_allocated"] >= before[opd]["audits_allocated"]
    expected_total = max(capacity if capacity is not None else 2 * len(budgets), len(budgets))
    for rows in (before, after):
        assert sum(r["audits_allocated"] for r in rows.values()) == expected_total
        assert min(r["audits_allocated"] for r in rows.values()) >= 1
