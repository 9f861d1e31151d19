"""How big a generated data set is: regions, and per agency its sub-activities, indicators and
complaints."""

from __future__ import annotations

from dataclasses import dataclass

from demo.regions import JAWA_TENGAH, KOTA_MAGELANG, Region, synthetic_nation


@dataclass(frozen=True)
class Scale:
    name: str
    regions: tuple[Region, ...]
    sub_activities_per_opd: tuple[int, int]
    indicators_per_opd: tuple[int, int]
    complaints_per_opd: int  # per year, on average
    revisions_per_region: tuple[int, int] = (4, 8)  # negotiated targets per year


SCALES: dict[str, Scale] = {
    # the demo: one city of 40 agencies, small enough to generate and rank in seconds
    "city": Scale("city", (KOTA_MAGELANG,), (12, 20), (5, 8), 60),
    "province": Scale("province", JAWA_TENGAH, (45, 55), (15, 20), 80),
    # ~25 000 agencies: ~15 million budget rows and ~2 million complaints a year
    "national": Scale("national", synthetic_nation(552), (45, 55), (18, 22), 80),
}
