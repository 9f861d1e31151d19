"""Fake personal data of complainants: the columns the ingest must drop (UU 27/2022).

Only plausible shapes, no real people: a 16-digit NIK that starts with the region code, an
Indonesian mobile number, an e-mail address and a street address.
"""

from __future__ import annotations

import random

from demo.agencies import Agency

_FIRST_NAMES = (
    "Agus",
    "Budi",
    "Dewi",
    "Eko",
    "Fitri",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Muhammad",
    "Nur",
    "Putri",
    "Rina",
    "Siti",
    "Slamet",
    "Tri",
    "Wahyu",
    "Yuni",
    "Bambang",
    "Ratna",
    "Sri",
    "Teguh",
    "Wulan",
)
_LAST_NAMES = (
    "Santoso",
    "Wibowo",
    "Lestari",
    "Saputra",
    "Rahayu",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Purnomo",
    "Wulandari",
    "Prasetyo",
    "Handayani",
    "Nugroho",
    "Susanti",
    "Suryani",
    "Utomo",
    "Permata",
    "Maharani",
)
_FEMALE = {"Dewi", "Fitri", "Indah", "Kartika", "Lestari", "Putri", "Rina", "Siti", "Yuni"} | {
    "Ratna",
    "Sri",
    "Wulan",
}
STREETS = (
    "Jl. Pahlawan",
    "Jl. Jenderal Sudirman",
    "Jl. Ahmad Yani",
    "Jl. Diponegoro",
    "Jl. Pemuda",
    "Jl. Tidar",
    "Jl. Veteran",
    "Jl. Gatot Subroto",
    "Jl. Kartini",
    "Jl. Urip Sumoharjo",
    "Jl. Pierre Tendean",
    "Jl. Sriwijaya",
    "Jl. Cempaka",
    "Jl. Kenanga",
    "Jl. Mawar",
    "Jl. Melati",
)
_MOBILE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0895")
_MAIL_DOMAINS = ("gmail.com", "yahoo.co.id", "gmail.com", "ymail.com")


def fake_person(agency: Agency, rng: random.Random) -> tuple[str, str, str, str, str]:
    """(nama_pelapor, nik, telepon, email, alamat) of an invented resident."""
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    day = rng.randint(1, 28) + (40 if first in _FEMALE else 0)  # the NIK's birth day of women +40
    birth = f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(50, 105) % 100:02d}"
    area = agency.region.code.replace(".", "") + f"{rng.randint(1, 9):02d}"
    nik = f"{area}{birth}{rng.randint(1, 2999):04d}"
    phone = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    email = f"{first}.{last}{rng.randint(1, 99)}@{rng.choice(_MAIL_DOMAINS)}".lower()
    address = (
        f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}, RT {rng.randint(1, 9):03d}/"
        f"RW {rng.randint(1, 12):03d}, {agency.region.name}"
    )
    return f"{first} {last}", nik, phone, email, address
