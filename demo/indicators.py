"""`indikator/` and `revisi_target/`: indicator targets and realisations per quarter, and the
targets agencies negotiate with the head of region (approved, rejected or still pending).

Levels: IKU (key performance), programme, activity (kegiatan) and IKP, the indicators of the
head of region's instructions (Kabupaten Bekasi), whose targets are the ones negotiated."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import NamedTuple

from core.contract import canonical_columns
from demo.agencies import Agency
from demo.budget import SubActivity
from demo.sectors import GENERIC_OUTCOMES, Outcome
from demo.streams import stream

INDICATOR_FIELDS = canonical_columns("indikator")
REVISION_FIELDS = canonical_columns("revisi_target")
QUARTERS = range(1, 5)
# Units counted in whole numbers; every other unit keeps two decimals.
_COUNTED = {
    "dokumen",
    "orang",
    "unit",
    "kasus",
    "kejadian",
    "medali",
    "inovasi",
    "layanan",
    "KK",
    "sampel",
    "kegiatan",
    "laporan",
}
_REASONS = (
    "Penyesuaian dengan APBD Perubahan",
    "Refocusing anggaran untuk prioritas daerah",
    "Perubahan kebijakan pemerintah pusat",
    "Keterlambatan proses pengadaan barang dan jasa",
    "Kondisi darurat bencana di wilayah",
    "Perubahan data dasar (baseline) hasil pemutakhiran",
)


# Indicators of the head of region's instructions (IKP), one or two per agency.
_INSTRUCTIONS = (
    Outcome("Persentase instruksi kepala daerah yang ditindaklanjuti tepat waktu", "%", 85, 100),
    Outcome("Persentase program prioritas kepala daerah yang terealisasi", "%", 75, 100),
    Outcome("Persentase rekomendasi rapat pimpinan yang dilaksanakan", "%", 80, 100),
    Outcome("Jumlah inovasi pelayanan yang diterapkan", "inovasi", 1, 3, cumulative=True),
)


@dataclass(frozen=True)
class Indicator:
    code: str
    level: str
    outcome: Outcome
    weight: int | None


def plan_indicators(
    agency: Agency, count: tuple[int, int], subs: list[SubActivity], seed: int
) -> list[Indicator]:
    """The agency's indicators (the same every year): 1–2 IKU, at least 2 programme, activity
    outputs of its sub-activities, and 1–2 IKP."""
    rng = stream(seed, agency.region.code, agency.code, "indicators")
    total = rng.randint(*count)
    iku, program = (1, 2) if total < 10 else (2, 4)
    own = rng.sample(agency.sector.outcomes, len(agency.sector.outcomes))
    generic = rng.sample(GENERIC_OUTCOMES, len(GENERIC_OUTCOMES))
    pool = own[:iku] + (own[iku:] + generic)[:program]
    outputs = [s for s in subs if s.kind != "gaji"]
    activities = rng.sample(outputs, min(len(outputs), total - iku - program))
    weighted = rng.random() < 0.4
    indicators = []
    for i, outcome in enumerate(pool):
        level, number = ("iku", i + 1) if i < iku else ("program", i - iku + 1)
        code = f"{'IKU' if level == 'iku' else 'PROG'}.{number:02d}"
        weight = rng.choice((1, 2, 3)) if weighted else None
        indicators.append(Indicator(code, level, outcome, weight))
    for number, sub in enumerate(activities, 1):
        outcome = _output_of(sub, rng)
        weight = rng.choice((1, 2)) if weighted else None
        indicators.append(Indicator(f"KEG.{number:02d}", "kegiatan", outcome, weight))
    # a stream of their own, so that adding them left the other indicators as they were
    instructions = stream(seed, agency.region.code, agency.code, "instructions")
    chosen = instructions.sample(_INSTRUCTIONS, instructions.choice((1, 2)))
    for number, outcome in enumerate(chosen, 1):
        weight = instructions.choice((1, 2)) if weighted else None
        indicators.append(Indicator(f"IKP.{number:02d}", "ikp", outcome, weight))
    return indicators


def _output_of(sub: SubActivity, rng: random.Random) -> Outcome:
    if sub.kind == "konstruksi" or rng.random() < 0.5:
        return Outcome(f"Persentase penyelesaian {sub.name}", "%", 100, 100)
    return Outcome(f"Jumlah laporan {sub.name}", "laporan", 4, 12, cumulative=True)


class IndicatorRow(NamedTuple):
    """One row of `indikator/`, its fields in the contract's names and order."""

    year: str
    quarter: str
    opd_code: str
    indicator_code: str
    indicator_name: str
    level: str
    unit: str
    polarity: str
    target: str
    realization: str
    weight: str


def indicator_rows(
    agency: Agency, indicators: list[Indicator], year: int, seed: int
) -> list[IndicatorRow]:
    """The agency's `indikator/` rows of every quarter of `year`."""
    rng = stream(seed, agency.region.code, agency.code, year, "indicators")
    # weak agencies miss their targets by a wide margin; the others hover around them
    mean = rng.uniform(0.5, 0.62) if agency.weak else 0.72 + 0.26 * agency.quality
    rows = []
    for indicator in indicators:
        outcome = indicator.outcome
        annual = rng.uniform(outcome.low, outcome.high)
        for quarter in QUARTERS:
            target = _positive(outcome.unit, annual * quarter / 4 if outcome.cumulative else annual)
            achieved = min(1.25, max(0.3, rng.gauss(mean, 0.08)))
            if outcome.polarity == "negatif":
                realization = target * (2 - achieved)
            elif outcome.unit == "%":
                realization = min(100.0, target * achieved)
            else:
                realization = target * achieved
            # some activity outputs and IKU go unreported; programme indicators always are
            missing = indicator.level != "program" and rng.random() < 0.02
            rows.append(
                IndicatorRow(
                    str(year),
                    str(quarter),
                    agency.code,
                    indicator.code,
                    outcome.name,
                    indicator.level,
                    outcome.unit,
                    outcome.polarity,
                    _fmt(outcome.unit, target),
                    "" if missing else _fmt(outcome.unit, realization),
                    "" if indicator.weight is None else str(indicator.weight),
                )
            )
    return rows


def _positive(unit: str, value: float) -> float:
    """`value` at the unit's precision, never below its smallest step (a target is never 0)."""
    if unit in _COUNTED:
        return max(1.0, float(math.ceil(value)))
    return max(0.01, round(value, 2))


def _fmt(unit: str, value: float) -> str:
    return f"{value:.0f}" if unit in _COUNTED else f"{value:.2f}"


def revision_plan(agencies: list[Agency], count: tuple[int, int], year: int, seed: int) -> set[str]:
    """Codes of the agencies that negotiate targets in `year` (a handful per region)."""
    rng = stream(seed, agencies[0].region.code, year, "revisions")
    chosen = rng.sample(agencies, min(len(agencies), rng.randint(*count)))
    return {agency.code for agency in chosen}


def revision_rows(agency: Agency, rows: list[IndicatorRow], seed: int) -> list[tuple[str, ...]]:
    """The agency's negotiated targets of `rows`' year, one IKU or IKP indicator per quarter
    (Kabupaten Bekasi renegotiates its leadership instructions through the year), in
    `REVISION_FIELDS` order: approved, rejected or still pending."""
    year = int(rows[0].year)
    rng = stream(seed, agency.region.code, agency.code, year, "revision")
    revisions = []
    for quarter in QUARTERS:
        row = rng.choice(
            [r for r in rows if r.level in ("iku", "ikp") and r.quarter == str(quarter)]
        )
        target = float(row.target)
        factor = rng.uniform(0.8, 0.95) if row.polarity == "positif" else rng.uniform(1.05, 1.2)
        status = rng.choices(("disetujui", "ditolak", "diajukan"), (5, 3, 2))[0]
        decided = ""
        if status != "diajukan":
            last_day = _quarter_last_day(year, quarter)
            # about a third are decided only after the quarter closed: too late to count for it
            days = rng.randint(1, 25) if rng.random() < 0.3 else -rng.randint(2, 40)
            decided = (last_day + dt.timedelta(days=days)).isoformat()
        revisions.append(
            (
                row.year,
                row.quarter,
                agency.code,
                row.indicator_code,
                row.target,
                _fmt(row.unit, _positive(row.unit, target * factor)),
                status,
                decided,
                rng.choice(_REASONS),
            )
        )
    return revisions


def _quarter_last_day(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
