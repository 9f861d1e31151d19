"""`pengaduan/`: public complaints as exported from SP4N LAPOR, dispatched to the agencies.

How fast an agency answers follows its quality (slow ones miss the 5-working-day deadline
often); offices are closed at weekends and on the national holidays and cuti bersama, so a
complaint sent before Lebaran waits until after it. The export also carries the complainant's
personal data, which the ingest must drop.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from functools import cache

import holidays

from core.contract import canonical_columns
from demo.agencies import Agency
from demo.pii import STREETS, fake_person
from demo.streams import stream

COMPLAINT_FIELDS = (
    *canonical_columns("pengaduan"),
    # the personal data a real SP4N LAPOR export carries, which the ingest must drop
    "nama_pelapor",
    "nik",
    "telepon",
    "email",
    "alamat",
    "isi_laporan",
)
# What complainants write, per LAPOR category; `{street}` is filled in.
_TEXTS = {
    "Infrastruktur": "Jalan berlubang di {street} sudah sebulan, membahayakan pengendara.",
    "Lingkungan Hidup dan Kebersihan": "Sampah di {street} tidak diangkut sejak minggu lalu, bau.",
    "Kesehatan": "Antrean di layanan kesehatan sangat lama, mohon penambahan petugas.",
    "Pendidikan": "Mohon kejelasan jadwal pencairan bantuan pendidikan untuk siswa.",
    "Kependudukan": "KTP elektronik belum jadi padahal sudah rekam sejak dua bulan lalu.",
    "Ketenteraman dan Ketertiban Umum": "Pedagang kaki lima menutup trotoar di {street}.",
    "Perhubungan": "Lampu lalu lintas di simpang {street} mati, rawan kecelakaan.",
    "Sosial": "Keluarga kami belum terdaftar sebagai penerima bantuan sosial, mohon dicek.",
    "Perizinan": "Permohonan izin usaha saya belum diproses, status di sistem tidak berubah.",
    "Kepegawaian": "Mohon informasi jadwal seleksi dan pengumuman hasil seleksi pegawai.",
}
_DEFAULT_TEXT = "Mohon tindak lanjut atas permasalahan layanan di {street}, terima kasih."
# Complaints come in by day and evening; answers within office hours.
_HOURS = tuple(range(6, 23))
_HOUR_WEIGHTS = (1, 3, 5, 6, 6, 5, 4, 5, 5, 4, 3, 3, 4, 4, 3, 2, 1)


def complaint_count(
    agency: Agency, agencies: list[Agency], per_opd: int, year: int, seed: int
) -> int:
    """How many complaints reach the agency in `year`: busy public services get the most."""
    mean_weight = sum(a.sector.complaint_weight for a in agencies) / len(agencies)
    rng = stream(seed, agency.region.code, agency.code, year, "complaint_count")
    return round(per_opd * agency.sector.complaint_weight / mean_weight * rng.uniform(0.8, 1.2))


def agency_complaints(
    agency: Agency, count: int, year: int, seed: int
) -> Iterator[tuple[str, ...]]:
    """The agency's complaints of `year`, without tracking id, `COMPLAINT_FIELDS[1:]` order."""
    rng = stream(seed, agency.region.code, agency.code, year, "complaints")
    start = dt.datetime(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - start.date()).days
    answers = 0.72 + 0.25 * agency.quality
    mean_delay = 8.0 if agency.weak else 1.0 + 4.0 * (1 - agency.quality)
    for _ in range(count):
        submitted = start + dt.timedelta(
            days=rng.randrange(days),
            hours=rng.choices(_HOURS, _HOUR_WEIGHTS)[0],
            minutes=rng.randrange(60),
            seconds=rng.randrange(60),
        )
        category = rng.choice(agency.sector.complaint_categories)
        responded = closed = None
        if rng.random() < answers:
            responded = _office_time(submitted, int(rng.expovariate(1 / mean_delay)), rng)
            if rng.random() < 0.85:
                closed = responded + dt.timedelta(minutes=rng.randint(120, 20 * 24 * 60))
        if closed is not None:
            status = "selesai" if rng.random() < 0.85 else "ditutup"
        elif responded is not None:
            status = "proses"
        else:
            status = rng.choice(("belum diverifikasi", "belum ditindaklanjuti"))
        text = _TEXTS.get(category, _DEFAULT_TEXT).format(street=rng.choice(STREETS))
        yield (
            submitted.isoformat(sep=" "),
            agency.code,
            category,
            status,
            _ts(responded),
            _ts(closed),
            *fake_person(agency, rng),
            text,
        )


@cache
def _closed_days(year: int) -> frozenset[dt.date]:
    """National public holidays and cuti bersama of `year`: the offices are closed."""
    return frozenset(
        holidays.country_holidays("ID", years=year, categories=("public", "government"))
    )


def _is_office_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(day.year)


def _office_time(submitted: dt.datetime, workdays: int, rng: random.Random) -> dt.datetime:
    """A time in office hours `workdays` working days after `submitted`, never before it."""
    day = submitted.date()
    while workdays > 0 or not _is_office_day(day):
        day += dt.timedelta(days=1)
        if _is_office_day(day):
            workdays -= 1
    answered = dt.datetime.combine(day, dt.time(rng.randint(8, 15), rng.randrange(60)))
    if answered <= submitted:
        # an answer the same evening, never after midnight (the next day may be a holiday)
        last_second = dt.datetime.combine(day, dt.time(23, 59, 59))
        answered = min(submitted + dt.timedelta(minutes=rng.randint(15, 180)), last_second)
    return answered


def _ts(value: dt.datetime | None) -> str:
    return "" if value is None else value.isoformat(sep=" ")


def numbered(
    complaints: Iterable[tuple[str, ...]], year: int, first: int
) -> Iterator[tuple[str, ...]]:
    """Complaints in submission order, with tracking ids `LAPOR-<year>-<nnnnnn>` from `first`."""
    for number, complaint in enumerate(sorted(complaints), first):
        yield (f"LAPOR-{year}-{number:06d}", *complaint)
