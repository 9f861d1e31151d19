"""Write the bad-input catalogue's files (`python -m tests.bad_inputs.make_fixtures`).

Each case is one small file under `tests/bad_inputs/<dataset>/`, read by `tests/test_bad_inputs.py`
as a clerk would drop it in the inbox. Text cases are written byte for byte as given here; the
workbooks and binary cases are built with openpyxl, then cut, wrapped or scrambled as the case says.
Run it again after changing a case: it rewrites every file.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import openpyxl
import openpyxl.styles

HERE = Path(__file__).parent
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MASTER = (
    "opd_code,opd_name,opd_type,aliases,region_code,region_name,active_from,active_to\n"
    "1.01,Dinas Pendidikan,dinas,Disdik|Dinas Pendidikan dan Kebudayaan,33.71,Magelang,"
    "2020-01-01,\n"
    "1.02,Dinas Kesehatan,dinas,Dinkes,33.71,Magelang,2020-01-01,\n"
    "1.03,Dinas Pekerjaan Umum dan Penataan Ruang,dinas,DPUPR|Dinas PU,33.71,Magelang,2020-01-01,\n"
    "7.01,Kecamatan Magelang Utara,kecamatan,Kec. Magelang Utara|Camat Magelang,33.71,Magelang,"
    "2020-01-01,\n"
    "7.02,Kecamatan Magelang Selatan,kecamatan,Kec. Magelang Selatan|Camat Magelang,33.71,Magelang,"
    "2020-01-01,\n"
)

BUDGET_HEADER = (
    "year,month,opd_code,sub_activity_code,sub_activity_name,budget,realization_month,"
    "realization_ytd\n"
)
PHYSICAL_HEADER = "tahun,bulan,kode_opd,kode_sub_kegiatan,target_fisik,realisasi_fisik\n"
SCORE_HEADER = "tahun,triwulan,kode_opd,komponen,nilai,penilai\n"
P3DN_HEADER = "tahun,triwulan,kode_opd,total_belanja_pengadaan,belanja_pdn\n"
INDICATOR_HEADER = (
    "tahun,triwulan,kode_opd,kode_indikator,nama_indikator,jenis_indikator,polaritas,target,"
    "realisasi\n"
)
COMPLAINT_HEADER = (
    "no_tiket,tanggal_laporan,kode_opd,kategori,status,tanggal_tindak_lanjut,tanggal_selesai\n"
)
REVISION_HEADER = (
    "tahun,triwulan,kode_opd,kode_indikator,target_awal,target_usulan,status,tanggal_keputusan\n"
)

TEXT_CASES: dict[str, str] = {
    "opd_master.csv": MASTER,
    # file-level problems
    "anggaran/missing_budget.csv": "year,month,opd_code,sub_activity_code,realization_month\n"
    "2024,1,1.01,1.01.01,100\n",
    "fisik/unknown_headers.csv": "foo,bar,baz\n1,2,3\n",
    "komponen/header_only.csv": SCORE_HEADER,
    "fisik/extra_field.csv": PHYSICAL_HEADER
    + "2024,1,1.01,1.01.01,10,9\n2024,2,1.01,1.01.01,20,18,oops\n",
    # values
    "anggaran/mixed_numbers.csv": BUDGET_HEADER
    + '2024,1,1.01,1.01.01,Gaji,"1,500,000.00",100,100\n'
    + "2024,2,1.01,1.01.01,Gaji,1.500.000,00,100,200\n".replace("1.500.000,00", '"1.500.000,00"'),
    "p3dn/undecided_numbers.csv": P3DN_HEADER
    + "2024,1,1.01,2.500,1.250\n2024,1,1.02,3.000,1.500\n",
    "fisik/month_13.csv": PHYSICAL_HEADER
    + "2024,12,1.01,1.01.01,90,88\n2024,13,1.01,1.01.01,95,90\n",
    "komponen/quarter_v.csv": SCORE_HEADER
    + "2024,IV,1.01,nilai,80,Inspektorat\n2024,V,1.02,nilai,70,Inspektorat\n",
    "revisi_target/february_31.csv": REVISION_HEADER
    + "2025,1,1.01,IKU-1,80,70,disetujui,31/02/2025\n",
    "pengaduan/impossible_time.csv": COMPLAINT_HEADER
    + "LPR-1,2024-02-30 09:00,1.01,Jalan,selesai,,\n",
    "fisik/progress_130.csv": PHYSICAL_HEADER + "2024,3,1.01,1.01.01,100,130%\n",
    "komponen/missing_score.csv": SCORE_HEADER + "2024,1,1.01,nilai,,Inspektorat\n",
    "p3dn/text_amount.csv": P3DN_HEADER + "2024,1,1.01,lima juta,1000\n",
    "anggaran/formula_injection_amount.csv": BUDGET_HEADER
    + "2024,1,1.01,1.01.01,Gaji,\"=cmd|' /C calc'!A0\",100,100\n",
    "revisi_target/month_name_typo.csv": REVISION_HEADER
    + "2025,1,1.01,IKU-1,80,70,disetujui,31 Februari 2025\n",
    "indikator/quarter_q5.csv": INDICATOR_HEADER
    + "2024,Q5,1.01,IKU-1,Angka partisipasi,iku,positif,90,85\n",
    # OPD by name
    "anggaran/unknown_name.csv": "tahun,bulan,nama_opd,kode_sub_kegiatan,pagu,realisasi\n"
    "2024,1,Dinas Pendidikan,1.01.01,1000,100\n2024,1,Dinas Kesehatn,1.02.01,1000,100\n",
    "fisik/ambiguous_name.csv": PHYSICAL_HEADER.replace("kode_opd", "perangkat_daerah")
    + "2024,1,Camat Magelang,7.01.01,10,9\n",
    # personal data where it does not belong (never shown: the value is masked)
    "pengaduan/nik_in_category.csv": COMPLAINT_HEADER
    + "LPR-2,2024-02-01 09:00,1.01,3374010101010001,proses,,\n",
    "pengaduan/nik_in_extra_column.csv": COMPLAINT_HEADER.replace("\n", ",keterangan\n")
    + "LPR-3,2024-02-01 09:00,1.01,Jalan,proses,,,KTP 3374010101010002\n"
    + "LPR-4,2024-02-01 09:00,1.01,Jalan,proses,,,3374010101010003\n",
    # value rules of the Great Expectations suites (each case in its own year: no supersession)
    "anggaran/negative_budget.csv": BUDGET_HEADER + '2021,1,1.01,1.01.01,Gaji,"(5.000,00)",0,0\n',
    "anggaran/realisation_above_pagu.csv": BUDGET_HEADER
    + "2022,1,1.01,1.01.01,Gaji,1000,400,400\n2022,2,1.01,1.01.01,Gaji,1000,700,1100\n",
    "anggaran/realisation_columns_disagree.csv": BUDGET_HEADER
    + "2023,1,1.01,1.01.01,Gaji,1000,100,100\n2023,2,1.01,1.01.01,Gaji,1000,100,250\n",
    "komponen/duplicate_key.csv": SCORE_HEADER
    + "2021,1,1.01,nilai,80,Inspektorat\n2021,1,1.02,nilai,75,Inspektorat\n"
    + "2021,1,1.01,nilai,60,Inspektorat\n",
    "p3dn/exact_duplicate.csv": P3DN_HEADER + "2021,1,1.01,5000,3000\n2021,1,1.01,5000,3000\n",
    "pengaduan/answered_before_submitted.csv": COMPLAINT_HEADER
    + "LPR-5,2021-02-10 09:00,1.01,Jalan,selesai,2021-02-09 08:00,2021-02-12 10:00\n",
    "indikator/unknown_code.csv": INDICATOR_HEADER
    + "2021,1,9.99,IKU-1,Angka partisipasi,iku,positif,90,85\n",
    "indikator/polarity_unknown.csv": INDICATOR_HEADER
    + "2022,1,1.01,IKU-1,Angka partisipasi,iku,naik,90,85\n",
    "indikator/positive_target_zero.csv": INDICATOR_HEADER
    + "2023,1,1.01,IKU-1,Angka partisipasi,iku,+,0,85\n",
    "p3dn/domestic_above_procurement.csv": P3DN_HEADER + "2022,1,1.01,5000,6000\n",
    "revisi_target/undated_decision.csv": REVISION_HEADER + "2021,1,1.01,IKU-1,80,70,disetujui,\n",
    # what a real region sends (issue 14): typos in years, text where a number belongs, a file
    # in the wrong folder, a header row repeated where two exports were pasted together
    "anggaran/year_2052.csv": BUDGET_HEADER + "2052,1,1.01,1.01.01,Gaji,1000,100,100\n",
    "pengaduan/reported_1925.csv": COMPLAINT_HEADER
    + "LPR-7,1925-02-10 09:00,1.01,Jalan,selesai,,\n",
    "revisi_target/decided_2052.csv": REVISION_HEADER
    + "2025,1,1.01,IKU-1,80,70,disetujui,31/03/2052\n",
    "p3dn/year_2205.csv": P3DN_HEADER + "2205,1,1.01,5000,3000\n",
    "fisik/text_in_percentage.csv": PHYSICAL_HEADER + "2024,3,1.01,1.01.01,100,selesai\n",
    "komponen/text_score.csv": SCORE_HEADER + "2024,2,1.01,nilai,sangat baik,Inspektorat\n",
    "fisik/zero_bytes.csv": "",
    "anggaran/header_repeated.csv": BUDGET_HEADER
    + "2024,3,1.01,1.01.01,Gaji,1000,10,10\n"
    + BUDGET_HEADER
    + "2024,3,1.02,1.02.01,Gaji,1000,10,10\n",
    "anggaran/complaints_in_budget_folder.csv": COMPLAINT_HEADER
    + "LPR-8,2024-02-10 09:00,1.01,Jalan,selesai,2024-02-11 08:00,2024-02-12 10:00\n",
    "anggaran/negative_pagu.csv": BUDGET_HEADER + "2020,1,1.01,1.01.01,Gaji,-5000,0,0\n",
    "anggaran/negative_realisation.csv": BUDGET_HEADER + "2020,4,1.01,1.01.01,Gaji,5000,-10,-10\n",
    "p3dn/negative_domestic.csv": P3DN_HEADER + "2023,1,1.01,5000,-300\n",
    "pengaduan/closed_before_submitted.csv": COMPLAINT_HEADER
    + "LPR-9,2022-02-10 09:00,1.01,Jalan,selesai,,2022-02-01 10:00\n",
    # tolerated (tests/test_bad_inputs.py TOLERATED): read as a person meant them
    "tolerated/anggaran/trailing_semicolons.csv": BUDGET_HEADER.replace(",", ";").replace(
        "\n", ";\n"
    )
    + "2024;1;1.01;1.01.01;Gaji;1000;10;10;\n2024;2;1.01;1.01.01;Gaji;1000;10;20;\n",
    "tolerated/anggaran/blank_tail.csv": BUDGET_HEADER
    + "2024,3,1.01,1.01.01,Gaji,1000,10,30\n"
    + ",,,,,,,\n" * 5000
    + "\n" * 3000,
    "tolerated/komponen/nilai_2024.csv": SCORE_HEADER + "2024,1,1.01,nilai,80,Inspektorat\n",
    "tolerated/komponen/nilai_2024 (1).csv": SCORE_HEADER + "2024,1,1.01,nilai,80,Inspektorat\n",
    "tolerated/anggaran/~$pagu_2024.xlsx": "\x0bInspektorat    ",
    # names a person gives files
    "komponen/nilai triwulan I – Dinas Pendidikan (revisi).csv": SCORE_HEADER
    + "2024,1,1.01,nilai,180,Inspektorat\n",
}


def _binary_cases() -> dict[str, bytes]:
    rng = random.Random(3374)
    garbage = bytes(rng.randrange(256) for _ in range(2048))
    workbook = _budget_workbook()
    return {
        "p3dn/empty.csv": b"",
        "anggaran/garbage.csv": b"\x00\x01" + garbage,
        "fisik/workbook_named_csv.csv": workbook,
        "anggaran/truncated.xlsx": workbook[: len(workbook) // 2],
        "indikator/password_protected.xlsx": OLE_MAGIC + garbage,
        "indikator/old_format.xls": OLE_MAGIC + garbage,
        "komponen/scores.pdf": b"%PDF-1.4\n" + garbage,
        "p3dn/utf16.csv": P3DN_HEADER.encode("utf-16")
        + "2024,1,1.01,5000,3000\n".encode("utf-16-le"),
        "anggaran/long_cell.csv": (
            BUDGET_HEADER + "2024,1,1.01,1.01.01," + "x" * 100_000 + ",1000,100,100\n"
        ).encode(),
        "komponen/no_header.xlsx": _workbook([["Catatan penilaian"], ["tidak ada tabel di sini"]]),
        "anggaran/formula_pagu.xlsx": _budget_workbook(formula="=SUM(F5:F6)"),
        "anggaran/sheet_missing_column.xlsx": _workbook(
            [
                ["LAPORAN REALISASI ANGGARAN"],
                ["Pemerintah Kota Magelang"],
                [],
                ["Tahun", "Bulan", "Kode OPD", "Kode Sub Kegiatan", "Realisasi"],
                [2024, 1, "1.01", "1.01.01", 100],
            ]
        ),
        "fisik/two_sheets.xlsx": _two_sheets(),
        "komponen/zero_bytes.xlsx": b"",
        # tolerated: the workbook Excel was saving while open (its `~$` owner file beside it),
        # and a sheet whose formatting runs 3 000 empty rows past the table
        "tolerated/anggaran/pagu_2024.xlsx": _workbook(
            [
                ["Tahun", "Bulan", "Kode OPD", "Kode Sub Kegiatan", "Uraian", "Pagu"],
                [2024, 4, "1.01", "1.01.01", "Gaji", 1_000],
            ]
        ),
        "tolerated/anggaran/blank_tail.xlsx": _formatted_blank_tail(3_000),
        "indikator/year_1925.xlsx": _workbook(
            [
                INDICATOR_HEADER.strip().split(","),
                [1925, 1, "1.01", "IKU-1", "Angka partisipasi", "iku", "positif", 90, 85],
            ]
        ),
    }


def _workbook(rows: list[list], title: str = "Data") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _budget_workbook(formula: object = 1_500_000) -> bytes:
    """A finance-system export: title rows above the table, a total row below it."""
    return _workbook(
        [
            ["LAPORAN REALISASI ANGGARAN"],
            ["Pemerintah Kota Magelang"],
            [],
            ["Tahun", "Bulan", "Kode OPD", "Kode Sub Kegiatan", "Uraian", "Pagu", "Realisasi"],
            [2024, 1, "1.01", "1.01.01", "Gaji", formula, 100],
            [2024, 2, "1.01", "1.01.01", "Gaji", 1_500_000, 150],
            ["Jumlah", None, None, None, None, "=SUM(F5:F6)", "=SUM(G5:G6)"],
        ]
    )


def _formatted_blank_tail(blank_rows: int) -> bytes:
    """One row of data, then `blank_rows` rows of bordered empty cells (and a few empty strings):
    what a sheet looks like whose clerk formatted whole columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Anggaran"
    sheet.append(["Tahun", "Bulan", "Kode OPD", "Kode Sub Kegiatan", "Uraian", "Pagu"])
    sheet.append([2024, 5, "1.01", "1.01.01", "Gaji", 1_000])
    border = openpyxl.styles.Border(bottom=openpyxl.styles.Side(style="thin"))
    for row in range(3, 3 + blank_rows):
        for column in range(1, 7):
            sheet.cell(row, column).border = border
        if row % 500 == 0:
            sheet.cell(row, 5).value = ""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _two_sheets() -> bytes:
    book = openpyxl.Workbook()
    april = book.active
    april.title = "April"
    may = book.create_sheet("Mei")
    for sheet, month in ((april, 4), (may, "13")):
        sheet.append(["REALISASI FISIK", None, None, dt.date(2024, 5, 31)])
        sheet.append([])
        sheet.append(
            ["Tahun", "Bulan", "Kode OPD", "Kode Sub Kegiatan", "Target Fisik", "Realisasi Fisik"]
        )
        sheet.append([2024, month, "1.01", "1.01.01", 40, 35])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    for name, content in TEXT_CASES.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="")
    for name, content in _binary_cases().items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


if __name__ == "__main__":
    main()
