"""anggaran/: budget (pagu) and realisation per sub-activity per month."""

from __future__ import annotations

import great_expectations.expectations as gxe

from data_quality.quarter_rows import current, key_columns, opd_columns
from data_quality.rules import error, warning
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules
from ingest.contract import DATASETS
from rapor.quarters import Quarter

DATASET = DATASETS["anggaran"]
# A realisation above the pagu by more than this share is an error (spec: inputs.md).
PAGU_TOLERANCE = 1.005


def rows_sql(quarter: Quarter) -> str:
    """The quarter's months; the running sum of monthly realisation starts in January."""
    values = [c.name for c in DATASET.columns]
    return f"""
with year_rows as (
    select
        r.*,
        {key_columns(DATASET.key, values)},
        {opd_columns(quarter)}
    from raw.anggaran as r
    where r.year = {quarter.year} and r.month <= {quarter.last_month}
        and {current("anggaran", "r.year", "r.month")}
),
month_values as (
    -- exact copies collapse to one value; conflicting copies are reported by their own rule
    select opd_code, sub_activity_code, month, max(realization_month) as realization_month
    from year_rows
    group by all
),
running as (
    select
        opd_code, sub_activity_code, month,
        sum(realization_month) over (
            partition by opd_code, sub_activity_code order by month
        ) as realization_month_running
    from month_values
)
select
    y._file_name, y._sheet, y._line, y.opd_code, y.sub_activity_code, y.month,
    y.budget::double as budget,
    y.realization_month::double as realization_month,
    y.realization_ytd::double as realization_ytd,
    y.realization_month is not null or y.realization_ytd is not null as has_realization,
    (y.realization_ytd - running.realization_month_running)::double as realization_ytd_gap,
    case
        when y.budget > 0
            then coalesce(y.realization_ytd, running.realization_month_running) / y.budget
        when coalesce(y.realization_ytd, running.realization_month_running) > 0 then 1e12
        else 0
    end::double as share_of_pagu,
    y.key_conflict, y.copies, y.opd_in_master, y.opd_active
from year_rows as y
left join running using (opd_code, sub_activity_code, month)
where y.month >= {quarter.first_month}
"""


SUITE = Suite(
    name="anggaran",
    rows_sql=rows_sql,
    rules=(
        error(
            "budget_negative",
            "budget",
            gxe.ExpectColumnValuesToBeBetween(column="budget", min_value=0),
        ),
        error(
            "realization_missing",
            "realization_ytd",
            gxe.ExpectColumnValuesToBeInSet(column="has_realization", value_set=[True]),
        ),
        error(
            "realization_negative",
            "realization_ytd",
            gxe.ExpectColumnValuesToBeBetween(column="realization_ytd", min_value=0),
        ),
        warning(
            "realization_month_negative",
            "realization_month",
            gxe.ExpectColumnValuesToBeBetween(column="realization_month", min_value=0),
        ),
        error(
            "realization_columns_disagree",
            "realization_ytd",
            gxe.ExpectColumnValuesToBeBetween(
                column="realization_ytd_gap", min_value=-0.01, max_value=0.01
            ),
        ),
        error(
            "realization_above_pagu",
            "realization_ytd",
            gxe.ExpectColumnValuesToBeBetween(column="share_of_pagu", max_value=PAGU_TOLERANCE),
        ),
        *opd_and_key_rules("sub_activity_code"),
    ),
)
