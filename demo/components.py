"""`komponen/`: component scores assessed by the organisation bureau, under the codes of the
`banyuwangi` scheme's six components."""

from __future__ import annotations

from collections.abc import Iterator

from core.contract import canonical_columns
from demo.agencies import Agency
from demo.indicators import QUARTERS
from demo.streams import stream

COMPONENT_FIELDS = canonical_columns("komponen")
COMPONENTS = (
    "pengawasan",
    "perencanaan_pengendalian",
    "pelaporan_kinerja",
    "pengelolaan_anggaran_bmd",
    "inovasi",
    "pengadaan_barang_jasa",
)
ASSESSOR = "Tim Penilai Bagian Organisasi"


def component_rows(agency: Agency, year: int, seed: int) -> Iterator[tuple[str, ...]]:
    """Rows of `komponen/` in `COMPONENT_FIELDS` order: every component of every quarter."""
    # an agency's strengths and weaknesses persist from year to year
    strengths = stream(seed, agency.region.code, agency.code, "components")
    bias = {component: strengths.uniform(-6, 6) for component in COMPONENTS}
    rng = stream(seed, agency.region.code, agency.code, year, "components")
    level = 42 + 45 * agency.quality
    for quarter in QUARTERS:
        for component in COMPONENTS:
            score = rng.gauss(level + bias[component] + quarter - 1, 3)
            yield (
                str(year),
                str(quarter),
                agency.code,
                component,
                f"{min(100.0, max(0.0, score)):.2f}",
                ASSESSOR,
            )
