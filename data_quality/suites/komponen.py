"""komponen/: assessed component scores per quarter."""

from __future__ import annotations

import great_expectations.expectations as gxe

from data_quality.quarter_rows import current, key_columns, opd_columns
from data_quality.rules import error
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules
from ingest.contract import DATASETS
from rapor.quarters import Quarter

DATASET = DATASETS["komponen"]


def rows_sql(quarter: Quarter) -> str:
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code, r.component,
    r.score::double as score,
    {key_columns(DATASET.key, values)},
    {opd_columns(quarter)}
from raw.komponen as r
where r.year = {quarter.year} and r.quarter = {quarter.quarter}
    and {current("komponen", "r.year", "r.quarter")}
"""


SUITE = Suite(
    name="komponen",
    rows_sql=rows_sql,
    rules=(
        error(
            "score_out_of_range",
            "score",
            gxe.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=100),
        ),
        *opd_and_key_rules("component"),
    ),
)
