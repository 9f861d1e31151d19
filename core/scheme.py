"""Scoring schemes: validated from YAML, then flattened into the tables the dbt models read.

Every parameter of `docs/methodology.md` lives in the scheme file; the defaults below are the
ones of docs/methodology.md#parameters. The formulas themselves live only in dbt SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Component(_Strict):
    code: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Component code; for an `assessed` component, the code of `komponen/`.",
    )
    measure: Measure = Field(description="The measure scoring the component (docs/methodology.md).")
    # optional in the file (none given: equal weights), always set once validated
    weight: Annotated[float, Field(gt=0, le=100)] = Field(
        None,
        description="Weight in the index, in %; the weights of a scheme sum to 100. Leave out "
        "every weight for equal weights.",
    )


class IndicatorAchievement(_Strict):
    levels: list[IndicatorLevel] = ["iku", "ikd", "program", "kegiatan", "ikp"]
    cap: Annotated[float, Field(ge=100, le=1000)] = 100
    missing_realization: Literal["zero", "exclude"] = "zero"


class BudgetAbsorption(_Strict):
    target_pct: dict[int, Annotated[float, Field(gt=0, le=100)]] = {1: 15, 2: 40, 3: 65, 4: 95}

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
    target_pct: Annotated[float, Field(gt=0, le=100)] = 40


Workdays = Annotated[int, Field(ge=1, le=365)]


class ComplaintResponse(_Strict):
    """Complaint follow-up (SP4N LAPOR): the response deadline in working days."""

    sla_workdays: Workdays = Field(
        5, description="Working days after submission within which a complaint must be answered."
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
    no_complaints: Literal["full", "exclude"] = Field(
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
    zone: str
    min_score: Pct


class Predicate(_Strict):
    predicate: str
    above: Pct


class Consequences(_Strict):
    top_n: Annotated[int, Field(ge=0)] = 5
    reward_labels: list[str] = ["reward"]
    bottom_n: Annotated[int, Field(ge=0)] = 5
    sanction_labels: list[str] = ["sanction"]


OpdType = Literal[
    "dinas", "badan", "sekretariat", "inspektorat", "kecamatan", "kantor", "rsud", "lainnya"
]


class Ranking(_Strict):
    separate_types: list[OpdType] = Field(
        [], description="OPD types ranked in their own group within each region (e.g. kecamatan)."
    )
    tie_breakers: list[str] = Field(
        [],
        description="Component codes, in order: between OPDs of equal index, the higher score of "
        "the first component that differs ranks first. Empty: equal indexes share a rank.",
    )


class RankUncertainty(_Strict):
    """Monte Carlo of the weights behind `opd_rank_uncertainty`."""

    perturbation_pct: Annotated[float, Field(gt=0, lt=100)] = Field(
        20, description="Each weight is drawn uniformly within ± this share of itself, in %."
    )
    draws: Annotated[int, Field(ge=10, le=10_000)] = Field(
        1000, description="Number of weight draws."
    )
    seed: Annotated[int, Field(ge=0)] = Field(
        1, description="Seed of the pseudo-random draws, so a quarter reproduces exactly."
    )
    min_kept_share: Annotated[float, Field(gt=0, le=1)] = Field(
        0.95,
        description="An OPD whose published consequence holds in a smaller share of the draws "
        "is flagged as uncertain.",
    )


class AuditPlan(_Strict):
    """Inspektorat visits of the year, allocated by risk."""

    capacity: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Visits per year per region; default 2 × the number of OPDs."
    )
    budget_weight: Pct = Field(50, description="Weight of the budget-share percent rank, in %.")
    performance_weight: Pct = Field(
        50, description="Weight of 100 − the average index of the year, in %."
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
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
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
    lowest_predicate: str = "D"
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
            raise ValueError("give a weight to every component, or to none (equal weights)")
        return document

    @model_validator(mode="after")
    def _consistent(self) -> Scheme:
        total = sum(c.weight for c in self.components)
        if abs(total - 100) > 1e-9:
            raise ValueError(f"component weights must sum to 100, they sum to {total}")
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


def load_scheme(name_or_path: str | Path | None = None) -> LoadedScheme:
    path = resolve_scheme_path(name_or_path)
    raw = path.read_bytes()
    document = yaml.safe_load(raw)
    if not isinstance(document, dict):
        raise ValueError(f"{path}: a scheme file must be a YAML mapping")
    return LoadedScheme(
        scheme=Scheme.model_validate(document),
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def non_working_days(scheme: Scheme, years: list[int]) -> list[tuple[dt.date, str, str]]:
    """Holidays on which no complaint clock runs, besides weekends (which the SQL knows): the
    national public holidays and cuti bersama of the `holidays` package's Indonesian calendar
    (categories `public` and `government`), and the scheme's regional holidays."""
    import holidays

    days: dict[dt.date, tuple[str, str]] = {}
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


def scheme_tables(loaded: LoadedScheme, quarter_key: str, quarter: int) -> dict[str, list[dict]]:
    """Rows of the `raw.scheme_*` tables for one quarter: what the SQL formulas read."""
    s = loaded.scheme
    consequences = s.consequences
    year = int(quarter_key[:4])
    parameters = {
        "quarter_key": quarter_key,
        "scheme_name": s.name,
        "scheme_sha256": loaded.sha256,
        "indicator_levels": ",".join(s.indicator_achievement.levels),
        "indicator_cap": s.indicator_achievement.cap,
        "missing_realization": s.indicator_achievement.missing_realization,
        "absorption_target_pct": s.budget_absorption.target_pct[quarter],
        "p3dn_target_pct": s.p3dn_usage.target_pct,
        "complaint_sla_workdays": s.complaint_response.sla_workdays,
        "no_complaints": s.complaint_response.no_complaints,
        "separate_rank_types": ",".join(s.ranking.separate_types),
        "reward_top_n": consequences.top_n,
        "sanction_bottom_n": consequences.bottom_n,
        "lowest_predicate": s.lowest_predicate,
        "uncertainty_perturbation_pct": s.rank_uncertainty.perturbation_pct,
        "uncertainty_draws": s.rank_uncertainty.draws,
        "uncertainty_seed": s.rank_uncertainty.seed,
        "uncertainty_min_kept_share": s.rank_uncertainty.min_kept_share,
        "audit_capacity": s.audit_plan.capacity,
        "audit_budget_weight": s.audit_plan.budget_weight,
        "audit_performance_weight": s.audit_plan.performance_weight,
    }
    return {
        "scheme_parameters": [parameters],
        "scheme_components": [
            {
                "quarter_key": quarter_key,
                "component": c.code,
                "measure": c.measure,
                "weight": c.weight,
                "position": i,
            }
            for i, c in enumerate(s.components, start=1)
        ],
        "scheme_zones": [
            {"quarter_key": quarter_key, "zone": z.zone, "min_score": z.min_score} for z in s.zones
        ],
        "scheme_predicates": [
            {"quarter_key": quarter_key, "predicate": p.predicate, "above_score": p.above}
            for p in s.predicates
        ],
        "scheme_consequence_labels": [
            {"quarter_key": quarter_key, "consequence": kind, "position": i, "label": label}
            for kind, labels in (
                ("reward", consequences.reward_labels),
                ("sanction", consequences.sanction_labels),
            )
            for i, label in enumerate(labels, start=1)
        ],
        "scheme_tie_breakers": [
            {"quarter_key": quarter_key, "position": i, "component": code}
            for i, code in enumerate(s.ranking.tie_breakers, start=1)
        ],
        "scheme_complaint_sla": [
            {"quarter_key": quarter_key, "category": category.strip().lower(), "sla_workdays": n}
            for category, n in s.complaint_response.sla_workdays_by_category.items()
        ],
        "scheme_non_working_days": [
            {"quarter_key": quarter_key, "day": day, "kind": kind, "name": name}
            for day, kind, name in non_working_days(s, calendar_years(year))
        ],
    }


def json_schema() -> str:
    """The JSON Schema of a scheme file, as published in `docs/scheme.schema.json`."""
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rapor.example/scheme.schema.json",
        **Scheme.model_json_schema(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
