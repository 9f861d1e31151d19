"""Cross-dataset coverage: every OPD of the master active in the quarter has data for every measure
its scheme needs (docs/inputs.md#coverage). Also the per-OPD completeness matrix of the report."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import master_opd
from data_quality.rules import between, error
from data_quality.suites import Suite

# The dataset each measure reads, and which of its rows count for the quarter.
EVIDENCE = {
    "budget_absorption": ("anggaran", "r.year = {y} and r.month = {m}"),
    "physical_progress": ("fisik", "r.year = {y} and r.month = {m}"),
    "indicator_achievement": (
        "indikator",
        "r.year = {y} and r.quarter = {q} and lower(r.level) in (select level from levels)",
    ),
    "p3dn_usage": ("p3dn", "r.year = {y} and r.quarter = {q}"),
    "assessed": ("komponen", "r.year = {y} and r.quarter = {q}"),
}
# Measures that need no rows of an OPD, and why. complaint_response: an OPD without complaints
# is a result, not a gap; the scheme's `no_complaints` scores it (full: 100) or drops the
# component for it (exclude).
NO_ROWS_NEEDED = {"complaint_response": "no complaints is scored by the scheme's no_complaints"}


def _evidence_sql(quarter: Quarter) -> str:
    parts = []
    for measure, (dataset, where) in EVIDENCE.items():
        condition = where.format(y=quarter.year, q=quarter.quarter, m=quarter.last_month)
        component = "r.component" if measure == "assessed" else "null"
        parts.append(
            f"select '{measure}' as measure, {component} as component, r.opd_code, "
            f"count(*) as found_rows from {DATASETS[dataset].current_rows} as r "
            f"where {condition} group by all"
        )
    return "\n    union all\n    ".join(parts)


def rows_sql(quarter: Quarter) -> str:
    start, end = quarter.start.isoformat(), quarter.last_day.isoformat()
    return f"""
with levels as (
    select unnest(string_split(indicator_levels, ',')) as level
    from raw.scheme_parameters where quarter_key = '{quarter.key}'
),
opd as (
    select opd_code from {master_opd()} as master
    where coalesce(master.active_from, date '{end}') <= date '{end}'
        and coalesce(master.active_to, date '{start}') >= date '{start}'
),
needed as (
    select component, measure from raw.scheme_components
    where quarter_key = '{quarter.key}' and measure in ({", ".join(f"'{m}'" for m in EVIDENCE)})
),
evidence as (
    {_evidence_sql(quarter)}
)
select
    case needed.measure
        {" ".join(f"when '{m}' then '{d}/'" for m, (d, _) in EVIDENCE.items())}
    end as _file_name,
    '' as _sheet,
    null::bigint as _line,
    opd.opd_code,
    needed.component,
    needed.measure,
    coalesce(sum(evidence.found_rows), 0) as found_rows
from opd
cross join needed
left join evidence
    on evidence.opd_code = opd.opd_code
    and evidence.measure = needed.measure
    and (needed.measure <> 'assessed' or evidence.component = needed.component)
group by all
order by opd.opd_code, needed.component
"""


SUITE = Suite(
    name="coverage",
    rows_sql=rows_sql,
    rules=(
        error(
            "measure_data_missing",
            "opd_code",
            between(column="found_rows", min_value=1),
        ),
    ),
    locators=("_file_name", "_sheet", "_line", "component"),
)
