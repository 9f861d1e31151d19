"""The audit plan (docs/methodology.md#audit-plan) on generated regions: more budget or a lower
index never lowers an OPD's visits, and the visits always add up. The SQL is
`marts/audit/audit_plan.sql` as dbt compiles it, run on tables made per example. The
hand-computed plans are dbt unit tests in
`dbt_project/models/marts/audit/_audit__unit_tests.yml`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.quarters import Quarter
from tests.dbt_runs import compiled_models, connect, create_table, query


@pytest.fixture(scope="module")
def audit_plan(tmp_path_factory):
    """A connection to a warehouse with the quarter 2024-Q3, and the audit plan's SQL."""
    workdir = tmp_path_factory.mktemp("audit_plan")
    sql = compiled_models(workdir, "audit_plan")["audit_plan"]
    with connect(workdir) as con:
        create_table(con, "raw.build_quarter", [Quarter(2024, 3).build_row()])
        yield con, sql


def plan(audit_plan, budgets, indexes, capacity=None, weights=(50.0, 50.0)) -> dict[str, dict]:
    """The plan of one region whose OPD i has budget `budgets[i]` and, in each of 2024-Q1…Q3,
    index `indexes[i]`; a quarter of 2024-Q4 and one of 2023 must not count."""
    con, sql = audit_plan
    codes = [f"O{i:02d}" for i in range(len(budgets))]
    create_table(
        con,
        "intermediate.int_opd_in_scope",
        [{"opd_code": c, "region_code": "R", "rank_group": "R"} for c in codes],
    )
    create_table(
        con,
        "intermediate.int_budget_absorption_by_opd",
        [{"opd_code": c, "budget": Decimal(b)} for c, b in zip(codes, budgets, strict=True)],
    )
    create_table(
        con,
        "marts.opd_quarter_ranking",
        [
            {"opd_code": c, "year": year, "quarter": q, "index_score": i if year == 2024 else 0}
            for c, i in zip(codes, indexes, strict=True)
            for year, q in ((2023, 4), (2024, 1), (2024, 2), (2024, 3))
        ]
        + [{"opd_code": c, "year": 2024, "quarter": 4, "index_score": 0.0} for c in codes],
    )
    create_table(
        con,
        "staging.stg_scheme__parameters",
        [
            {
                "audit_capacity": capacity,
                "audit_budget_weight": weights[0],
                "audit_performance_weight": weights[1],
            }
        ],
    )
    return {row["opd_code"]: row for row in query(con, sql)}


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
    audit_plan, region, more_budget, change
):
    budgets, indexes, capacity, who, budget_weight = region
    weights = (float(budget_weight), float(100 - budget_weight))
    before = plan(audit_plan, budgets, indexes, capacity, weights)
    if more_budget:
        budgets = [b + change * 1_000_000 if i == who else b for i, b in enumerate(budgets)]
    else:
        indexes = [max(0.0, x - change) if i == who else x for i, x in enumerate(indexes)]
    after = plan(audit_plan, budgets, indexes, capacity, weights)
    opd = f"O{who:02d}"
    assert after[opd]["audits_allocated"] >= before[opd]["audits_allocated"]
    expected_total = max(capacity if capacity is not None else 2 * len(budgets), len(budgets))
    for rows in (before, after):
        assert sum(r["audits_allocated"] for r in rows.values()) == expected_total
        assert min(r["audits_allocated"] for r in rows.values()) >= 1


def test_the_plan_does_not_depend_on_the_order_rows_arrive_in(audit_plan):
    """A sum of doubles depends on the order of its terms, and parallel scans change that order
    between two builds of the same inputs: every sum of the plan is order-independent
    (macros/order_independent_sum.sql), so the same inputs in another row order give the same
    plan to the last bit (quota, the risk and the average index included)."""
    con, sql = audit_plan
    count = 5000
    budgets = [(i * 7919) % 997 * 1_000_000 for i in range(count)]
    # indexes with many significant bits, so that the order of the sums shows in the last ones
    indexes = [100 * ((i * 104_729) % 9_973) / 9_973 + 1 / 3 for i in range(count)]
    first = plan(audit_plan, budgets, indexes)
    for seed in (0.1, 0.7):
        con.execute(f"select setseed({seed})")
        for table in (
            "intermediate.int_opd_in_scope",
            "intermediate.int_budget_absorption_by_opd",
            "marts.opd_quarter_ranking",
        ):
            con.execute(f"create or replace table {table} as from {table} order by random()")
        again = {row["opd_code"]: row for row in query(con, sql)}
        assert again == first
