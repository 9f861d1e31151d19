"""`p3dn/`: domestic-product use in procurement (Inpres 2/2022), per quarter, year to date.

Procurement is a share of the goods-and-services spending of `anggaran/`; the domestic share grows
over the year as e-catalogue purchases pick up.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.contract import canonical_columns
from demo.agencies import Agency
from demo.budget import BudgetLine
from demo.indicators import QUARTERS
from demo.money import fmt_money
from demo.streams import stream

P3DN_FIELDS = canonical_columns("p3dn")


def p3dn_rows(
    agency: Agency, year: int, lines: list[BudgetLine], seed: int
) -> Iterator[tuple[str, ...]]:
    """Rows of `p3dn/` in `P3DN_FIELDS` order; domestic ≤ procurement, both never falling."""
    rng = stream(seed, agency.region.code, agency.code, year, "p3dn")
    procured_share = rng.uniform(0.45, 0.7)
    start = rng.uniform(0.2, 0.24) if agency.weak else 0.12 + 0.45 * agency.quality
    growth = rng.uniform(0.01, 0.04)
    for quarter in QUARTERS:
        spent = sum(line.ytd[3 * quarter - 1] for line in lines if line.sub.kind != "gaji")
        procurement = round(spent * procured_share)
        ratio = min(0.9, max(0.2, start + growth * (quarter - 1)))
        yield (
            str(year),
            str(quarter),
            agency.code,
            fmt_money(procurement),
            fmt_money(round(procurement * ratio)),
        )
