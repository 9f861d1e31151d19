"""pengaduan/: SP4N LAPOR complaints submitted in the quarter."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import a_greater_than_b, error, in_set, warning
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["pengaduan"]
STATUSES = ("belum diverifikasi", "belum ditindaklanjuti", "proses", "selesai", "ditutup")


def rows_sql(quarter: Quarter) -> str:
    """Tracking ids are unique across all periods, so the key rule looks at every current row."""
    values = [c.name for c in DATASET.columns]
    return f"""
with current_rows as (
    select
        r.*,
        {key_columns(DATASET.key, values)}
    from {DATASET.current_rows} as r
)
select
    r._file_name, r._sheet, r._line, r.tracking_id, r.opd_code,
    lower(r.status) as status,
    r.submitted_at, r.first_response_at, r.closed_at,
    r.key_conflict, r.copies,
    {opd_columns(quarter)}
from current_rows as r
where r.submitted_at >= timestamp '{quarter.start}'
    and r.submitted_at < timestamp '{quarter.end_exclusive}'
"""


SUITE = Suite(
    name="pengaduan",
    rows_sql=rows_sql,
    rules=(
        error(
            "complaint_status_unknown",
            "status",
            in_set(column="status", value_set=list(STATUSES)),
            allowed=", ".join(STATUSES),
        ),
        error(
            "answered_before_submitted",
            "first_response_at",
            a_greater_than_b(
                column_A="first_response_at",
                column_B="submitted_at",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        error(
            "closed_before_submitted",
            "closed_at",
            a_greater_than_b(
                column_A="closed_at",
                column_B="submitted_at",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        warning(
            "closed_before_answered",
            "closed_at",
            a_greater_than_b(
                column_A="closed_at",
                column_B="first_response_at",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        *opd_and_key_rules("tracking_id"),
    ),
)
