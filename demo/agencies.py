"""The OPD master: Kota Magelang's agencies, and one catalogue of the same shape for any region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from core.contract import canonical_columns
from demo.regions import KOTA_MAGELANG, Region, place_name
from demo.sectors import SECTORS, Sector
from demo.streams import stream

OPD_FIELDS = canonical_columns("opd")
ACTIVE_FROM = "2020-01-01"


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    opd_type: str
    aliases: tuple[str, ...]
    sector: Sector
    region: Region
    # 0 (poor) … 1 (excellent): one latent trait drives every measure, so the ranking is coherent.
    quality: float
    weak: bool


# (name, opd_type, aliases, sector) of every region; its RSUD and kecamatan are added per region.
_CORE: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("Sekretariat Daerah", "sekretariat", ("Setda", "Sekda"), "sekretariat_daerah"),
    ("Sekretariat DPRD", "sekretariat", ("Setwan", "Sekretariat Dewan"), "sekretariat_dprd"),
    ("Inspektorat Daerah", "inspektorat", ("Inspektorat",), "inspektorat"),
    ("Badan Perencanaan Pembangunan Daerah", "badan", ("Bappeda",), "perencanaan"),
    ("Badan Pengelola Keuangan dan Pendapatan Daerah", "badan", ("BPKPD",), "keuangan"),
    (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "badan",
        ("BKPSDM",),
        "kepegawaian",
    ),
    ("Badan Kesatuan Bangsa dan Politik", "badan", ("Kesbangpol", "Bakesbangpol"), "kesbangpol"),
    ("Badan Penanggulangan Bencana Daerah", "badan", ("BPBD",), "kebencanaan"),
    ("Badan Riset dan Inovasi Daerah", "badan", ("BRIDA",), "riset"),
    ("Dinas Pendidikan dan Kebudayaan", "dinas", ("Disdikbud",), "pendidikan"),
    ("Dinas Kesehatan", "dinas", ("Dinkes",), "kesehatan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", ("DPUPR", "Dinas PUPR"), "pekerjaan_umum"),
    ("Dinas Perumahan dan Kawasan Permukiman", "dinas", ("Disperkim",), "perumahan"),
    ("Satuan Polisi Pamong Praja", "lainnya", ("Satpol PP",), "ketertiban"),
    (
        "Dinas Pemadam Kebakaran dan Penyelamatan",
        "dinas",
        ("Damkar", "Disdamkar"),
        "pemadam_kebakaran",
    ),
    ("Dinas Sosial", "dinas", ("Dinsos",), "sosial"),
    (
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "dinas",
        ("DPPKB", "Dinas PPKB"),
        "keluarga_berencana",
    ),
    (
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "dinas",
        ("DP3A", "Dinas PPPA"),
        "perempuan_anak",
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "dinas",
        ("Disdukcapil", "Dukcapil"),
        "kependudukan",
    ),
    ("Dinas Perhubungan", "dinas", ("Dishub",), "perhubungan"),
    (
        "Dinas Komunikasi, Informatika dan Statistik",
        "dinas",
        ("Diskominfo", "Diskominsta"),
        "komunikasi",
    ),
    (
        "Dinas Koperasi, Usaha Kecil dan Menengah dan Perdagangan",
        "dinas",
        ("DKUKMP", "Dinkop UKM"),
        "koperasi_perdagangan",
    ),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "dinas",
        ("DPMPTSP",),
        "penanaman_modal",
    ),
    ("Dinas Kepemudaan dan Olahraga", "dinas", ("Dispora",), "kepemudaan_olahraga"),
    ("Dinas Perpustakaan dan Kearsipan", "dinas", ("Disperpusip",), "perpustakaan_arsip"),
    ("Dinas Lingkungan Hidup", "dinas", ("DLH",), "lingkungan_hidup"),
    ("Dinas Pertanian dan Pangan", "dinas", ("Disperpa",), "pangan_pertanian"),
    ("Dinas Tenaga Kerja", "dinas", ("Disnaker",), "tenaga_kerja"),
    ("Dinas Pariwisata", "dinas", ("Dispar",), "pariwisata"),
)

_MAGELANG_EXTRA: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("RSUD Tidar", "rsud", ("Rumah Sakit Umum Daerah Tidar",), "rumah_sakit"),
    ("RSUD Budi Rahayu", "rsud", ("Rumah Sakit Umum Daerah Budi Rahayu",), "rumah_sakit"),
    ("Kecamatan Magelang Utara", "kecamatan", ("Kec. Magelang Utara",), "kecamatan"),
    ("Kecamatan Magelang Tengah", "kecamatan", ("Kec. Magelang Tengah",), "kecamatan"),
    ("Kecamatan Magelang Selatan", "kecamatan", ("Kec. Magelang Selatan",), "kecamatan"),
    ("UPTD Puskesmas Magelang Utara", "lainnya", ("Puskesmas Magelang Utara",), "puskesmas"),
    ("UPTD Puskesmas Magelang Tengah", "lainnya", ("Puskesmas Magelang Tengah",), "puskesmas"),
    ("UPTD Puskesmas Magelang Selatan", "lainnya", ("Puskesmas Magelang Selatan",), "puskesmas"),
    ("UPTD Puskesmas Kerkopan", "lainnya", ("Puskesmas Kerkopan",), "puskesmas"),
    ("UPTD Puskesmas Jurangombo", "lainnya", ("Puskesmas Jurangombo",), "puskesmas"),
    ("UPTD Laboratorium Kesehatan Daerah", "lainnya", ("Labkesda",), "laboratorium"),
)

# A region's catalogue size: the core, its RSUD, and as many kecamatan as it takes.
_SIZE = (40, 48)


def _catalogue(region: Region, seed: int) -> list[tuple[str, str, tuple[str, ...], str]]:
    if region == KOTA_MAGELANG:
        return [*_CORE, *_MAGELANG_EXTRA]
    rng = stream(seed, region.code, "catalogue")
    entries = list(_CORE)
    if not region.is_city:
        entries.append(("Dinas Perikanan", "dinas", ("Diskan",), "perikanan"))
    hospital = f"RSUD {region.short_name}"
    entries.append(
        (hospital, "rsud", (hospital.replace("RSUD", "Rumah Sakit Umum Daerah"),), "rumah_sakit")
    )
    kecamatan = rng.randint(*_SIZE) - len(entries)
    for index in sorted(rng.sample(range(576), kecamatan)):
        name = place_name(index)
        entries.append((f"Kecamatan {name}", "kecamatan", (f"Kec. {name}",), "kecamatan"))
    return entries


def region_agencies(region: Region, seed: int) -> list[Agency]:
    """The region's agencies, coded `<region_code>.<nn>`; 3–4 of them persistently weak."""
    entries = _catalogue(region, seed)
    pick = stream(seed, region.code, "weak")
    weak = set(pick.sample(range(len(entries)), pick.choice((3, 4))))
    agencies = []
    for index, (name, opd_type, aliases, sector) in enumerate(entries):
        code = f"{region.code}.{index + 1:02d}"
        traits = stream(seed, region.code, code, "traits")
        quality = traits.uniform(0.0, 0.15) if index in weak else traits.uniform(0.3, 1.0)
        agencies.append(
            Agency(code, name, opd_type, aliases, SECTORS[sector], region, quality, index in weak)
        )
    return agencies


def opd_rows(agencies: list[Agency]) -> Iterator[tuple[str, ...]]:
    """Rows of `opd/` in `OPD_FIELDS` order."""
    for agency in agencies:
        yield (
            agency.code,
            agency.name,
            agency.opd_type,
            "|".join(agency.aliases),
            agency.region.code,
            agency.region.name,
            ACTIVE_FROM,
            "",
        )
