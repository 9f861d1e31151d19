"""Scoring schemes: validated from YAML, then flattened into the tables the dbt models read.

Every parameter of `scoring.md` lives in the scheme file; the defaults below are the spec's
defaults. The formulas themselves live only in dbt SQL.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMES_DIR = Path(__file__).resolve().parent.parent / "schemes"
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
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    measure: Measure
    weight: Annotated[float, Field(gt=0, le=100)]


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


class Ranking(_Strict):
    separate_types: list[str] = []


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
    ranking: Ranking = Ranking()
    zones: list[Zone] = [
        Zone(zone="hijau", min_score=76),
        Zone(zone="kuning", min_score=51),
        Zone(zone="merah", min_score=0),
    ]
    predicates: list[Predicate] = SAKIP_PREDICATES
    lowest_predicate: str = "D"
    consequences: Consequences = Consequences()

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


def scheme_tables(loaded: LoadedScheme, quarter_key: str, quarter: int) -> dict[str, list[dict]]:
    """Rows of the `raw.scheme_*` tables for one quarter: what the SQL formulas read."""
    s = loaded.scheme
    consequences = s.consequences
    parameters = {
        "quarter_key": quarter_key,
        "scheme_name": s.name,
        "scheme_sha256": loaded.sha256,
        "indicator_levels": ",".join(s.indicator_achievement.levels),
        "indicator_cap": s.indicator_achievement.cap,
        "missing_realization": s.indicator_achievement.missing_realization,
        "absorption_target_pct": s.budget_absorption.target_pct[quarter],
        "p3dn_target_pct": s.p3dn_usage.target_pct,
        "separate_rank_types": ",".join(s.ranking.separate_types),
        "reward_top_n": consequences.top_n,
        "sanction_bottom_n": consequences.bottom_n,
        "lowest_predicate": s.lowest_predicate,
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
    }
