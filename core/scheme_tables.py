"""The `raw.scheme_*` tables the dbt formulas read, declared once, from the scheme model.

A field of `core/scheme.py` marked `Column(...)` is a column: its name there, its DuckDB type from
the Python type, its description from the field's, its value rule from the field's bounds or
literal values (tested by the model's `column_values`). The few columns that are no field of the
scheme (a position in a list, a holiday of the calendar) are declared below as `Extra`. From this:

- the rows and columns `ingest/scheme_tables.py` writes for a quarter;
- the dbt YAML of the staging models `stg_scheme__*` (descriptions and data tests).

`python -m core.scheme_tables` rewrites the files derived from the scheme model: that YAML and
docs/scheme.schema.json; tests/test_schemes.py fails while either is stale.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, reduce
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
import yaml
from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from core.dbt_project import DBT_PROJECT_DIR
from core.quarters import Quarter
from core.scheme import (
    JSON_SCHEMA_PATH,
    Column,
    Component,
    HolidayKind,
    LoadedScheme,
    Predicate,
    Scheme,
    Workdays,
    Zone,
    calendar_years,
    json_schema,
    non_working_days,
)

DBT_YAML_PATH = DBT_PROJECT_DIR / "models" / "staging" / "scheme" / "_scheme__models.yml"

_DUCKDB_TYPES = {str: "varchar", int: "integer", float: "double", bool: "boolean", dt.date: "date"}

# What a table's rows come from: per row, the model instance its marked columns are read from
# (none for a table without a model) and the values of its extra columns by name.
Rows = Callable[[LoadedScheme, Quarter], Iterable[tuple[BaseModel | None, dict[str, Any]]]]


@dataclass(frozen=True)
class TableColumn:
    """A column of a `raw.scheme_*` table, as the writer creates it and dbt documents it."""

    name: str
    duckdb_type: str
    nullable: bool
    description: str
    # ("between", {"min_value": …, "max_value": …}) or ("accepted", [values]), for column_values
    value_rule: tuple[str, Any] | None
    data_tests: tuple[dict, ...]
    read: Callable[[BaseModel | None, dict[str, Any], Quarter], Any]


@dataclass(frozen=True)
class Extra:
    """A column that is no field of the scheme; `python_type` gives its DuckDB type and value
    rule as a field's annotation would, `data_tests` any other tests."""

    name: str
    python_type: Any
    description: str
    data_tests: tuple[dict, ...] = ()


@dataclass(frozen=True)
class SchemeTable:
    """`raw.<name>`, staged as `stg_scheme__<name without scheme_>`: quarter_key, the marked
    fields of `model`, then the extras; `rows` gives a quarter's rows."""

    name: str
    description: str
    grain: tuple[str, ...]  # the columns besides quarter_key that identify a row
    rows: Rows
    model: type[BaseModel] | None = None  # its marked fields (and its sections') are columns
    extras: tuple[Extra, ...] = ()

    @property
    def staging_model(self) -> str:
        return "stg_scheme__" + self.name.removeprefix("scheme_")

    @cached_property
    def columns(self) -> tuple[TableColumn, ...]:
        marked = _marked_columns(self.model) if self.model else ()
        return (QUARTER_KEY, *marked, *map(_extra_column, self.extras))

    def rows_for(self, loaded: LoadedScheme, quarter: Quarter) -> list[dict[str, Any]]:
        return [
            {column.name: column.read(item, extras, quarter) for column in self.columns}
            for item, extras in self.rows(loaded, quarter)
        ]


def _peel(annotation: Any, metadata: Iterable[Any] = ()) -> tuple[Any, list[Any], bool]:
    """An annotation without its Annotated and Optional layers: (type, constraints, nullable)."""
    constraints, nullable = list(metadata), False
    while True:
        if get_origin(annotation) is Annotated:
            annotation, *more = get_args(annotation)
            for item in more:
                constraints += item.metadata if isinstance(item, FieldInfo) else [item]
        elif get_origin(annotation) in (Union, types.UnionType):
            nullable = True
            (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
        else:
            return annotation, constraints, nullable


def _duckdb_type(annotation: Any, name: str) -> str:
    if get_origin(annotation) in (list, Literal):
        return "varchar"
    if annotation not in _DUCKDB_TYPES:
        raise TypeError(f"column {name}: no DuckDB type for {annotation}; give one in Column()")
    return _DUCKDB_TYPES[annotation]


def _value_rule(annotation: Any, constraints: list[Any]) -> tuple[str, Any] | None:
    """What the scheme model enforces on a value: its literal values, else its bounds
    (inclusive)."""
    if get_origin(annotation) is Literal:
        return ("accepted", list(get_args(annotation)))
    bounds: dict[str, float] = {}
    for constraint in constraints:
        if isinstance(constraint, annotated_types.Ge):
            bounds["min_value"] = constraint.ge
        elif isinstance(constraint, annotated_types.Gt):
            bounds["min_value"] = constraint.gt
        elif isinstance(constraint, annotated_types.Le):
            bounds["max_value"] = constraint.le
        elif isinstance(constraint, annotated_types.Lt):
            bounds["max_value"] = constraint.lt
    return ("between", bounds) if bounds else None


def _shown(default: Any) -> str:
    if isinstance(default, dict):
        return ", ".join(f"{key} → {value}" for key, value in default.items())
    if isinstance(default, list):
        return ", ".join(map(str, default)) or "none"
    return str(default)


def _field_column(marker: Column, info: FieldInfo, path: tuple[str, ...]) -> TableColumn:
    where = f"scheme field {'.'.join(path)} (column {marker.name})"
    if not info.description:
        raise ValueError(f"{where} needs a description: it documents the column in dbt")
    annotation, constraints, nullable = _peel(info.annotation, info.metadata)
    if marker.per_quarter:
        annotation, constraints, nullable = _peel(get_args(annotation)[1])
    joined = get_origin(annotation) is list
    description = info.description
    if joined:
        description += " Stored comma-separated."
    if marker.per_quarter:
        description += " The column holds the value of the quarter being built."
    if not info.is_required() and info.default is not None:
        description += f" Default: {_shown(info.default)}."

    def read(item: BaseModel | None, _extras: dict[str, Any], quarter: Quarter) -> Any:
        value = reduce(getattr, path, item)
        if marker.per_quarter:
            value = value[quarter.quarter]
        return ",".join(value) if joined else value

    return TableColumn(
        name=marker.name,
        duckdb_type=marker.duckdb_type or _duckdb_type(annotation, marker.name),
        nullable=nullable,
        description=description,
        value_rule=None if joined else _value_rule(annotation, constraints),
        data_tests=(),
        read=read,
    )


def _marked_columns(model: type[BaseModel], path: tuple[str, ...] = ()) -> Iterator[TableColumn]:
    """The fields of `model` marked `Column`, and those of its sections (fields that are models),
    in the order of the model."""
    for name, info in model.model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, Column)), None)
        if marker:
            yield _field_column(marker, info, (*path, name))
        elif isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            yield from _marked_columns(info.annotation, (*path, name))


def _extra_column(extra: Extra) -> TableColumn:
    annotation, constraints, nullable = _peel(extra.python_type)
    return TableColumn(
        name=extra.name,
        duckdb_type=_duckdb_type(annotation, extra.name),
        nullable=nullable,
        description=extra.description,
        value_rule=_value_rule(annotation, constraints),
        data_tests=extra.data_tests,
        read=lambda _item, extras, _quarter: extras[extra.name],
    )


QUARTER_KEY = TableColumn(
    name="quarter_key",
    duckdb_type="varchar",
    nullable=False,
    description="The quarter the scheme is in force for, written `2024-Q3`: the quarter being "
    "built (raw.build_quarter).",
    value_rule=None,
    data_tests=(),
    read=lambda _item, _extras, quarter: quarter.key,
)


def _consequence_labels(loaded: LoadedScheme, _quarter: Quarter) -> Iterator[tuple[None, dict]]:
    consequences = loaded.scheme.consequences
    for kind, labels in (
        ("reward", consequences.reward_labels),
        ("sanction", consequences.sanction_labels),
    ):
        for position, label in enumerate(labels, start=1):
            yield None, {"consequence": kind, "position": position, "label": label}


SCHEME_TABLES = (
    SchemeTable(
        name="scheme_parameters",
        description="The scalar parameters of the scheme in force for the quarter being built: "
        "exactly one row, read by the measure and ranking models with a cross join.",
        grain=(),
        model=Scheme,
        extras=(
            Extra(
                "scheme_sha256",
                str,
                "sha256 of the exact scheme file used, for the audit trail of a publication.",
            ),
        ),
        rows=lambda loaded, _quarter: [(loaded.scheme, {"scheme_sha256": loaded.sha256})],
    ),
    SchemeTable(
        name="scheme_components",
        description="The components of the index in the scheme in force: each one's code, the "
        "measure that scores it and its weight. Weights are percentages summing to 100 (checked "
        "when the scheme is loaded).",
        grain=("component",),
        model=Component,
        extras=(Extra("position", int, "Order of the component in the scheme file, from 1."),),
        rows=lambda loaded, _quarter: [
            (component, {"position": position})
            for position, component in enumerate(loaded.scheme.components, start=1)
        ],
    ),
    SchemeTable(
        name="scheme_absorption_targets",
        description="The scheme's whole cumulative budget absorption target curve, one row per "
        "quarter of the year (1–4), whichever quarter is built: the OPD card draws the OPD's "
        "absorption against it. The measure scores the quarter built against "
        "`scheme_parameters.absorption_target_pct`, the value of that quarter on this curve.",
        grain=("quarter_of_year",),
        extras=(
            Extra(
                "quarter_of_year",
                Annotated[int, Field(ge=1, le=4)],
                "Quarter of the fiscal year the target is for, 1–4.",
            ),
            Extra(
                "target_pct",
                Annotated[float, Field(gt=0, le=100)],
                "Cumulative budget absorption target at the end of that quarter, in % of the "
                "pagu (the scheme's `budget_absorption.target_pct`).",
            ),
        ),
        rows=lambda loaded, _quarter: [
            (None, {"quarter_of_year": q, "target_pct": pct})
            for q, pct in sorted(loaded.scheme.budget_absorption.target_pct.items())
        ],
    ),
    SchemeTable(
        name="scheme_zones",
        description="The colour zones of the scheme with their inclusive lower thresholds on the "
        "index (default hijau/green ≥ 76, kuning/yellow ≥ 51, merah/red ≥ 0).",
        grain=("zone",),
        model=Zone,
        rows=lambda loaded, _quarter: [(zone, {}) for zone in loaded.scheme.zones],
    ),
    SchemeTable(
        name="scheme_predicates",
        description="SAKIP predicates (PermenPAN-RB 88/2021) with their exclusive lower bounds on "
        "the index: AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30; below all of them the "
        "scheme's `lowest_predicate`.",
        grain=("predicate",),
        model=Predicate,
        rows=lambda loaded, _quarter: [(p, {}) for p in loaded.scheme.predicates],
    ),
    SchemeTable(
        name="scheme_consequence_labels",
        description="The labels of the rewards and sanctions by rank position (the scheme's "
        "`consequences.reward_labels` and `sanction_labels`, e.g. Rp5.000.000 for rank 1, "
        "+15% TPP); a rank past the last label takes the last one.",
        grain=("consequence", "position"),
        extras=(
            Extra(
                "consequence",
                Literal["reward", "sanction"],
                "reward (best ranks) or sanction (worst ranks).",
            ),
            Extra(
                "position",
                int,
                "Rank position the label applies from, 1 = best (reward) or worst (sanction).",
            ),
            Extra("label", str, "Text of the consequence, e.g. Rp5.000.000, pendampingan khusus."),
        ),
        rows=_consequence_labels,
    ),
    SchemeTable(
        name="scheme_tie_breakers",
        description="The components whose scores break a tie of indexes within a ranking group, "
        "in order (the scheme's `ranking.tie_breakers`); no rows when equal indexes share a rank.",
        grain=("position",),
        extras=(
            Extra("position", int, "Order of the tie-breaker, 1 = consulted first."),
            Extra(
                "component",
                str,
                "Code of a component of the scheme whose higher score ranks first.",
                data_tests=(
                    {
                        "relationships": {
                            "arguments": {
                                "to": "ref('stg_scheme__components')",
                                "field": "component",
                            }
                        }
                    },
                ),
            ),
        ),
        rows=lambda loaded, _quarter: [
            (None, {"position": position, "component": code})
            for position, code in enumerate(loaded.scheme.ranking.tie_breakers, start=1)
        ],
    ),
    SchemeTable(
        name="scheme_complaint_sla",
        description="Complaint response deadlines per complaint category (the scheme's "
        "`complaint_response.sla_workdays_by_category`), e.g. SP4N LAPOR's 14 working days for "
        "disputes without field inspection and 60 for cases needing one; categories not listed "
        "take complaint_sla_workdays.",
        grain=("category",),
        extras=(
            Extra(
                "category",
                str,
                "Complaint category, lower-cased and trimmed (matched so against the complaints).",
            ),
            Extra(
                "sla_workdays",
                Workdays,
                "Working days after the submission date within which a complaint of the "
                "category must be answered.",
            ),
        ),
        rows=lambda loaded, _quarter: [
            (None, {"category": category.strip().lower(), "sla_workdays": workdays})
            for category, workdays in (
                loaded.scheme.complaint_response.sla_workdays_by_category.items()
            )
        ],
    ),
    SchemeTable(
        name="scheme_non_working_days",
        description="The holidays of the working-day calendar for the quarter's year and the "
        "next: national public holidays and cuti bersama (joint leave days) from the `holidays` "
        "package's Indonesian calendar (categories public and government) and the scheme's "
        "regional holidays. Weekends are not listed: the SQL treats Saturday and Sunday as "
        "non-working.",
        grain=("day",),
        extras=(
            Extra("day", dt.date, "The non-working date."),
            Extra(
                "kind",
                HolidayKind,
                "national (public holiday), cuti_bersama (joint leave day) or regional (the "
                "scheme's).",
            ),
            Extra("name", str, "Name of the holiday, in Indonesian (e.g. Hari Raya Idul Fitri)."),
        ),
        rows=lambda loaded, quarter: [
            (None, {"day": day, "kind": kind, "name": name})
            for day, kind, name in non_working_days(loaded.scheme, calendar_years(quarter.year))
        ],
    ),
)


def scheme_tables(loaded: LoadedScheme, quarter: Quarter) -> dict[str, list[dict[str, Any]]]:
    """Rows of the `raw.scheme_*` tables for one quarter: what the SQL formulas read."""
    return {table.name: table.rows_for(loaded, quarter) for table in SCHEME_TABLES}


def _dbt_model(table: SchemeTable) -> dict[str, Any]:
    filled = [column.name for column in table.columns if not column.nullable]
    # one scheme row per quarter, or per quarter and grain
    key = ["quarter_key", *table.grain]
    rules: dict[str, Any] = {"not_null": filled, "unique": key, "between": {}, "accepted": {}}
    for column in table.columns:
        if column.value_rule:
            kind, rule = column.value_rule
            rules[kind][column.name] = rule
    arguments = {kind: rule for kind, rule in rules.items() if rule}
    tests = [{"column_values": {"arguments": arguments}}]
    columns = []
    for column in table.columns:
        column_tests = list(column.data_tests)
        columns.append(
            {"name": column.name, "description": column.description}
            | ({"data_tests": column_tests} if column_tests else {})
        )
    return {
        "name": table.staging_model,
        "description": table.description,
        "data_tests": tests,
        "columns": columns,
    }


_DBT_YAML_HEADER = """\
# GENERATED from core/scheme.py by `python -m core.scheme_tables` (core/scheme_tables.py): edit
# the scheme model, not this file; tests/test_schemes.py fails while it is stale.
#
# Staging views over the scoring scheme in force for the quarter being built (source `scheme`),
# written by `ingest/scheme_tables.py` from the validated scheme YAML just before the dbt run.
# Every view keeps the rows of the quarter being built only, so the grain tests below are on one
# quarter's scheme. A broken scheme table would score every OPD wrongly: severity error.

"""


class _DbtYamlDumper(yaml.SafeDumper):
    """The layout of the hand-written dbt YAML: lists indented under their key, a short list or
    mapping of plain values on one line, long texts folded."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _short(values: Iterable[Any]) -> bool:
    values = list(values)
    return all(isinstance(v, str | int | float) for v in values) and len(str(values)) <= 60


_DbtYamlDumper.add_representer(
    list,
    lambda dumper, items: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=_short(items)
    ),
)
_DbtYamlDumper.add_representer(
    dict,
    lambda dumper, mapping: dumper.represent_mapping(
        "tag:yaml.org,2002:map", mapping, flow_style=_short(mapping.values())
    ),
)
_DbtYamlDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style=">" if len(text) > 70 else None
    ),
)


def dbt_yaml() -> str:
    """The dbt YAML of the staging scheme models, as committed in `_scheme__models.yml`."""
    document = {"version": 2, "models": [_dbt_model(table) for table in SCHEME_TABLES]}
    return _DBT_YAML_HEADER + yaml.dump(
        document, Dumper=_DbtYamlDumper, sort_keys=False, allow_unicode=True, width=90
    )


# The files derived from the scheme model, and what each must contain.
GENERATED = {JSON_SCHEMA_PATH: json_schema, DBT_YAML_PATH: dbt_yaml}


def main() -> None:
    for path, text in GENERATED.items():
        path.write_text(text(), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
