"""`anggaran/`: sub-activities with their ceiling (pagu) and monthly realisation.

Spending follows the usual regional-budget season: slow until the contracts are signed, a
mid-year step (advance payments, the 13th salary), and a rush in the fourth quarter. Some ceilings
change in the budget amendment (APBD-P) from September or October; the row of each month carries
the ceiling then in force, and realisation never exceeds it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from core.contract import canonical_columns
from demo.agencies import Agency
from demo.money import THOUSAND_RUPIAH, fmt_money, rupiah
from demo.sectors import SUPPORT_ACTIVITIES, Kind
from demo.streams import stream

BUDGET_FIELDS = canonical_columns("anggaran")
MONTHS = range(1, 13)


def _cumulative(weights: list[float]) -> tuple[float, ...]:
    total = sum(weights)
    return tuple(min(1.0, v / total) for v in accumulate(weights))


# Planned cumulative share of the year's spending by month, per kind of sub-activity.
SPENDING_CURVES: dict[Kind, tuple[float, ...]] = {
    # twelve salaries plus the holiday allowance (THR, April) and the 13th salary (June)
    "gaji": _cumulative([1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1]),
    "rutin": (0.04, 0.10, 0.17, 0.25, 0.33, 0.42, 0.50, 0.60, 0.70, 0.78, 0.87, 1.0),
    "program": (0.01, 0.04, 0.09, 0.15, 0.23, 0.35, 0.44, 0.55, 0.66, 0.75, 0.85, 1.0),
    # works contracts: a 30% advance around June, then progress payments and the final one
    "konstruksi": (0.0, 0.01, 0.03, 0.05, 0.10, 0.25, 0.32, 0.42, 0.58, 0.67, 0.78, 1.0),
}

# log10 of a sub-activity's yearly ceiling in rupiah, before the agency's size factor: a city of
# 40 agencies spends about Rp1 trillion a year (salaries are set from the rest).
_PAGU_LOG10: dict[Kind, tuple[float, float]] = {
    "rutin": (7.8, 9.0),
    "program": (8.2, 9.5),
    "konstruksi": (9.0, 10.1),
}
_SUPPORT_COUNT = len(SUPPORT_ACTIVITIES) - 1


@dataclass(frozen=True)
class SubActivity:
    code: str
    name: str
    kind: Kind
    base_pagu: int  # cents


@dataclass(frozen=True)
class BudgetLine:
    """One sub-activity's year: ceiling in force, cumulative realisation, physical progress."""

    sub: SubActivity
    pagu: tuple[int, ...]  # cents, month 1..12
    ytd: tuple[int, ...]  # cents, month 1..12
    progress: tuple[float, ...]  # share of the work done, 0..1, month 1..12


def plan_sub_activities(agency: Agency, count: tuple[int, int], seed: int) -> list[SubActivity]:
    """The agency's sub-activities, the same every year: salaries, its own affairs, support."""
    rng = stream(seed, agency.region.code, agency.code, "sub_activities")
    sector = agency.sector
    wanted = rng.randint(*count) - 1
    own = min(wanted, len(sector.activities))
    support = min(_SUPPORT_COUNT, wanted - own)
    packages = wanted - own - support
    plans: list[tuple[str, str, Kind]] = []
    keg, sub, name, kind = SUPPORT_ACTIVITIES[0]
    plans.append((f"{sector.code}.01.2.{keg:02d}.{sub:04d}", name, kind))
    for i in range(own + packages):
        index, round_ = i % len(sector.activities), i // len(sector.activities)
        name, kind = sector.activities[index]
        code = f"{sector.code}.{2 + index // 2:02d}.2.{1 + index % 2:02d}.{1 + round_:04d}"
        # large agencies run several packages of the same sub-activity
        plans.append((code, name if round_ == 0 else f"{name} (Paket {round_ + 1})", kind))
    for keg, sub, name, kind in sorted(rng.sample(SUPPORT_ACTIVITIES[1:], support)):
        plans.append((f"{sector.code}.01.2.{keg:02d}.{sub:04d}", name, kind))
    size = math.sqrt(sector.size)
    pagu = [rupiah(10 ** rng.uniform(*_PAGU_LOG10[kind]) * size) for _, _, kind in plans[1:]]
    # salaries are some 35–45% of an agency's budget, whatever the number of its sub-activities
    pagu.insert(0, rupiah(sum(pagu) / 100 * rng.uniform(0.55, 0.8)))
    return [
        SubActivity(code, name, kind, cents)
        for (code, name, kind), cents in zip(plans, pagu, strict=True)
    ]


def budget_year(agency: Agency, sub: SubActivity, year: int, seed: int) -> BudgetLine:
    """The ceiling, realisation and physical progress of `sub` in `year`."""
    rng = stream(seed, agency.region.code, agency.code, sub.code, year)
    pagu = max(THOUSAND_RUPIAH, rupiah(sub.base_pagu / 100 * rng.uniform(0.92, 1.12)))
    curve = SPENDING_CURVES[sub.kind]
    final, pace, lead = _spending_profile(agency, sub.kind, rng)
    shares = [final * c**pace for c in curve]
    amended_from, amended = _amendment(sub.kind, pagu, rng)
    ceilings, ytds, done = [], [], 0
    for month, share in zip(MONTHS, shares, strict=True):
        if month == amended_from:
            # the amendment never cuts below what is already spent
            floor = math.ceil(done * 1.02 / THOUSAND_RUPIAH) * THOUSAND_RUPIAH
            pagu = max(amended, floor)
        done = max(done, int(pagu * share))
        ceilings.append(pagu)
        ytds.append(done)
    progress = tuple(min(1.0, s * lead) for s in shares)
    return BudgetLine(sub, tuple(ceilings), tuple(ytds), progress)


def _spending_profile(agency: Agency, kind: Kind, rng: random.Random) -> tuple[float, float, float]:
    """(final share spent, pace exponent on the curve, physical lead over finance)."""
    if kind == "gaji":
        # salaries are paid monthly whatever the management; weak agencies budget unfilled posts
        final = rng.uniform(0.86, 0.92) if agency.weak else rng.uniform(0.95, 0.99)
        return final, 1.0, 1.0 / final
    if agency.weak:
        return rng.uniform(0.55, 0.75), rng.uniform(1.6, 2.1), rng.uniform(0.92, 1.0)
    quality = agency.quality
    final = min(0.995, 0.82 + 0.16 * quality + rng.uniform(-0.03, 0.03))
    pace = 1.3 - 0.45 * quality + rng.uniform(-0.1, 0.1)
    return final, pace, 0.85 + 0.21 * quality + rng.uniform(-0.04, 0.04)


def _amendment(kind: Kind, pagu: int, rng: random.Random) -> tuple[int, int]:
    """(first month of the amended ceiling or 0 for none, the amended ceiling)."""
    if rng.random() >= (0.1 if kind == "gaji" else 0.2):
        return 0, pagu
    factor = rng.uniform(0.7, 0.95) if rng.random() < 0.5 else rng.uniform(1.05, 1.35)
    return rng.choice((9, 10)), max(THOUSAND_RUPIAH, rupiah(pagu / 100 * factor))


def budget_rows(agency: Agency, year: int, lines: list[BudgetLine]) -> Iterator[tuple[str, ...]]:
    """Rows of `anggaran/` in `BUDGET_FIELDS` order; month realisation = ytd difference."""
    year_text = str(year)
    for line in lines:
        previous = 0
        for month, pagu, ytd in zip(MONTHS, line.pagu, line.ytd, strict=True):
            yield (
                year_text,
                str(month),
                agency.code,
                line.sub.code,
                line.sub.name,
                fmt_money(pagu),
                fmt_money(ytd - previous),
                fmt_money(ytd),
            )
            previous = ytd
