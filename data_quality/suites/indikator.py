"""indikator/: indicator targets and realisations per quarter."""

from __future__ import annotations

from core.contract import DATASETS
from core.quarters import Quarter
from data_quality.quarter_rows import key_columns, opd_columns
from data_quality.rules import between, error, in_set
from data_quality.suites import Suite
from data_quality.suites.common import opd_and_key_rules

DATASET = DATASETS["indikator"]
POSITIVE = ("positif", "positive", "+", "maximize", "maksimal")
NEGATIVE = ("negatif", "negative", "-", "minimize", "minimal")
LEVELS = ("iku", "ikd", "program", "kegiatan", "ikp")


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def rows_sql(quarter: Quarter) -> str:
    values = [c.name for c in DATASET.columns]
    return f"""
select
    r._file_name, r._sheet, r._line, r.opd_code, r.indicator_code,
    lower(r.polarity) as polarity,
    lower(r.level) as level,
    r.target::double as target,
    case when lower(r.polarity) in ({_sql_list(POSITIVE)}) then r.target end::double
        as positive_polarity_target,
    r.weight::double as weight,
    {key_columns(DATASET.key, values)},
    {opd_columns(quarter)}
from {DATASET.current_rows} as r
where r.year = {quarter.year} and r.quarter = {quarter.quarter}
"""


SUITE = Suite(
    name="indikator",
    rows_sql=rows_sql,
    rules=(
        error(
            "polarity_unknown",
            "polarity",
            in_set(column="polarity", value_set=[*POSITIVE, *NEGATIVE]),
        ),
        error(
            "level_unknown",
            "level",
            in_set(column="level", value_set=list(LEVELS)),
            allowed=", ".join(LEVELS),
        ),
        error(
            "target_negative",
            "target",
            between(column="target", min_value=0),
        ),
        error(
            "positive_target_zero",
            "target",
            between(column="positive_polarity_target", min_value=0, strict_min=True),
        ),
        error(
            "weight_negative",
            "weight",
            between(column="weight", min_value=0),
        ),
        *opd_and_key_rules("indicator_code"),
    ),
)
