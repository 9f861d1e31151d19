"""Money as integer cents, so that sums and running totals are exact; written as `1234567.89`."""

from __future__ import annotations

CENTS = 100
THOUSAND_RUPIAH = 1000 * CENTS


def rupiah(value: float) -> int:
    """Whole thousands of rupiah, in cents: how budget ceilings are set."""
    return round(value * CENTS / THOUSAND_RUPIAH) * THOUSAND_RUPIAH


def fmt_money(cents: int) -> str:
    """`12345678` cents → `"123456.78"`."""
    return f"{cents // CENTS}.{cents % CENTS:02d}"
