"""Bad input, file by file (docs/inputs.md#rules-for-bad-input; issue 3).

Every case is a small file under `tests/bad_inputs/<dataset>/` (written by its `make_fixtures.py`)
dropped into one inbox with the OPD master `tests/bad_inputs/opd_master.csv`: one ingest reads the
whole inbox and reports every bad file at once, each finding located by file, sheet, line, column
and value. Rules of the Great Expectations suites are then checked on the files the ingest loaded
(each such case sits in its own year, so no file supersedes another). No Dagster: fast.

The formats every dataset accepts are pinned after the catalogue, on inboxes built in the test.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core.quarters import Quarter
from core.warehouse import connect
from ingest.load import IngestResult, ingest_inbox
from tests.inbox_builder import as_dicts

CATALOGUE = Path(__file__).parent / "bad_inputs"
MASTER = CATALOGUE / "opd_master.csv"


@dataclass(frozen=True)
class Case:
    file: str  # inbox path: <dataset>/<name>
    rule: str
    line: int | None = None
    column: str = ""
    value: str = ""
    sheet: str = ""
    severity: str = "error"
    quarter: Quarter | None = None  # a suite rule: validated for this quarter

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.file}"


INGEST_CASES = [
    # files that cannot be read at all are reported whole
    Case("p3dn/empty.csv", "empty_file"),
    Case("anggaran/garbage.csv", "binary_file"),
    Case("fisik/workbook_named_csv.csv", "binary_file"),
    Case("anggaran/truncated.xlsx", "damaged_workbook"),
    Case("indikator/password_protected.xlsx", "unsupported_workbook"),
    Case("indikator/old_format.xls", "unsupported_workbook"),
    Case("komponen/scores.pdf", "unsupported_format"),
    Case("p3dn/utf16.csv", "unsupported_encoding"),
    Case("komponen/no_header.xlsx", "header_not_found"),
    Case("fisik/extra_field.csv", "too_many_fields", line=3),
    # headers
    Case("anggaran/missing_budget.csv", "missing_required_column", line=1, column="budget"),
    Case("fisik/unknown_headers.csv", "missing_required_column", line=1, column="year"),
    Case(
        "anggaran/sheet_missing_column.xlsx",
        "missing_required_column",
        line=4,
        column="budget",
        sheet="Data",
    ),
    Case("komponen/header_only.csv", "no_data_rows", severity="warning"),
    # values
    Case(
        "anggaran/mixed_numbers.csv",
        "number_convention_mixed",
        line=2,
        column="budget",
        value="1,500,000.00",
    ),
    Case(
        "p3dn/undecided_numbers.csv",
        "number_convention_undecided",
        line=2,
        column="procurement_total",
        value="2.500",
    ),
    Case("fisik/month_13.csv", "month_out_of_range", line=3, column="month", value="13"),
    Case("fisik/two_sheets.xlsx", "month_out_of_range", 4, "month", "13", sheet="Mei"),
    Case("komponen/quarter_v.csv", "unparseable_value", line=3, column="quarter", value="V"),
    Case("indikator/quarter_q5.csv", "quarter_out_of_range", 2, "quarter", "Q5"),
    Case(
        "revisi_target/february_31.csv",
        "unparseable_value",
        line=2,
        column="decided_at",
        value="31/02/2025",
    ),
    Case(
        "revisi_target/month_name_typo.csv",
        "unparseable_value",
        line=2,
        column="decided_at",
        value="31 Februari 2025",
    ),
    Case(
        "pengaduan/impossible_time.csv",
        "unparseable_value",
        line=2,
        column="submitted_at",
        value="2024-02-30 09:00",
    ),
    Case(
        "fisik/progress_130.csv",
        "pct_out_of_range",
        line=2,
        column="physical_realization_pct",
        value="130%",
    ),
    Case("komponen/missing_score.csv", "required_value_missing", line=2, column="score"),
    Case(
        "p3dn/text_amount.csv",
        "unparseable_value",
        line=2,
        column="procurement_total",
        value="lima juta",
    ),
    Case(
        "anggaran/long_cell.csv",
        "value_too_long",
        line=2,
        column="sub_activity_name",
        value="x" * 120 + "…",
    ),
    # formulas stay text: never evaluated, shown with a leading ' so a pasted report stays inert
    Case(
        "anggaran/formula_pagu.xlsx",
        "unparseable_value",
        line=5,
        column="budget",
        value="'=SUM(F5:F6)",
        sheet="Data",
    ),
    Case(
        "anggaran/formula_injection_amount.csv",
        "unparseable_value",
        line=2,
        column="budget",
        value="'=cmd|' /C calc'!A0",
    ),
    # OPD named instead of coded
    Case("anggaran/unknown_name.csv", "unknown_opd_name", 3, "opd_name", "Dinas Kesehatn"),
    Case("fisik/ambiguous_name.csv", "ambiguous_opd_name", 2, "opd_name", "Camat Magelang"),
    # personal data where it does not belong: reported, never shown
    Case(
        "pengaduan/nik_in_category.csv",
        "personal_data_in_column",
        line=2,
        column="kategori",
        value="*" * 16,
    ),
    Case(
        "pengaduan/nik_in_extra_column.csv",
        "personal_data_in_column",
        line=2,
        column="keterangan",
        value="*" * 16,
    ),
    # what a real region sends (issue 14)
    Case("anggaran/year_2052.csv", "year_implausible", 2, "year", "2052"),
    Case("p3dn/year_2205.csv", "year_implausible", 2, "year", "2205"),
    Case("indikator/year_1925.xlsx", "year_implausible", 2, "year", "1925", sheet="Data"),
    Case(
        "pengaduan/reported_1925.csv",
        "year_implausible",
        2,
        "submitted_at",
        "1925-02-10 09:00",
    ),
    Case("revisi_target/decided_2052.csv", "year_implausible", 2, "decided_at", "31/03/2052"),
    Case(
        "fisik/text_in_percentage.csv",
        "unparseable_value",
        2,
        "physical_realization_pct",
        "selesai",
    ),
    Case("komponen/text_score.csv", "unparseable_value", 2, "score", "sangat baik"),
    Case("fisik/zero_bytes.csv", "empty_file"),
    Case("komponen/zero_bytes.xlsx", "empty_file"),
    # two exports pasted one under the other: the second header is a row of text values
    Case("anggaran/header_repeated.csv", "unparseable_value", 3, "year", "year"),
    # complaints dropped in the budget folder: the budget's columns are missing
    Case("anggaran/complaints_in_budget_folder.csv", "missing_required_column", 1, "year"),
    # a file name as people write them
    Case(
        "komponen/nilai triwulan I – Dinas Pendidikan (revisi).csv",
        "pct_out_of_range",
        line=2,
        column="score",
        value="180",
    ),
]

SUITE_CASES = [
    Case(
        "anggaran/negative_pagu.csv",
        "budget_negative",
        2,
        "budget",
        "-5000.0",
        quarter=Quarter(2020, 1),
    ),
    Case(
        "anggaran/negative_realisation.csv",
        "realization_negative",
        2,
        "realization_ytd",
        "-10.0",
        quarter=Quarter(2020, 2),
    ),
    Case(
        "p3dn/negative_domestic.csv",
        "domestic_negative",
        2,
        "domestic_total",
        "-300.0",
        quarter=Quarter(2023, 1),
    ),
    Case(
        "pengaduan/closed_before_submitted.csv",
        "closed_before_submitted",
        2,
        "closed_at",
        "2022-02-01 10:00:00",
        quarter=Quarter(2022, 1),
    ),
    Case(
        "anggaran/negative_budget.csv",
        "budget_negative",
        2,
        "budget",
        "-5000.0",
        quarter=Quarter(2021, 1),
    ),
    Case(
        "anggaran/realisation_above_pagu.csv",
        "realization_above_pagu",
        3,
        "realization_ytd",
        "1100.0",
        quarter=Quarter(2022, 1),
    ),
    Case(
        "anggaran/realisation_columns_disagree.csv",
        "realization_columns_disagree",
        3,
        "realization_ytd",
        "250.0",
        quarter=Quarter(2023, 1),
    ),
    Case(
        "komponen/duplicate_key.csv",
        "duplicate_key_conflict",
        2,
        "component",
        "nilai",
        quarter=Quarter(2021, 1),
    ),
    Case(
        "p3dn/exact_duplicate.csv",
        "exact_duplicate_row",
        2,
        "opd_code",
        "1.01",
        severity="warning",
        quarter=Quarter(2021, 1),
    ),
    Case(
        "p3dn/domestic_above_procurement.csv",
        "domestic_above_procurement",
        2,
        "domestic_total",
        "6000.0",
        quarter=Quarter(2022, 1),
    ),
    Case(
        "pengaduan/answered_before_submitted.csv",
        "answered_before_submitted",
        2,
        "first_response_at",
        "2021-02-09 08:00:00",
        quarter=Quarter(2021, 1),
    ),
    Case(
        "indikator/unknown_code.csv",
        "unknown_opd",
        2,
        "opd_code",
        "9.99",
        quarter=Quarter(2021, 1),
    ),
    Case(
        "indikator/polarity_unknown.csv",
        "polarity_unknown",
        2,
        "polarity",
        "naik",
        quarter=Quarter(2022, 1),
    ),
    Case(
        "indikator/positive_target_zero.csv",
        "positive_target_zero",
        2,
        "target",
        "0.0",
        quarter=Quarter(2023, 1),
    ),
    Case(
        "revisi_target/undated_decision.csv",
        "decision_undated",
        2,
        "decided_at",
        "",
        severity="warning",
        quarter=Quarter(2021, 1),
    ),
]


def _inbox_with_master(root: Path) -> Path:
    inbox = root / "inbox"
    (inbox / "opd").mkdir(parents=True)
    shutil.copyfile(MASTER, inbox / "opd" / "opd.csv")
    return inbox


@dataclass
class LoadedCatalogue:
    result: IngestResult
    warehouse: Path


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> LoadedCatalogue:
    """Every case file in one inbox, read by one ingest."""
    root = tmp_path_factory.mktemp("catalogue")
    inbox = _inbox_with_master(root)
    for case in INGEST_CASES + SUITE_CASES:
        target = inbox / case.file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CATALOGUE / case.file, target)
    with connect(root / "warehouse.duckdb") as con:
        result = ingest_inbox(inbox, con, root / "archive")
    return LoadedCatalogue(result, root / "warehouse.duckdb")


def _assert_located(found, case: Case) -> None:
    assert found, f"no {case.rule} finding for {case.file}"
    finding = found[0]
    assert finding.file_name == case.file
    assert (finding.severity, finding.sheet, finding.line, finding.column, finding.value) == (
        case.severity,
        case.sheet,
        case.line,
        case.column,
        case.value,
    )
    assert finding.message


@pytest.mark.parametrize("case", INGEST_CASES, ids=[c.id for c in INGEST_CASES])
def test_bad_file_is_reported_where_it_is(catalogue, case):
    result = catalogue.result
    _assert_located(
        [f for f in result.findings if f.file_name == case.file and f.rule == case.rule], case
    )
    assert case.file not in result.loaded
    assert (case.file in result.rejected) == (case.severity == "error")


@pytest.fixture(scope="module")
def suite_outcomes(catalogue):
    from data_quality.suites import all_suites
    from data_quality.validate import validate

    suites = all_suites()
    wanted = {(case.file.split("/")[0], case.quarter) for case in SUITE_CASES}
    with connect(catalogue.warehouse) as con:
        return {
            (suite, quarter): validate(con, suites[suite], quarter)
            for suite, quarter in sorted(wanted, key=str)
        }


@pytest.mark.parametrize("case", SUITE_CASES, ids=[c.id for c in SUITE_CASES])
def test_bad_value_of_a_loaded_file_is_reported_by_its_suite(catalogue, suite_outcomes, case):
    assert case.file in catalogue.result.loaded
    outcome = suite_outcomes[(case.file.split("/")[0], case.quarter)]
    found = [f for f in outcome.findings if f.file_name == case.file and f.rule == case.rule]
    _assert_located(found, case)
    assert outcome.passed == (case.severity == "warning")


def test_the_whole_inbox_is_read_in_one_ingest(catalogue):
    """Errors do not stop the ingest: every bad file is reported, every good file is loaded."""
    result = catalogue.result
    errors = {c.file for c in INGEST_CASES if c.severity == "error"}
    assert set(result.rejected) == errors
    assert set(result.loaded) == {"opd/opd.csv"} | {c.file for c in SUITE_CASES}


@dataclass(frozen=True)
class Tolerated:
    """A file read as the person meant it: `rows` loaded, or none when it is not data at all."""

    file: str  # under tests/bad_inputs/tolerated/, as in the inbox
    rows: int | None
    why: str


TOLERATED = [
    Tolerated("anggaran/trailing_semicolons.csv", 2, "';' CSV with a ';' ending every line"),
    Tolerated("anggaran/blank_tail.csv", 1, "5 000 ',,,,' lines and 3 000 blank lines at the end"),
    Tolerated("anggaran/~$pagu_2024.xlsx", None, "the owner file Excel keeps while it is open"),
    Tolerated("anggaran/pagu_2024.xlsx", 1, "the workbook saved while open, beside its owner file"),
    Tolerated("anggaran/blank_tail.xlsx", 1, "a sheet formatted 3 000 empty rows past its table"),
    Tolerated("komponen/nilai_2024.csv", 1, "the same file under two names loads once"),
    Tolerated("komponen/nilai_2024 (1).csv", 1, "the same file under two names loads once"),
]


@pytest.fixture(scope="module")
def tolerated(tmp_path_factory) -> IngestResult:
    root = tmp_path_factory.mktemp("tolerated")
    inbox = _inbox_with_master(root)
    for case in TOLERATED:
        target = inbox / case.file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CATALOGUE / "tolerated" / case.file, target)
    with connect(root / "warehouse.duckdb") as con:
        return ingest_inbox(inbox, con, root / "archive")


@pytest.mark.parametrize("case", TOLERATED, ids=[c.file for c in TOLERATED])
def test_tolerated_input_is_read_as_meant(tolerated, case):
    assert not [f for f in tolerated.findings if f.file_name == case.file], case.why
    assert case.file not in tolerated.rejected
    if case.rows is None:
        assert case.file not in tolerated.loaded + tolerated.already_loaded, case.why
        return
    assert case.file in tolerated.loaded + tolerated.already_loaded, case.why
    same_name = [c for c in TOLERATED if c.file.split("/")[0] == case.file.split("/")[0]]
    expected = sum(c.rows or 0 for c in same_name if c.file in tolerated.loaded)
    assert tolerated.rows_loaded[case.file.split("/")[0]] == expected
    # two names, one content: exactly one of them is loaded
    assert not {"komponen/nilai_2024.csv", "komponen/nilai_2024 (1).csv"} <= set(tolerated.loaded)


def test_unknown_opd_name_lists_the_closest_names_in_indonesian(catalogue):
    finding = next(f for f in catalogue.result.findings if f.rule == "unknown_opd_name")
    assert "nama terdekat" in finding.message
    assert "Dinas Kesehatan (1.02)" in finding.message


def test_ambiguous_opd_name_lists_the_candidates(catalogue):
    finding = next(f for f in catalogue.result.findings if f.rule == "ambiguous_opd_name")
    assert "Kecamatan Magelang Utara (7.01)" in finding.message
    assert "Kecamatan Magelang Selatan (7.02)" in finding.message


def test_a_nik_is_never_shown_nor_stored(catalogue):
    described = " ".join(f.describe() for f in catalogue.result.findings)
    assert "3374010101010001" not in described and "3374010101010003" not in described
    rows = as_dicts(catalogue.warehouse, "select * from raw.ingest_findings")
    assert "337401010101000" not in str(rows)


def test_messages_in_english_on_request(tmp_path):
    inbox = _inbox_with_master(tmp_path)
    (inbox / "fisik").mkdir()
    shutil.copyfile(CATALOGUE / "fisik/month_13.csv", inbox / "fisik" / "month_13.csv")
    with connect(tmp_path / "warehouse.duckdb") as con:
        result = ingest_inbox(inbox, con, tmp_path / "archive", lang="en")
    (finding,) = result.errors
    assert finding.message == "a month must be 1 to 12"
    assert finding.describe("en").startswith("ERROR fisik/month_13.csv, line 3, column month")
    assert finding.describe("id").startswith("GALAT fisik/month_13.csv, baris 3, kolom month")


# ---------------------------------------------------------------------------------------------
# Formats every dataset accepts


def _load(tmp_path: Path, files: dict[str, bytes]) -> tuple[IngestResult, Path]:
    inbox = _inbox_with_master(tmp_path)
    for name, content in files.items():
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        (inbox / name).write_bytes(content)
    with connect(tmp_path / "warehouse.duckdb") as con:
        result = ingest_inbox(inbox, con, tmp_path / "archive")
    assert not result.findings, [f.describe() for f in result.findings]
    return result, tmp_path / "warehouse.duckdb"


def test_windows_1252_semicolons_indonesian_numbers_and_opd_names(tmp_path):
    content = (
        "tahun;bulan;nama_opd;kode_sub_kegiatan;uraian;pagu;realisasi\n"
        "2024;Maret;Dinas Pendidikan Kota Magelang;1.01.01;“Gaji” pegawai;"
        "Rp 1.234.567,89;1.234\n"
        "2024;Agt;DISDIK;1.01.01;Gaji;Rp 2.000.000;2.000,50\n"
        "2024;1;dinas kesehatan;1.02.01;Obat;(5.000);0\n"
    ).encode("cp1252")
    _, warehouse = _load(tmp_path, {"anggaran/realisasi.csv": content})
    rows = as_dicts(
        warehouse,
        "select month, opd_code, sub_activity_name, budget, realization_month, _line "
        "from raw.anggaran order by _line",
    )
    assert rows == [
        {
            "month": 3,
            "opd_code": "1.01",
            "sub_activity_name": "“Gaji” pegawai",
            "budget": Decimal("1234567.89"),
            "realization_month": Decimal("1234.00"),
            "_line": 2,
        },
        {
            "month": 8,
            "opd_code": "1.01",
            "sub_activity_name": "Gaji",
            "budget": Decimal("2000000.00"),
            "realization_month": Decimal("2000.50"),
            "_line": 3,
        },
        {
            "month": 1,
            "opd_code": "1.02",
            "sub_activity_name": "Obat",
            "budget": Decimal("-5000.00"),
            "realization_month": Decimal("0.00"),
            "_line": 4,
        },
    ]


def test_utf8_bom_tabs_quarter_spellings_and_quoted_new_lines(tmp_path):
    """A quoted cell spanning two lines moves the next record's line down, as a spreadsheet
    shows it."""
    rows = [
        ("2024", "I", "1.01", "nilai", "80", '"Inspektorat\nWilayah I"'),
        ("2024", "TW II", "1.01", "nilai", "81", "Inspektorat"),
        ("2024", "Triwulan III", "1.01", "nilai", "82,5", '"Tim\tPenilai"'),
        ("2024", "Q4", "1.01", "nilai", "83", "Inspektorat"),
    ]
    text = "tahun\ttriwulan\tkode_opd\tkomponen\tnilai\tpenilai\n" + "".join(
        "\t".join(row) + "\n" for row in rows
    )
    _, warehouse = _load(tmp_path, {"komponen/nilai.txt": b"\xef\xbb\xbf" + text.encode()})
    loaded = as_dicts(
        warehouse, "select quarter, score, assessor, _line from raw.komponen order by _line"
    )
    assert [(r["quarter"], r["score"], r["_line"]) for r in loaded] == [
        (1, Decimal("80.0000"), 2),
        (2, Decimal("81.0000"), 4),
        (3, Decimal("82.5000"), 5),
        (4, Decimal("83.0000"), 6),
    ]
    assert loaded[0]["assessor"] == "Inspektorat\nWilayah I"


def _complaints_workbook(path: Path, rows: list[list]) -> None:
    """An SP4N LAPOR export: title rows (one merged), a blank row, then the table and a total."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Laporan"
    sheet.append(["REKAP PENGADUAN SP4N LAPOR"])
    sheet.merge_cells("A1:G1")
    sheet.append(["Pemerintah Kota Magelang", None, "Periode: Triwulan I 2024"])
    sheet.append([])
    sheet.append(
        [
            "No Tiket",
            "Tanggal Laporan",
            "Instansi Tujuan",
            "Nama Pelapor",
            "NIK",
            "Status",
            "Tanggal Tindak Lanjut",
        ]
    )
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["Jumlah", len(rows)])
    book.save(path)


def test_workbook_with_title_rows_date_cells_serials_and_a_total_row(tmp_path):
    path = tmp_path / "lapor.xlsx"
    _complaints_workbook(
        path,
        [
            [
                "L-1",
                dt.datetime(2024, 2, 1, 9, 30),
                "Dinkes",
                "Warga A",
                "3371000000000001",
                "Selesai",
                45324.5,
            ],
            [],
            [
                "L-2",
                "24 Mei 2024 10:15",
                "Kec. Magelang Utara",
                "Warga B",
                "3371000000000002",
                "PROSES",
                None,
            ],
        ],
    )
    _, warehouse = _load(tmp_path / "home", {"pengaduan/lapor.xlsx": path.read_bytes()})
    rows = as_dicts(
        warehouse,
        "select tracking_id, submitted_at, opd_code, status, first_response_at, _sheet, _line "
        "from raw.pengaduan order by _line",
    )
    assert rows == [
        {
            "tracking_id": "L-1",
            "submitted_at": dt.datetime(2024, 2, 1, 9, 30),
            "opd_code": "1.02",
            "status": "Selesai",
            "first_response_at": dt.datetime(2024, 2, 2, 12, 0),
            "_sheet": "Laporan",
            "_line": 5,
        },
        {
            "tracking_id": "L-2",
            "submitted_at": dt.datetime(2024, 5, 24, 10, 15),
            "opd_code": "7.01",
            "status": "PROSES",
            "first_response_at": None,
            "_sheet": "Laporan",
            "_line": 7,
        },
    ]
    # the archive keeps the rows as read, without the personal-data columns
    (archived,) = (tmp_path / "home" / "archive" / "pengaduan").rglob("*.kept.csv")
    kept = archived.read_text(encoding="utf-8")
    assert "Warga A" not in kept and "3371000000000001" not in kept
    assert kept.splitlines()[0].startswith("_sheet,_line,")


def test_a_workbook_dropped_twice_loads_once_and_its_correction_supersedes_it(tmp_path):
    inbox = _inbox_with_master(tmp_path)
    (inbox / "pengaduan").mkdir()
    first = inbox / "pengaduan" / "lapor.xlsx"
    row = ["L-1", dt.datetime(2024, 2, 1, 9, 30), "Dinkes", "Warga", "", "proses", None]
    _complaints_workbook(first, [row])
    with connect(tmp_path / "warehouse.duckdb") as con:
        assert ingest_inbox(inbox, con, tmp_path / "archive").loaded == [
            "opd/opd.csv",
            "pengaduan/lapor.xlsx",
        ]
        shutil.copyfile(first, inbox / "pengaduan" / "lapor (salinan).xlsx")
        again = ingest_inbox(inbox, con, tmp_path / "archive")
        assert again.loaded == [] and len(again.already_loaded) == 3
        _complaints_workbook(inbox / "pengaduan" / "lapor revisi.xlsx", [[*row[:5], "selesai"]])
        assert ingest_inbox(inbox, con, tmp_path / "archive").loaded == [
            "pengaduan/lapor revisi.xlsx"
        ]
        current = con.execute(
            "select p.status from raw.pengaduan as p join raw.file_periods as f "
            "on f.file_sha256 = p._file_sha256 and f.superseded_by is null"
        ).fetchall()
    assert current == [("selesai",)]


def test_formula_injection_in_a_text_column_is_kept_as_text(tmp_path):
    content = (
        b"tahun,triwulan,kode_opd,kode_indikator,nama_indikator,polaritas,target\n"
        b"2024,1,1.01,IKU-1,\"=cmd|' /C calc'!A0\",+,90\n"
        b"2024,1,1.01,IKU-2,@SUM(A1:A2),minimize,10\n"
    )
    _, warehouse = _load(tmp_path, {"indikator/iku.csv": content})
    names = as_dicts(warehouse, "select indicator_name from raw.indikator order by _line")
    assert [r["indicator_name"] for r in names] == ["=cmd|' /C calc'!A0", "@SUM(A1:A2)"]


def test_a_million_rows_stream_in_bounded_memory(tmp_path):
    """The fast path never holds the file in Python; DuckDB spills past its memory limit. Run in
    a fresh process so its peak resident memory is this ingest's alone."""
    script = textwrap.dedent(
        f"""
        import duckdb
        from pathlib import Path
        from ingest.load import ingest_inbox
        from core.warehouse import connect
        from benchmarks.measure import peak_rss
        root = Path({str(tmp_path)!r})
        (root / "inbox" / "fisik").mkdir(parents=True)
        duckdb.sql(
            "copy (select 2024 as tahun, 1 + i % 12 as bulan, '1.01' as kode_opd, "
            "'1.01.01.2.01.' || lpad(i::varchar, 7, '0') as kode_sub_kegiatan, "
            "(i % 100) as target_fisik, (i % 97) as realisasi_fisik from range(1000000) t(i)) "
            "to '{tmp_path}/inbox/fisik/fisik_nasional.csv' (header)"
        )
        with connect(root / "warehouse.duckdb") as con:
            result = ingest_inbox(root / "inbox", con, root / "archive")
        print(result.rows_loaded.get("fisik"), len(result.findings))
        print(peak_rss() // 2**20)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"RAPOR_DUCKDB_MEMORY_LIMIT": "256MB", "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).parent.parent,
    )
    loaded, peak_mb = done.stdout.strip().splitlines()[-2:]
    assert loaded == "1000000 0"
    assert int(peak_mb) < 700, f"peak resident memory {peak_mb} MB"


def test_a_200_mb_file_loads_whole_in_bounded_memory(tmp_path):
    """A region's whole-year export with a long remarks column: 200 MB, generated here (never
    committed), loaded whole in a fresh process whose peak memory stays far below the file."""
    script = textwrap.dedent(
        f"""
        import duckdb
        from pathlib import Path
        from ingest.load import ingest_inbox
        from core.warehouse import connect
        from benchmarks.measure import peak_rss
        root = Path({str(tmp_path)!r})
        (root / "inbox" / "fisik").mkdir(parents=True)
        target = root / "inbox" / "fisik" / "fisik_2024_lengkap.csv"
        duckdb.sql(
            "copy (select 2024 as tahun, 1 + i % 12 as bulan, '1.01' as kode_opd, "
            "'1.01.01.2.01.' || lpad(i::varchar, 7, '0') as kode_sub_kegiatan, "
            "(i % 100) as target_fisik, (i % 97) as realisasi_fisik, "
            "repeat('catatan lapangan ', 60) as keterangan from range(200000) t(i)) "
            f"to '{{target}}' (header)"
        )
        print(target.stat().st_size // 1_000_000)
        with connect(root / "warehouse.duckdb") as con:
            result = ingest_inbox(root / "inbox", con, root / "archive")
        print(result.rows_loaded.get("fisik"), len(result.findings))
        print(peak_rss() // 2**20)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"RAPOR_DUCKDB_MEMORY_LIMIT": "256MB", "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).parent.parent,
    )
    size_mb, loaded, peak_mb = done.stdout.strip().splitlines()[-3:]
    assert int(size_mb) >= 200
    assert loaded == "200000 0"
    assert int(peak_mb) < 700, f"peak resident memory {peak_mb} MB"


def test_every_suite_rule_speaks_indonesian_and_english():
    from data_quality.suites import all_suites

    for suite in all_suites().values():
        for rule in suite.rules:
            assert rule.message("id") and rule.message("en"), rule.rule
            assert rule.message("id") != rule.message("en"), rule.rule
