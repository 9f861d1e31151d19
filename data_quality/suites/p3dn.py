"""p3dn/: procurement and its domestic share, per quarter (year to date)."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import a_greater_than_b, between, error
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["p3dn"]


def rows_sql(quarter: Quarter) -> str:
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code,
    r.procurement_total::double as procurement_total,
    r.domestic_total::double as domestic_total,
    {key_columns(DATASET.key, values)},
    {opd_columns(quarter)}
from {DATASET.current_rows} as r
where r.year = {quarter.year} and r.quarter = {quarter.quarter}
"""


SUITE = Suite(
    name="p3dn",
    rows_sql=rows_sql,
    rules=(
        error(
            "procurement_negative",
            "procurement_total",
            between(column="procurement_total", min_value=0),
        ),
        error(
            "domestic_negative",
            "domestic_total",
            between(column="domestic_total", min_value=0),
        ),
        error(
            "domestic_above_procurement",
            "domestic_total",
            a_greater_than_b(
                column_A="procurement_total",
                column_B="domestic_total",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        *opd_and_key_rules(),
    ),
)
