"""The synthetic inbox written the way real regional exports look (`rapor generate --style messy`).

The rows are the canonical generator's own, only written differently: each dataset's year is
spread over one file per quarter (or one for the year), and every file has an export style of its
own, from a fixed table: xlsx like the regional finance system's (title, region and period in
merged cells, an empty separator row, Indonesian headers, a "Jumlah" row summing the money
columns), `;` and tab CSV in UTF-8 with BOM or Windows-1252, Indonesian numbers (`Rp 1.234.567,89`,
`85,5%`), dates (`31 Maret 2024`, `31/03/2024`, Excel date cells and serials), months and quarters
(`Maret`, `TW II`, `Triwulan III`, `Q3`, `IV`), agencies by upper-case name or alias. The same seed
must publish exactly the same marts from either style (tests/test_messy_inbox.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from core.contract import DATASETS, ColumnType
from demo.writer import check_fields, rows_per_dataset


@dataclass(frozen=True)
class ExportStyle:
    """How one exported file writes its header and values."""

    suffix: Literal[".xlsx", ".csv", ".txt"]
    delimiter: str = ","
    encoding: Literal["utf-8", "utf-8-sig", "cp1252"] = "utf-8"
    numbers: Literal["plain", "indonesian", "english"] = "plain"
    rupiah: str = ""  # what Indonesian money starts with: "Rp ", "Rp" or nothing
    dates: Literal["iso", "indonesian", "slash", "dash", "cell", "serial"] = "iso"
    quarters: Literal["digit", "tw", "triwulan", "q", "roman"] = "digit"
    month_names: bool = False
    agencies: Literal["code", "upper_name", "alias"] = "code"
    headers: int | None = None  # which Indonesian alias of each header; None: canonical names

    @property
    def is_xlsx(self) -> bool:
        return self.suffix == ".xlsx"


# Regional finance system export (SIPD and the like).
FINANCE_XLSX = ExportStyle(
    ".xlsx", dates="cell", quarters="tw", month_names=True, agencies="upper_name", headers=0
)
# A workbook whose date columns lost their format: Excel serial numbers.
SERIAL_XLSX = ExportStyle(".xlsx", dates="serial", quarters="triwulan", agencies="alias", headers=1)
# Excel "CSV UTF-8" on an Indonesian-locale Windows: `;`, BOM, decimal comma.
SEMICOLON_BOM = ExportStyle(
    ".csv", ";", "utf-8-sig", "indonesian", "Rp ", "indonesian", "q", True, "upper_name", 0
)
# Excel "CSV" (ANSI) on the same machine.
SEMICOLON_WINDOWS = ExportStyle(
    ".csv", ";", "cp1252", "indonesian", "Rp", "indonesian", "triwulan", True, "alias", 1
)
# Excel "Text (Tab delimited)".
TAB_WINDOWS = ExportStyle(
    ".txt", "\t", "cp1252", "indonesian", "", "slash", "roman", False, "alias", 0
)
# A database dump with thousands separators, hence quoted fields.
COMMA_ENGLISH = ExportStyle(".csv", ",", "utf-8", "english", dates="dash")

# The styles of a year's files of each dataset: four, one per quarter (rotated by the year, so
# other years mix differently), or one for the whole year. 2024 holds every style of the table.
FILE_STYLES: dict[str, tuple[ExportStyle, ...]] = {
    "opd": (FINANCE_XLSX,),
    "anggaran": (FINANCE_XLSX, SEMICOLON_BOM, TAB_WINDOWS, COMMA_ENGLISH),
    "fisik": (SERIAL_XLSX, SEMICOLON_WINDOWS, TAB_WINDOWS, SEMICOLON_BOM),
    "indikator": (COMMA_ENGLISH, FINANCE_XLSX, SERIAL_XLSX, TAB_WINDOWS),
    "revisi_target": (COMMA_ENGLISH,),
    "pengaduan": (FINANCE_XLSX, SERIAL_XLSX, SEMICOLON_BOM, TAB_WINDOWS),
    "p3dn": (SEMICOLON_WINDOWS,),
    "komponen": (SEMICOLON_BOM,),
}

# Indonesian headers, each an alias of `docs/inputs.md` as people write it; `opd_name` is the
# header of the agency column where agencies are named instead of coded.
_YEAR = ("Tahun Anggaran", "Tahun")
_MONTH = ("Bulan", "Periode")
_QUARTER = ("Triwulan", "TW")
_SUB_ACTIVITY = ("Kode Sub Kegiatan", "Kode SubKegiatan")
INDONESIAN_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "opd": {
        "opd_code": ("Kode OPD", "Kode SKPD"),
        "opd_name": ("Nama OPD", "Nama SKPD"),
        "opd_type": ("Jenis OPD", "Jenis"),
        "aliases": ("Nama Lain", "Alias"),
        "region_code": ("Kode Pemda", "Kode Wilayah"),
        "region_name": ("Nama Pemda", "Pemda"),
        "active_from": ("Berlaku Mulai",),
        "active_to": ("Berlaku Sampai",),
    },
    "anggaran": {
        "year": _YEAR,
        "month": _MONTH,
        "opd_code": ("Kode SKPD", "Kode OPD"),
        "opd_name": ("Nama SKPD", "Perangkat Daerah"),
        "sub_activity_code": _SUB_ACTIVITY,
        "sub_activity_name": ("Nama Sub Kegiatan", "Uraian"),
        "budget": ("Pagu Anggaran", "Anggaran Setelah Perubahan"),
        "realization_month": ("Realisasi Bulan Ini", "Realisasi"),
        "realization_ytd": ("Realisasi Kumulatif", "Realisasi SD Bulan Ini"),
    },
    "fisik": {
        "year": ("Tahun", "TA"),
        "month": _MONTH,
        "opd_code": ("Kode OPD", "Kode Unit"),
        "opd_name": ("Perangkat Daerah", "Nama OPD"),
        "sub_activity_code": _SUB_ACTIVITY,
        "physical_target_pct": ("Target Fisik",),
        "physical_realization_pct": ("Realisasi Fisik", "Progres Fisik"),
    },
    "indikator": {
        "year": ("Tahun",),
        "quarter": _QUARTER,
        "opd_code": ("Kode OPD", "Kode SKPD"),
        "opd_name": ("Nama OPD", "Perangkat Daerah"),
        "indicator_code": ("Kode Indikator",),
        "indicator_name": ("Nama Indikator", "Indikator"),
        "level": ("Jenis Indikator", "Tingkat"),
        "unit": ("Satuan",),
        "polarity": ("Polaritas", "Arah"),
        "target": ("Target",),
        "realization": ("Realisasi", "Capaian Realisasi"),
        "weight": ("Bobot",),
    },
    "revisi_target": {
        "year": ("Tahun",),
        "quarter": _QUARTER,
        "opd_code": ("Kode OPD",),
        "opd_name": ("Instansi", "Nama OPD"),
        "indicator_code": ("Kode Indikator",),
        "original_target": ("Target Awal",),
        "proposed_target": ("Target Usulan",),
        "status": ("Status",),
        "decided_at": ("Tanggal Keputusan",),
        "reason": ("Alasan",),
    },
    "pengaduan": {
        "tracking_id": ("No Tiket", "ID Laporan"),
        "submitted_at": ("Tanggal Laporan", "Waktu Lapor"),
        "opd_code": ("Kode OPD",),
        "opd_name": ("Instansi Tujuan", "Disposisi"),
        "category": ("Kategori",),
        "status": ("Status",),
        "first_response_at": ("Tanggal Tindak Lanjut", "Waktu Respon Pertama"),
        "closed_at": ("Tanggal Selesai",),
        "nama_pelapor": ("Nama Pelapor",),
        "nik": ("NIK",),
        "telepon": ("No HP", "Telepon"),
        "email": ("Email",),
        "alamat": ("Alamat",),
        "isi_laporan": ("Isi Laporan",),
    },
    "p3dn": {
        "year": ("Tahun",),
        "quarter": _QUARTER,
        "opd_code": ("Kode OPD",),
        "opd_name": ("Perangkat Daerah", "Nama SKPD"),
        "procurement_total": ("Total Belanja Pengadaan", "Belanja Pengadaan"),
        "domestic_total": ("Belanja PDN", "Realisasi PDN"),
    },
    "komponen": {
        "year": ("Tahun",),
        "quarter": _QUARTER,
        "opd_code": ("Kode OPD",),
        "opd_name": ("Nama OPD", "Perangkat Daerah"),
        "component": ("Komponen", "Aspek"),
        "score": ("Nilai", "Skor"),
        "assessor": ("Penilai",),
    },
}

# What the xlsx title and the text files' remark column say about where the data comes from.
REPORT_TITLES = {
    "opd": "DAFTAR PERANGKAT DAERAH",
    "anggaran": "LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN",
    "fisik": "LAPORAN REALISASI FISIK PER SUB KEGIATAN",
    "indikator": "LAPORAN CAPAIAN INDIKATOR KINERJA",
    "revisi_target": "REKAPITULASI USULAN PERUBAHAN TARGET",
    "pengaduan": "REKAPITULASI PENGADUAN SP4N LAPOR!",
    "p3dn": "LAPORAN PENGGUNAAN PRODUK DALAM NEGERI (P3DN)",
    "komponen": "HASIL PENILAIAN KOMPONEN RAPOR KINERJA OPD",
}
# The remark has an en dash, so that a Windows-1252 file is not also plain ASCII.
SOURCE_SYSTEMS = {
    "opd": "Bagian Organisasi – SOTK",
    "anggaran": "SIPD – realisasi SP2D",
    "fisik": "e-Monev – laporan PPTK",
    "indikator": "e-SAKIP – capaian kinerja",
    "revisi_target": "IKP – keputusan kepala daerah",
    "pengaduan": "SP4N LAPOR! – ekspor",
    "p3dn": "e-Katalog – belanja PDN",
    "komponen": "Bagian Organisasi – penilaian",
}
REMARK_HEADER = "Keterangan"
ROW_NUMBER_HEADER = "No"
TOTAL_LABEL = "Jumlah"
MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Workbooks and their zip entries carry this time instead of the time of writing, so that a seed
# always gives the same bytes.
EXPORTED_AT = dt.datetime(2020, 1, 1)
_MONEY_FORMAT = "#,##0.00"
_DATE_FORMAT = "dd/mm/yyyy"
_TIMESTAMP_FORMAT = "dd/mm/yyyy hh:mm:ss"


def column_types(dataset: str, fields: Sequence[str]) -> list[ColumnType]:
    """The contract type of every field; the personal-data columns it drops are text."""
    contract = DATASETS[dataset]
    known = {c.name: c.type for c in contract.columns}
    return [known.get(field, "str") for field in fields]


def quarter_text(quarter: int, style: ExportStyle) -> str:
    roman = ROMAN[quarter - 1]
    return {
        "digit": str(quarter),
        "tw": f"TW {roman}",
        "triwulan": f"Triwulan {roman}",
        "q": f"Q{quarter}",
        "roman": roman,
    }[style.quarters]


def number_text(text: str, column_type: ColumnType, percent: bool, style: ExportStyle) -> str:
    """A canonical number (`1234567.89`, `85.50`) as the style writes it."""
    if style.numbers == "plain":
        return text
    value = Decimal(text)
    if column_type == "money":
        if style.numbers == "english":
            return f"{value:,.2f}"
        # accounting style: a negative amount (a correction) in parentheses
        digits = f"{abs(value):,.2f}".translate(str.maketrans(",.", ".,"))
        return f"({style.rupiah}{digits})" if value < 0 else f"{style.rupiah}{digits}"
    if style.numbers == "english":
        return text
    # decimal comma without thousands separators: `1234,5` cannot be read as thousands
    trimmed = text.rstrip("0").rstrip(".") if "." in text else text
    return trimmed.replace(".", ",") + ("%" if percent else "")


def date_text(value: dt.datetime, with_time: bool, style: ExportStyle) -> str:
    time = f" {value:%H:%M:%S}" if with_time else ""
    if style.dates == "indonesian":
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}{time}"
    if style.dates == "slash":
        return f"{value:%d/%m/%Y}{time}"
    if style.dates == "dash":
        return f"{value:%d-%m-%Y}{time}"
    return f"{value:%Y-%m-%d}{time}"


def excel_serial(value: dt.datetime, with_time: bool) -> int | float:
    """Days since Excel's epoch, as a workbook stores dates; the time is the day's fraction."""
    elapsed = value - EXCEL_EPOCH
    return elapsed.days + elapsed.seconds / 86400 if with_time else elapsed.days


class AgencyNames:
    """The names and aliases of the OPD master, to refer to agencies the way people write them.

    Agencies are named only when every name and alias is unique in the master: several regions
    share names such as "Setda", and a name that is ambiguous cannot stand for a code.
    """

    def __init__(self) -> None:
        self._names: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._regions: set[str] = set()

    def learn(self, fields: Sequence[str], row: Sequence[str]) -> None:
        record = dict(zip(fields, row, strict=True))
        aliases = tuple(a for a in record.get("aliases", "").split("|") if a)
        self._names[record["opd_code"]] = (record["opd_name"], aliases)
        if record.get("region_name"):
            self._regions.add(record["region_name"])

    @property
    def region(self) -> str | None:
        """The region's name when the master holds one region."""
        return next(iter(self._regions)) if len(self._regions) == 1 else None

    def can_name(self) -> bool:
        seen = Counter(
            _normal(text) for name, aliases in self._names.values() for text in {name, *aliases}
        )
        return all(
            aliases and all(seen[_normal(t)] == 1 for t in (name, *aliases))
            for name, aliases in self._names.values()
        )

    def refer(self, code: str, how: str, row_number: int) -> str:
        """The agency as `how` names it; aliases take turns, as different clerks type them."""
        name, aliases = self._names[code]
        if how == "upper_name":
            return name.upper()
        return aliases[row_number % len(aliases)]


def _normal(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


class RowFormat:
    """Header and cell values of one dataset's rows in one style."""

    def __init__(
        self, dataset: str, fields: Sequence[str], style: ExportStyle, agencies: AgencyNames
    ) -> None:
        self.dataset = dataset
        self.fields = tuple(fields)
        self.style = style
        self.types = column_types(dataset, fields)
        self._agencies = agencies
        # the master defines the codes; every other dataset may name its agencies instead
        self._naming = dataset != "opd" and style.agencies != "code" and agencies.can_name()

    def headers(self) -> list[str]:
        return [self._header(field) for field in self.fields]

    def _header(self, field: str) -> str:
        if self.style.headers is None:
            return field.replace("_", " ").title()
        if field == "opd_code" and self._naming:
            field = "opd_name"
        # a column the contract gained after this table was written keeps its canonical name
        aliases = INDONESIAN_HEADERS[self.dataset].get(field, (field,))
        return aliases[self.style.headers % len(aliases)]

    def cells(self, row: Sequence[str], row_number: int) -> list[object]:
        return [
            self._cell(field, column_type, text, row_number)
            for field, column_type, text in zip(self.fields, self.types, row, strict=True)
        ]

    def _cell(self, field: str, column_type: ColumnType, text: str, row_number: int) -> object:
        style = self.style
        if text == "":
            return None if style.is_xlsx else ""
        if field == "opd_code" and self._naming:
            return self._agencies.refer(text, style.agencies, row_number)
        if column_type in ("money", "num", "pct"):
            if style.is_xlsx:
                return Decimal(text)
            return number_text(text, column_type, field.endswith("_pct"), style)
        if column_type in ("int", "month", "quarter"):
            number = int(text)
            if column_type == "month" and style.month_names:
                return MONTH_NAMES[number - 1]
            if column_type == "quarter" and style.quarters != "digit":
                return quarter_text(number, style)
            return number if style.is_xlsx else text
        if column_type in ("date", "ts"):
            value = dt.datetime.fromisoformat(text)
            with_time = column_type == "ts"
            if style.dates == "cell":
                return value if with_time else value.date()
            if style.dates == "serial":
                return excel_serial(value, with_time)
            return date_text(value, with_time, style)
        return text


class _StampedZip(zipfile.ZipFile):
    """A zip whose entries carry `EXPORTED_AT`: `zipfile` stamps them with the time of writing."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs) -> None:
        super().writestr(_entry(zinfo_or_arcname), data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs) -> None:
        with open(filename, "rb") as source, self.open(_entry(arcname), "w") as target:
            shutil.copyfileobj(source, target)


def _entry(name: str | zipfile.ZipInfo) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(
        name.filename if isinstance(name, zipfile.ZipInfo) else name,
        EXPORTED_AT.timetuple()[:6],
    )
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


class XlsxExport:
    """A finance-system workbook, streamed: title lines in merged cells, an empty row, the
    header, the numbered data rows and a "Jumlah" row summing the money columns."""

    def __init__(self, path: Path, form: RowFormat, title: Sequence[str]) -> None:
        self._path = path
        self._form = form
        self._workbook = Workbook(write_only=True)
        self._sheet = self._workbook.create_sheet("Laporan")
        self._money = [i for i, t in enumerate(form.types) if t == "money"]
        self._totals = [Decimal(0)] * len(self._money)
        self._row = 0  # the sheet's last row written, 1-based
        for line in title:
            self._append([line])
            self._merge(1, len(form.fields) + 1)
        self._append([])
        self._append([ROW_NUMBER_HEADER, *form.headers()])
        self.rows = 0

    def write(self, row: Sequence[str]) -> None:
        self.rows += 1
        cells = self._form.cells(row, self.rows)
        for index, column in enumerate(self._money):
            if row[column]:
                self._totals[index] += Decimal(row[column])
        styled = (self._styled(v, t) for v, t in zip(cells, self._form.types, strict=True))
        self._append([self.rows, *styled])

    def _styled(self, value: object, column_type: ColumnType) -> object:
        """Amounts and date cells with the number format the exports show them in."""
        if column_type == "money" and value is not None:
            number_format = _MONEY_FORMAT
        elif isinstance(value, dt.datetime):
            number_format = _TIMESTAMP_FORMAT
        elif isinstance(value, dt.date):
            number_format = _DATE_FORMAT
        else:
            return value
        cell = WriteOnlyCell(self._sheet, value=value)
        cell.number_format = number_format
        return cell

    def close(self) -> None:
        if self._money:
            total: list[object] = [None] * (len(self._form.fields) + 1)
            total[0] = TOTAL_LABEL
            for index, column in enumerate(self._money):
                total[column + 1] = self._styled(self._totals[index], "money")
            self._append(total)
            # the label spans the columns before the first amount, as the exports merge it
            self._merge(1, self._money[0] + 1)
        self._workbook.properties.created = EXPORTED_AT
        self._workbook.properties.modified = EXPORTED_AT
        ExcelWriter(self._workbook, _StampedZip(self._path, "w", zipfile.ZIP_DEFLATED)).save()

    def _append(self, values: list[object]) -> None:
        self._sheet.append(values)
        self._row += 1

    def _merge(self, first_column: int, last_column: int) -> None:
        if last_column > first_column:
            first, last = get_column_letter(first_column), get_column_letter(last_column)
            self._sheet.merged_cells.add(f"{first}{self._row}:{last}{self._row}")


class TextExport:
    """A delimited text export in the style's delimiter and encoding, with a remark column."""

    def __init__(self, path: Path, form: RowFormat) -> None:
        self._form = form
        self._handle: IO[str] = path.open("w", newline="", encoding=form.style.encoding)
        # Windows programs end lines with CRLF
        windows = form.style.encoding != "utf-8"
        self._writer = csv.writer(
            self._handle,
            delimiter=form.style.delimiter,
            lineterminator="\r\n" if windows else "\n",
        )
        self._remark = [SOURCE_SYSTEMS[form.dataset]] if form.style.headers is not None else []
        self._writer.writerow([*form.headers(), *([REMARK_HEADER] if self._remark else [])])
        self.rows = 0

    def write(self, row: Sequence[str]) -> None:
        self.rows += 1
        self._writer.writerow([*self._form.cells(row, self.rows), *self._remark])

    def close(self) -> None:
        self._handle.close()


def period_of(fields: Sequence[str], row: Sequence[str]) -> tuple[int, int] | None:
    """(year, quarter) of a row by its month, quarter or submission; None for the master."""
    record = dict(zip(fields, row, strict=True))
    if "month" in record:
        return int(record["year"]), (int(record["month"]) - 1) // 3 + 1
    if "quarter" in record:
        return int(record["year"]), int(record["quarter"])
    if "submitted_at" in record:
        submitted = dt.datetime.fromisoformat(record["submitted_at"])
        return submitted.year, (submitted.month - 1) // 3 + 1
    return None


class MessySink:
    """One dataset's rows as `inbox.py` opens a sink (the master, or one year), each row written
    to the file of its period in that file's style."""

    def __init__(
        self, out: Path, dataset: str, name: str, fields: Sequence[str], agencies: AgencyNames
    ) -> None:
        self._folder = out / dataset
        self._folder.mkdir(parents=True, exist_ok=True)
        self._dataset = dataset
        self._name = name
        self._fields = tuple(fields)
        self._agencies = agencies
        self._files: dict[tuple[int, int] | None, XlsxExport | TextExport] = {}
        self.rows = 0

    def write(self, rows: Iterable[Sequence[str]]) -> None:
        for row in rows:
            if self._dataset == "opd":
                self._agencies.learn(self._fields, row)
            self._file_of(period_of(self._fields, row)).write(row)
            self.rows += 1

    def _file_of(self, period: tuple[int, int] | None) -> XlsxExport | TextExport:
        styles = FILE_STYLES[self._dataset]
        key = period if period is not None and len(styles) > 1 else None
        export = self._files.get(key)
        if export is not None:
            return export
        if key is None:
            style, stem, lines = styles[0], self._name, self._title(period, whole_year=True)
        else:
            year, quarter = key
            style = styles[(quarter - 1 + year) % len(styles)]
            stem, lines = f"{self._name}_tw{quarter}", self._title(key, whole_year=False)
        form = RowFormat(self._dataset, self._fields, style, self._agencies)
        path = self._folder / f"{stem}{style.suffix}"
        export = XlsxExport(path, form, lines) if style.is_xlsx else TextExport(path, form)
        self._files[key] = export
        return export

    def _title(self, period: tuple[int, int] | None, whole_year: bool) -> list[str]:
        lines = [REPORT_TITLES[self._dataset]]
        region = self._agencies.region
        if self._dataset != "opd" and region:
            lines.append(f"PEMERINTAH {region.upper()}")
        if period is not None:
            year, quarter = period
            when = "" if whole_year else f"TRIWULAN {ROMAN[quarter - 1]} "
            lines.append(f"{when}TAHUN ANGGARAN {year}")
        return lines

    def close(self) -> None:
        for export in self._files.values():
            export.close()
        self._files.clear()


class MessyInboxWriter:
    """The messy counterpart of `InboxWriter`: the same `open`, `rows` and context manager."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._agencies = AgencyNames()
        self._sinks: list[tuple[str, MessySink]] = []

    def open(self, dataset: str, name: str, fields: Sequence[str]) -> MessySink:
        check_fields(dataset, fields)
        sink = MessySink(self.out, dataset, name, fields, self._agencies)
        self._sinks.append((dataset, sink))
        return sink

    @property
    def rows(self) -> dict[str, int]:
        """Rows written so far per dataset (titles, headers and totals not counted)."""
        return rows_per_dataset(self._sinks)

    def close(self) -> None:
        for _, sink in self._sinks:
            sink.close()

    def __enter__(self) -> MessyInboxWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
