"""Scoring schemes: the model a scheme YAML file is validated against.

Every parameter of `docs/methodology.md` lives in the scheme file; the defaults below are the
ones of docs/methodology.md#parameters. The formulas themselves live only in dbt SQL, which reads
the parameters from the `raw.scheme_*` tables: a field marked `Column(...)` is a column there
(core/scheme_tables.py), its `description` its documentation in the JSON Schema and in dbt, its
bounds the dbt data tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from core.messages import DEFAULT_LANG, SCHEME_RULES, Lang

SCHEMES_DIR = Path(__file__).resolve().parent.parent / "schemes"
JSON_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "scheme.schema.json"
DEFAULT_SCHEME = "magelang"

Measure = Literal[
    "budget_absorption",
    "physical_progress",
    "indicator_achievement",
    "complaint_response",
    "p3dn_usage",
    "assessed",
]
IndicatorLevel = Literal["iku", "ikd", "program", "kegiatan", "ikp"]
Pct = Annotated[float, Field(ge=0, le=100)]


@dataclass(frozen=True)
class Column:
    """Marks a scheme field as column `name` of a `raw.scheme_*` table: a field of a section (or
    of the scheme itself) is a column of `scheme_parameters`, a field of a list item (component,
    zone, predicate) a column of that list's table. A list is stored comma-separated; `per_quarter`
    takes, from a mapping by quarter number, the value of the quarter being built; `duckdb_type`
    is the DuckDB type when the one of the Python type does not fit."""

    name: str
    duckdb_type: str | None = None
    per_quarter: bool = False


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Component(_Strict):
    code: Annotated[str, Column("component")] = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Component code (e.g. budget_absorption, p3dn, inovasi); for an `assessed` "
        "component, the code of its scores in `komponen/`.",
    )
    measure: Annotated[Measure, Column("measure")] = Field(
        description="The measure that scores the component (docs/methodology.md); `assessed` "
        "takes the score of the `komponen/` inbox for the component's code."
    )
    # optional in the file (none given: equal weights), always set once validated
    weight: Annotated[float, Field(gt=0, le=100), Column("weight")] = Field(
        None,
        description="Weight in the index, in %; the weights of a scheme sum to 100. Leave out "
        "every weight for equal weights.",
    )


class IndicatorAchievement(_Strict):
    levels: Annotated[list[IndicatorLevel], Column("indicator_levels")] = Field(
        ["iku", "ikd", "program", "kegiatan", "ikp"],
        description="Indicator levels that count in the indicator measure (e.g. [program], or "
        "[iku, ikp]).",
    )
    cap: Annotated[float, Field(ge=100, le=1000), Column("indicator_cap")] = Field(
        100, description="Cap on an indicator's achievement score, in %."
    )
    missing_realization: Annotated[Literal["zero", "exclude"], Column("missing_realization")] = (
        Field(
            "zero",
            description="What an unreported indicator realisation does: `zero` (the indicator "
            "scores 0 and is listed as unreported) or `exclude` (dropped from the OPD's mean, "
            "listed as a warning).",
        )
    )


class BudgetAbsorption(_Strict):
    target_pct: Annotated[
        dict[int, Annotated[float, Field(gt=0, le=100)]],
        Column("absorption_target_pct", per_quarter=True),
    ] = Field(
        {1: 15, 2: 40, 3: 65, 4: 95},
        description="Cumulative budget absorption target of each quarter 1–4, in % of the pagu.",
    )

    @field_validator("target_pct")
    @classmethod
    def _every_quarter_increasing(cls, targets: dict[int, float]) -> dict[int, float]:
        if sorted(targets) != [1, 2, 3, 4]:
            raise ValueError("target_pct needs a cumulative target for each of quarters 1, 2, 3, 4")
        curve = [targets[q] for q in (1, 2, 3, 4)]
        if curve != sorted(curve):
            raise ValueError(f"cumulative targets must not decrease over the year: {curve}")
        return targets


class P3dnUsage(_Strict):
    target_pct: Annotated[float, Field(gt=0, le=100), Column("p3dn_target_pct")] = Field(
        40,
        description="Target share of procurement spent on domestic products (P3DN), in % "
        "(Inpres 2/2022).",
    )


Workdays = Annotated[int, Field(ge=1, le=365)]


class ComplaintResponse(_Strict):
    """Complaint follow-up (SP4N LAPOR): the response deadline in working days."""

    sla_workdays: Annotated[Workdays, Column("complaint_sla_workdays")] = Field(
        5,
        description="Working days after the submission date within which a complaint must be "
        "answered, unless its category has its own deadline (sla_workdays_by_category).",
    )
    sla_workdays_by_category: dict[str, Workdays] = Field(
        {},
        description="Deadline per complaint category (matched case-insensitively), e.g. "
        "{Sengketa: 14}; other categories take sla_workdays.",
    )
    regional_holidays: list[dt.date] = Field(
        [],
        description="Extra non-working days of the region, besides the national public holidays "
        "and cuti bersama of the `holidays` package's Indonesian calendar.",
    )
    no_complaints: Annotated[Literal["full", "exclude"], Column("no_complaints")] = Field(
        "full",
        description="An OPD with no complaints in the quarter: `full` scores 100, `exclude` drops "
        "the component for it and spreads its weight over the others.",
    )

    @field_validator("sla_workdays_by_category")
    @classmethod
    def _categories_distinct(cls, by_category: dict[str, int]) -> dict[str, int]:
        folded = [c.strip().lower() for c in by_category]
        if "" in folded or len(set(folded)) != len(folded):
            raise ValueError(
                f"complaint categories must be non-empty and distinct ignoring case: {folded}"
            )
        return by_category


class Zone(_Strict):
    zone: Annotated[str, Column("zone")] = Field(
        description="Zone name, e.g. hijau (green), kuning (yellow), merah (red)."
    )
    min_score: Annotated[Pct, Column("min_score")] = Field(
        description="Lowest index in the zone, inclusive; the lowest zone starts at 0."
    )


class Predicate(_Strict):
    predicate: Annotated[str, Column("predicate")] = Field(
        description="SAKIP predicate, e.g. AA, A, BB, B, CC, C."
    )
    above: Annotated[Pct, Column("above_score")] = Field(
        description="The predicate applies to an index strictly above this bound."
    )


class Consequences(_Strict):
    top_n: Annotated[int, Field(ge=0), Column("reward_top_n")] = Field(
        5, description="How many of the best ranks of a group are rewarded."
    )
    reward_labels: list[str] = Field(
        ["reward"],
        description="Reward of each rank from the best (e.g. Rp5.000.000 for rank 1); a rank "
        "past the last label takes the last one.",
    )
    bottom_n: Annotated[int, Field(ge=0), Column("sanction_bottom_n")] = Field(
        5, description="How many of the worst ranks of a group are sanctioned."
    )
    sanction_labels: list[str] = Field(
        ["sanction"],
        description="Sanction of each rank from the worst; a rank past the last label takes the "
        "last one.",
    )


OpdType = Literal[
    "dinas", "badan", "sekretariat", "inspektorat", "kecamatan", "kantor", "rsud", "lainnya"
]


class Ranking(_Strict):
    separate_types: Annotated[list[OpdType], Column("separate_rank_types")] = Field(
        [],
        description="OPD types ranked in their own group within each region (e.g. kecamatan); "
        "none: every OPD of a region is ranked together.",
    )
    tie_breakers: list[str] = Field(
        [],
        description="Component codes, in order: between OPDs of equal index, the higher score of "
        "the first component that differs ranks first. Empty: equal indexes share a rank.",
    )


class RankUncertainty(_Strict):
    """Monte Carlo of the weights behind `opd_rank_uncertainty`."""

    perturbation_pct: Annotated[
        float, Field(gt=0, lt=100), Column("uncertainty_perturbation_pct")
    ] = Field(20, description="Each weight is drawn uniformly within ± this share of itself, in %.")
    draws: Annotated[int, Field(ge=10, le=10_000), Column("uncertainty_draws")] = Field(
        1000, description="Number of weight draws."
    )
    seed: Annotated[int, Field(ge=0), Column("uncertainty_seed", duckdb_type="bigint")] = Field(
        1, description="Seed of the pseudo-random draws, so a quarter reproduces exactly."
    )
    min_kept_share: Annotated[float, Field(gt=0, le=1), Column("uncertainty_min_kept_share")] = (
        Field(
            0.95,
            description="An OPD whose published consequence holds in a smaller share of the draws "
            "is flagged as uncertain.",
        )
    )


class AuditPlan(_Strict):
    """Inspektorat visits of the year, allocated by risk."""

    capacity: Annotated[Annotated[int, Field(ge=1)] | None, Column("audit_capacity")] = Field(
        None, description="Visits per year per region; none: 2 × the number of OPDs of the region."
    )
    budget_weight: Annotated[Pct, Column("audit_budget_weight")] = Field(
        50, description="Weight of the budget-share percent rank in the audit risk, in %."
    )
    performance_weight: Annotated[Pct, Column("audit_performance_weight")] = Field(
        50, description="Weight of 100 − the average index of the year in the audit risk, in %."
    )

    @model_validator(mode="after")
    def _weights_sum_to_100(self) -> AuditPlan:
        total = self.budget_weight + self.performance_weight
        if abs(total - 100) > 1e-9:
            raise ValueError(
                f"audit_plan budget_weight + performance_weight must be 100, they sum to {total}"
            )
        return self


# SAKIP scale of PermenPAN-RB 88/2021: a predicate applies strictly above its bound.
SAKIP_PREDICATES = [
    Predicate(predicate="AA", above=90),
    Predicate(predicate="A", above=80),
    Predicate(predicate="BB", above=70),
    Predicate(predicate="B", above=60),
    Predicate(predicate="CC", above=50),
    Predicate(predicate="C", above=30),
]


class Scheme(_Strict):
    name: Annotated[str, Column("scheme_name")] = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="Name of the scheme (e.g. magelang, banyuwangi, bekasi), stored with every "
        "published row.",
    )
    description: str = ""
    components: list[Component] = Field(min_length=1)
    indicator_achievement: IndicatorAchievement = IndicatorAchievement()
    budget_absorption: BudgetAbsorption = BudgetAbsorption()
    p3dn_usage: P3dnUsage = P3dnUsage()
    complaint_response: ComplaintResponse = ComplaintResponse()
    ranking: Ranking = Ranking()
    rank_uncertainty: RankUncertainty = RankUncertainty()
    audit_plan: AuditPlan = AuditPlan()
    zones: list[Zone] = [
        Zone(zone="hijau", min_score=76),
        Zone(zone="kuning", min_score=51),
        Zone(zone="merah", min_score=0),
    ]
    predicates: list[Predicate] = SAKIP_PREDICATES
    lowest_predicate: Annotated[str, Column("lowest_predicate")] = Field(
        "D", description="SAKIP predicate of an index not above any predicate's bound."
    )
    consequences: Consequences = Consequences()

    @model_validator(mode="before")
    @classmethod
    def _equal_weights_by_default(cls, document: object) -> object:
        """Components without weights share 100 equally (docs/methodology.md#index-and-weights);
        a scheme gives either every weight or none."""
        if not isinstance(document, dict) or not isinstance(document.get("components"), list):
            return document
        components = document["components"]
        given = [isinstance(c, dict) and "weight" in c for c in components]
        if components and not any(given):
            share = 100 / len(components)
            return {**document, "components": [{**c, "weight": share} for c in components]}
        if not all(given):
            raise PydanticCustomError(
                "weights_partial", "give a weight to every component, or to none (equal weights)"
            )
        return document

    @model_validator(mode="after")
    def _consistent(self) -> Scheme:
        total = sum(c.weight for c in self.components)
        if abs(total - 100) > 1e-9:
            raise PydanticCustomError(
                "weights_sum",
                "component weights must sum to 100, they sum to {total}",
                {"total": f"{total:g}"},
            )
        codes = [c.code for c in self.components]
        if len(set(codes)) != len(codes):
            raise ValueError(f"component codes must be unique: {codes}")
        bounds = [z.min_score for z in self.zones]
        if bounds != sorted(bounds, reverse=True) or len(set(bounds)) != len(bounds):
            raise ValueError(f"zones must be listed from the highest threshold down: {bounds}")
        if not self.zones or self.zones[-1].min_score != 0:
            raise ValueError("the last zone must start at 0 so that every score has a zone")
        above = [p.above for p in self.predicates]
        if above != sorted(above, reverse=True) or len(set(above)) != len(above):
            raise ValueError(f"predicates must be listed from the highest bound down: {above}")
        unknown = [code for code in self.ranking.tie_breakers if code not in codes]
        if unknown:
            raise ValueError(
                f"tie_breakers name unknown component codes {unknown}; the scheme's are {codes}"
            )
        if len(set(self.ranking.tie_breakers)) != len(self.ranking.tie_breakers):
            raise ValueError(f"tie_breakers must not repeat: {self.ranking.tie_breakers}")
        if not self.consequences.reward_labels or not self.consequences.sanction_labels:
            raise ValueError("consequences need at least one reward and one sanction label")
        return self


class LoadedScheme(BaseModel):
    """A validated scheme together with the exact bytes it came from (for the audit trail)."""

    model_config = ConfigDict(frozen=True)
    scheme: Scheme
    path: Path
    sha256: str


def resolve_scheme_path(name_or_path: str | Path | None) -> Path:
    """`magelang` → the shipped file; anything else is a path to a region's own scheme."""
    if name_or_path is None:
        name_or_path = DEFAULT_SCHEME
    candidate = Path(name_or_path)
    if candidate.suffix in {".yml", ".yaml"} or candidate.exists():
        return candidate
    shipped = SCHEMES_DIR / f"{name_or_path}.yml"
    if not shipped.exists():
        known = ", ".join(sorted(p.stem for p in SCHEMES_DIR.glob("*.yml")))
        raise FileNotFoundError(f"unknown scheme {name_or_path!r}; shipped schemes: {known}")
    return shipped


# The key path of a rule on the whole scheme, which pydantic locates nowhere.
WHOLE_SCHEME_PATHS = {
    "weights_sum": "components[].weight",
    "weights_partial": "components[].weight",
}


@dataclass(frozen=True)
class SchemeProblem:
    """One reason a scheme file is refused: where in the file (`components.0.weight`), which
    rule (pydantic's error type, or a message key), and its parameters."""

    path: str
    rule: str
    message: str
    params: dict


class SchemeError(ValueError):
    """A scheme file that does not validate: one line per problem, file and key path first."""

    def __init__(self, file: Path, problems: list[SchemeProblem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("\n".join(self.lines("en")))

    def lines(self, lang: Lang = DEFAULT_LANG) -> list[str]:
        return [f"{self.file}: {p.path or '-'}: {scheme_rule_text(p, lang)}" for p in self.problems]


def scheme_rule_text(problem: SchemeProblem, lang: Lang) -> str:
    """The rule in `lang` when the catalogue has it, else pydantic's (English) message."""
    template = SCHEME_RULES.get(problem.rule, {}).get(lang)
    if template is None:
        return problem.message
    return template.format(**problem.params)


def load_scheme(name_or_path: str | Path | None = None) -> LoadedScheme:
    path = resolve_scheme_path(name_or_path)
    raw = path.read_bytes()
    try:
        document = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SchemeError(path, [SchemeProblem(where, "yaml_invalid", problem, {})]) from None
    if not isinstance(document, dict):
        raise SchemeError(path, [SchemeProblem("", "not_a_mapping", "not a mapping", {})])
    try:
        scheme = Scheme.model_validate(document)
    except ValidationError as invalid:
        problems = [
            SchemeProblem(
                ".".join(str(part) for part in error["loc"])
                or WHOLE_SCHEME_PATHS.get(error["type"], ""),
                error["type"],
                error["msg"].removeprefix("Value error, "),
                {"input": error.get("input"), **error.get("ctx", {})},
            )
            for error in invalid.errors()
        ]
        raise SchemeError(path, problems) from None
    return LoadedScheme(scheme=scheme, path=path, sha256=hashlib.sha256(raw).hexdigest())


HolidayKind = Literal["national", "cuti_bersama", "regional"]


def non_working_days(scheme: Scheme, years: list[int]) -> list[tuple[dt.date, HolidayKind, str]]:
    """Holidays on which no complaint clock runs, besides weekends (which the SQL knows): the
    national public holidays and cuti bersama of the `holidays` package's Indonesian calendar
    (categories `public` and `government`), and the scheme's regional holidays."""
    import holidays

    days: dict[dt.date, tuple[HolidayKind, str]] = {}
    for category, kind in (("public", "national"), ("government", "cuti_bersama")):
        calendar = holidays.country_holidays(
            "ID", years=years, categories=(category,), language="id"
        )
        for day, name in sorted(calendar.items()):
            days.setdefault(day, (kind, name))
    for day in scheme.complaint_response.regional_holidays:
        if day.year in years:
            days.setdefault(day, ("regional", "libur daerah"))
    return [(day, kind, name) for day, (kind, name) in sorted(days.items())]


def calendar_years(year: int) -> list[int]:
    """Complaints of a quarter are submitted in its year and answered in it or the next one."""
    return [year, year + 1]


def json_schema() -> str:
    """The JSON Schema of a scheme file, as published in `docs/scheme.schema.json`."""
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rapor.example/scheme.schema.json",
        **Scheme.model_json_schema(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
