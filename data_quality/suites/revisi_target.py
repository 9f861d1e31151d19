"""revisi_target/: negotiated indicator targets."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import between, error, in_set, warning
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["revisi_target"]
STATUSES = ("diajukan", "disetujui", "ditolak")


def rows_sql(quarter: Quarter) -> str:
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code, r.indicator_code,
    lower(r.status) as status,
    r.proposed_target::double as proposed_target,
    r.decided_at,
    case when lower(r.status) in ('disetujui', 'ditolak') then r.decided_at is not null end
        as decision_dated,
    {key_columns(DATASET.key, values)},
    {opd_columns(quarter)}
from {DATASET.current_rows} as r
where r.year = {quarter.year} and r.quarter = {quarter.quarter}
"""


SUITE = Suite(
    name="revisi_target",
    rows_sql=rows_sql,
    rules=(
        error(
            "revision_status_unknown",
            "status",
            in_set(column="status", value_set=list(STATUSES)),
            allowed=", ".join(STATUSES),
        ),
        error(
            "proposed_target_negative",
            "proposed_target",
            between(column="proposed_target", min_value=0),
        ),
        warning(
            "decision_undated",
            "decided_at",
            in_set(column="decision_dated", value_set=[True]),
        ),
        *opd_and_key_rules("indicator_code"),
    ),
)
