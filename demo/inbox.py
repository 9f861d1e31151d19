"""Write a whole synthetic inbox, one year and one agency at a time (never all in memory)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from demo.agencies import OPD_FIELDS, Agency, opd_rows, region_agencies
from demo.budget import BUDGET_FIELDS, budget_rows, budget_year, plan_sub_activities
from demo.complaints import (
    COMPLAINT_FIELDS,
    agency_complaints,
    complaint_count,
    numbered,
)
from demo.components import COMPONENT_FIELDS, component_rows
from demo.indicators import (
    INDICATOR_FIELDS,
    REVISION_FIELDS,
    indicator_rows,
    plan_indicators,
    revision_plan,
    revision_rows,
)
from demo.messy import MessyInboxWriter
from demo.p3dn import P3DN_FIELDS, p3dn_rows
from demo.physical import PHYSICAL_FIELDS, physical_rows
from demo.scales import SCALES, Scale
from demo.writer import InboxWriter

YEARLY_FIELDS = {
    "anggaran": BUDGET_FIELDS,
    "fisik": PHYSICAL_FIELDS,
    "indikator": INDICATOR_FIELDS,
    "revisi_target": REVISION_FIELDS,
    "pengaduan": COMPLAINT_FIELDS,
    "p3dn": P3DN_FIELDS,
    "komponen": COMPONENT_FIELDS,
}
# canonical: one plain CSV per dataset and year; messy: the same rows in real-world export formats
STYLES = {"canonical": InboxWriter, "messy": MessyInboxWriter}


@dataclass(frozen=True)
class Summary:
    out: Path
    regions: int
    opds: int
    rows: dict[str, int]
    weak_opds: tuple[str, ...]  # the agencies built to rank at the bottom


def generate(
    out: Path,
    scale: str | Scale = "city",
    seed: int = 7,
    years: tuple[int, ...] = (2024, 2025),
    style: str = "canonical",
) -> Summary:
    """Write the synthetic inbox of `scale` for `years` into `out`, deterministic for `seed`;
    `style` is how the files are written (`STYLES`), never what they hold.

    Files of the same names are overwritten; other files in `out` are left alone.
    """
    if isinstance(scale, str):
        if scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; known: {', '.join(SCALES)}")
        scale = SCALES[scale]
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; known: {', '.join(STYLES)}")
    regions = [region_agencies(region, seed) for region in scale.regions]
    with STYLES[style](Path(out)) as writer:
        master = writer.open("opd", "opd", OPD_FIELDS)
        for agencies in regions:
            master.write(opd_rows(agencies))
        for year in years:
            _write_year(writer, scale, regions, year, seed)
        rows = writer.rows
    return Summary(
        out=Path(out),
        regions=len(regions),
        opds=sum(len(agencies) for agencies in regions),
        rows=rows,
        weak_opds=tuple(a.code for agencies in regions for a in agencies if a.weak),
    )


def _write_year(
    writer: InboxWriter | MessyInboxWriter,
    scale: Scale,
    regions: list[list[Agency]],
    year: int,
    seed: int,
) -> None:
    sinks = {ds: writer.open(ds, f"{ds}_{year}", fields) for ds, fields in YEARLY_FIELDS.items()}
    tracking = 1
    for agencies in regions:
        negotiating = revision_plan(agencies, scale.revisions_per_region, year, seed)
        complaints = []
        for agency in agencies:
            subs = plan_sub_activities(agency, scale.sub_activities_per_opd, seed)
            lines = [budget_year(agency, sub, year, seed) for sub in subs]
            sinks["anggaran"].write(budget_rows(agency, year, lines))
            sinks["fisik"].write(physical_rows(agency, year, lines))
            indicators = plan_indicators(agency, scale.indicators_per_opd, subs, seed)
            quarters = indicator_rows(agency, indicators, year, seed)
            sinks["indikator"].write(quarters)
            if agency.code in negotiating:
                sinks["revisi_target"].write(revision_rows(agency, quarters, seed))
            sinks["p3dn"].write(p3dn_rows(agency, year, lines, seed))
            sinks["komponen"].write(component_rows(agency, year, seed))
            count = complaint_count(agency, agencies, scale.complaints_per_opd, year, seed)
            complaints.extend(agency_complaints(agency, count, year, seed))
        # tracking ids run through the year's file, in order of submission within a region
        sinks["pengaduan"].write(numbered(complaints, year, tracking))
        tracking += len(complaints)
