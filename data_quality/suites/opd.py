"""opd/: the OPD master."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns
from data_quality.rules import a_greater_than_b, error, in_set
from data_quality.suites import Suite
from data_quality.suites.common import key_rules

DATASET = DATASETS["opd"]
OPD_TYPES = (
    "dinas",
    "badan",
    "sekretariat",
    "inspektorat",
    "kecamatan",
    "kantor",
    "rsud",
    "lainnya",
)


def rows_sql(quarter: Quarter) -> str:
    """The whole master: it holds no period."""
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code, r.opd_name,
    lower(r.opd_type) as opd_type,
    r.active_from, r.active_to,
    {key_columns(DATASET.key, values)}
from {DATASET.current_rows} as r
"""


SUITE = Suite(
    name="opd",
    rows_sql=rows_sql,
    rules=(
        error(
            "opd_type_unknown",
            "opd_type",
            in_set(column="opd_type", value_set=list(OPD_TYPES)),
            allowed=", ".join(OPD_TYPES),
        ),
        error(
            "active_window_reversed",
            "active_to",
            a_greater_than_b(
                column_A="active_to",
                column_B="active_from",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        *key_rules("opd_code"),
    ),
)
