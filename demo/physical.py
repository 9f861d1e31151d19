"""`fisik/`: cumulative physical progress per sub-activity and month, next to the money spent."""

from __future__ import annotations

from collections.abc import Iterator

from core.contract import canonical_columns
from demo.agencies import Agency
from demo.budget import MONTHS, SPENDING_CURVES, BudgetLine
from demo.sectors import Kind

PHYSICAL_FIELDS = canonical_columns("fisik")

# The planned cumulative progress (the schedule's "kurva S") per kind of sub-activity, in %.
PHYSICAL_TARGETS: dict[Kind, tuple[float, ...]] = {
    "gaji": tuple(100 * share for share in SPENDING_CURVES["gaji"]),
    "rutin": tuple(100 * month / 12 for month in MONTHS),
    "program": (5, 10, 18, 26, 35, 45, 55, 65, 75, 85, 93, 100),
    "konstruksi": (0, 2, 5, 10, 18, 30, 42, 55, 68, 80, 92, 100),
}


def physical_rows(agency: Agency, year: int, lines: list[BudgetLine]) -> Iterator[tuple[str, ...]]:
    """Rows of `fisik/` in `PHYSICAL_FIELDS` order: target and realisation 0–100, never falling."""
    year_text = str(year)
    for line in lines:
        targets = PHYSICAL_TARGETS[line.sub.kind]
        for month, target, progress in zip(MONTHS, targets, line.progress, strict=True):
            yield (
                year_text,
                str(month),
                agency.code,
                line.sub.code,
                _pct(target),
                _pct(100 * progress),
            )


def _pct(value: float) -> str:
    return f"{min(100.0, value):.2f}"
