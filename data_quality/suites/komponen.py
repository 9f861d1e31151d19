"""komponen/: assessed component scores per quarter."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import between, error
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["komponen"]


def rows_sql(quarter: Quarter) -> str:
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code, r.component,
    r.score::double as score,
    {key_columns(DATASET.key, values)},
    {opd_columns(quarter)}
from {DATASET.current_rows} as r
where r.year = {quarter.year} and r.quarter = {quarter.quarter}
"""


SUITE = Suite(
    name="komponen",
    rows_sql=rows_sql,
    rules=(
        error(
            "score_out_of_range",
            "score",
            between(column="score", min_value=0, max_value=100),
        ),
        *opd_and_key_rules("component"),
    ),
)
