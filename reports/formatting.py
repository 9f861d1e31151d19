"""How the quarterly report writes numbers, rupiah and dates: Indonesian by default
(`1.234.567,89`, `Rp5.000.000`, `30 Juni 2025`), English with `--lang en`."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from core.messages import Lang

MONTHS: dict[Lang, tuple[str, ...]] = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
ROMAN = ("I", "II", "III", "IV")
# thousands and decimal separators
SEPARATORS: dict[Lang, tuple[str, str]] = {"id": (".", ","), "en": (",", ".")}


def number(value: float | Decimal | int | None, lang: Lang, decimals: int = 2) -> str:
    """`1234567.891` → `1.234.567,89` (id) or `1,234,567.89` (en); empty for no value.
    Rounded half away from zero, as the published index is."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    thousands, point = SEPARATORS[lang]
    written = f"{rounded:,.{decimals}f}"
    return written.replace(",", "\0").replace(".", point).replace("\0", thousands)


def rupiah(value: float | Decimal | int | None, lang: Lang) -> str:
    """`5000000` → `Rp5.000.000` (id) or `Rp5,000,000` (en): whole rupiah."""
    if value is None:
        return ""
    written = number(value, lang, 0)
    return f"-Rp{written[1:]}" if written.startswith("-") else f"Rp{written}"


def percent(value: float | None, lang: Lang, decimals: int = 2) -> str:
    return "" if value is None else f"{number(value, lang, decimals)}%"


def date(value: dt.date | dt.datetime | None, lang: Lang) -> str:
    """`2025-06-30` → `30 Juni 2025` (id) or `30 June 2025` (en)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


def movement(rank: int, previous_rank: int | None) -> tuple[str, str]:
    """The move since the previous quarter, as shown (`▲ 3`, `▼ 1`, `=`) and its kind
    (`up`, `down`, `same`, `new`: the caller writes `new` in the reader's language)."""
    if previous_rank is None:
        return "", "new"
    if previous_rank > rank:
        return f"▲ {previous_rank - rank}", "up"
    if previous_rank < rank:
        return f"▼ {rank - previous_rank}", "down"
    return "=", "same"
