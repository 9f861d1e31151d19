"""Regional governments (Pemda) generated: Kota Magelang, Jawa Tengah, a synthetic nation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    name: str

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Kota ")

    @property
    def short_name(self) -> str:
        return self.name.split(" ", 1)[1]


KOTA_MAGELANG = Region("33.71", "Kota Magelang")

# Kemendagri codes and names of Jawa Tengah: 21 of its kabupaten and its 6 kota.
_JAWA_TENGAH_KABUPATEN = (
    "Cilacap",
    "Banyumas",
    "Purbalingga",
    "Banjarnegara",
    "Kebumen",
    "Purworejo",
    "Wonosobo",
    "Magelang",
    "Boyolali",
    "Klaten",
    "Sukoharjo",
    "Wonogiri",
    "Karanganyar",
    "Sragen",
    "Grobogan",
    "Blora",
    "Rembang",
    "Pati",
    "Kudus",
    "Jepara",
    "Demak",
)
_JAWA_TENGAH_KOTA = ("Magelang", "Surakarta", "Salatiga", "Semarang", "Pekalongan", "Tegal")

JAWA_TENGAH: tuple[Region, ...] = tuple(
    Region(f"33.{i:02d}", f"Kabupaten {name}") for i, name in enumerate(_JAWA_TENGAH_KABUPATEN, 1)
) + tuple(Region(f"33.{70 + i}", f"Kota {name}") for i, name in enumerate(_JAWA_TENGAH_KOTA, 1))

# Javanese-sounding syllables: enough pairs for a unique name per synthetic region or kecamatan.
_PREFIXES = (
    "Karang",
    "Sido",
    "Wono",
    "Sumber",
    "Kali",
    "Banyu",
    "Tegal",
    "Giri",
    "Purwo",
    "Sela",
    "Jati",
    "Mojo",
    "Tanjung",
    "Suka",
    "Muara",
    "Bumi",
    "Sri",
    "Pasir",
    "Tirto",
    "Ngawi",
    "Sari",
    "Candi",
    "Watu",
    "Gunung",
)
_SUFFIXES = (
    "rejo",
    "mulyo",
    "harjo",
    "sari",
    "agung",
    "kerto",
    "asri",
    "makmur",
    "jaya",
    "mukti",
    "winangun",
    "raharjo",
    "sentosa",
    "indah",
    "arum",
    "laras",
    "kencana",
    "wangi",
    "rahayu",
    "mekar",
    "tengah",
    "utama",
    "lestari",
    "baru",
)


def place_name(index: int) -> str:
    """A unique synthetic place name for every index below 576."""
    prefix = _PREFIXES[index % len(_PREFIXES)]
    suffix = _SUFFIXES[(index // len(_PREFIXES) + index) % len(_SUFFIXES)]
    return prefix + suffix


def synthetic_nation(count: int = 552) -> tuple[Region, ...]:
    """`count` regions in synthetic provinces `11`, `12`, …: 13 kabupaten and 3 kota each."""
    regions = []
    for i in range(count):
        province, seat = 11 + i // 16, i % 16
        if seat < 13:
            regions.append(Region(f"{province}.{seat + 1:02d}", f"Kabupaten {place_name(i)}"))
        else:
            regions.append(Region(f"{province}.{seat + 58}", f"Kota {place_name(i)}"))
    return tuple(regions)
