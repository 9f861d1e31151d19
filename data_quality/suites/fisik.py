"""fisik/: cumulative physical progress per sub-activity per month."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import between, error
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["fisik"]


def rows_sql(quarter: Quarter) -> str:
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code, r.sub_activity_code, r.month,
    r.physical_target_pct::double as physical_target_pct,
    r.physical_realization_pct::double as physical_realization_pct,
    {key_columns(DATASET.key, values)},
    {opd_columns(quarter)}
from {DATASET.current_rows} as r
where r.year = {quarter.year} and r.month between {quarter.first_month} and {quarter.last_month}
"""


SUITE = Suite(
    name="fisik",
    rows_sql=rows_sql,
    rules=(
        error(
            "physical_target_out_of_range",
            "physical_target_pct",
            between(column="physical_target_pct", min_value=0, max_value=100),
        ),
        error(
            "physical_realization_out_of_range",
            "physical_realization_pct",
            between(column="physical_realization_pct", min_value=0, max_value=100),
        ),
        *opd_and_key_rules("sub_activity_code"),
    ),
)
