"""anggaran/: budget (pagu) and realisation per sub-activity per month."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import between, error, in_set, warning
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["anggaran"]
# A realisation above the pagu by more than this share is an error (docs/inputs.md#anggaran-suite).
PAGU_TOLERANCE = 1.005


def rows_sql(quarter: Quarter) -> str:
    """The quarter's months; the running sum of monthly realisation starts in January. Only the
    running sum reads the earlier months: the per-row rules look at the quarter's rows alone."""
    values = [c.name for c in DATASET.columns]
    return f"""
with month_values as (
    -- exact copies collapse to one value; conflicting copies are reported by their own rule
    select r.opd_code, r.sub_activity_code, r.month, max(r.realization_month) as realization_month
    from {DATASET.current_rows} as r
    where r.year = {quarter.year} and r.month <= {quarter.last_month}
    group by all
),
running as (
    select
        opd_code, sub_activity_code, month,
        sum(realization_month) over (
            partition by opd_code, sub_activity_code order by month
        ) as realization_month_running
    from month_values
),
quarter_rows as (
    select
        r.*,
        {key_columns(DATASET.key, values)},
        {opd_columns(quarter)}
    from {DATASET.current_rows} as r
    where r.year = {quarter.year} and r.month between {quarter.first_month} and {quarter.last_month}
)
select
    q._file_name, q._sheet, q._line, q.opd_code, q.sub_activity_code, q.month,
    q.budget::double as budget,
    q.realization_month::double as realization_month,
    q.realization_ytd::double as realization_ytd,
    q.realization_month is not null or q.realization_ytd is not null as has_realization,
    (q.realization_ytd - running.realization_month_running)::double as realization_ytd_gap,
    case
        when q.budget > 0
            then coalesce(q.realization_ytd, running.realization_month_running) / q.budget
        when coalesce(q.realization_ytd, running.realization_month_running) > 0 then 1e12
        else 0
    end::double as share_of_pagu,
    q.key_conflict, q.copies, q.opd_in_master, q.opd_active
from quarter_rows as q
left join running using (opd_code, sub_activity_code, month)
"""


SUITE = Suite(
    name="anggaran",
    rows_sql=rows_sql,
    rules=(
        error(
            "budget_negative",
            "budget",
            between(column="budget", min_value=0),
        ),
        error(
            "realization_missing",
            "realization_ytd",
            in_set(column="has_realization", value_set=[True]),
        ),
        error(
            "realization_negative",
            "realization_ytd",
            between(column="realization_ytd", min_value=0),
        ),
        warning(
            "realization_month_negative",
            "realization_month",
            between(column="realization_month", min_value=0),
        ),
        error(
            "realization_columns_disagree",
            "realization_ytd",
            between(column="realization_ytd_gap", min_value=-0.01, max_value=0.01),
        ),
        error(
            "realization_above_pagu",
            "realization_ytd",
            between(column="share_of_pagu", max_value=PAGU_TOLERANCE),
        ),
        *opd_and_key_rules("sub_activity_code"),
    ),
)
