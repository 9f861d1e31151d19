"""Complainants' personal data never lands anywhere (docs/inputs.md#personal-data; UU 27/2022).

One full quarter runs on an inbox whose SP4N LAPOR exports, as CSV and as a workbook, carry a
reporter's name, NIK, phone number, e-mail, address and complaint text. Afterwards no file under the
home holds any of them: warehouse, archive, logs, Dagster storage, reports, publication, Parquet.
DuckDB and Parquet compress text, so their tables are also searched by SQL, not only as bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from core.quarters import Quarter
from rapor.runner import EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import opd_row, write_rows

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
QUARTER = Quarter(2025, 1)
OPDS = {"G1": "Dinas Pendidikan", "G2": "Dinas Kesehatan"}
PERSONAL = {
    "nama_pelapor": "Sumarni Wulandari Kusumo",
    "nik": "3371045508790003",
    "no_hp": "081298765432",
    "email": "sumarni.wk@contoh.id",
    "alamat": "Jl. Kenanga Raya No. 17",
    "isi_laporan": "Lampu jalan di depan rumah saya mati sejak Januari",
}
SECRETS = [value.encode() for value in PERSONAL.values()]


def _inbox(root: Path) -> Path:
    inbox = root / "inbox"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, name) for code, name in OPDS.items()])
    write_rows(
        inbox,
        "komponen",
        "nilai.csv",
        [
            {"tahun": 2025, "triwulan": "I", "kode_opd": code, "komponen": "nilai", "nilai": 80}
            for code in OPDS
        ],
    )
    write_rows(
        inbox,
        "pengaduan",
        "lapor_januari.csv",
        [
            {
                "no_tiket": "LPR-1",
                "tanggal_laporan": "2025-01-10 09:00",
                "instansi_tujuan": "Dinas Pendidikan Kota Uji",
                **PERSONAL,
                "status": "selesai",
                "tanggal_tindak_lanjut": "2025-01-11 10:00",
            }
        ],
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["REKAP PENGADUAN SP4N LAPOR", None, None, "Februari 2025"])
    sheet.append([])
    sheet.append(["No Tiket", "Tanggal Laporan", "Disposisi", "Status", *PERSONAL])
    sheet.append(
        ["LPR-2", dt.datetime(2025, 2, 3, 8, 15), "DINAS KESEHATAN", "proses", *PERSONAL.values()]
    )
    book.save(inbox / "pengaduan" / "lapor_februari.xlsx")
    return inbox


def _tables_holding(path: Path, reader: str) -> list[str]:
    """Text columns of a DuckDB file or a Parquet file that contain a secret."""
    con = duckdb.connect()
    try:
        if reader == "duckdb":
            con.execute(f"attach '{path}' as scanned (read_only)")
            tables = con.execute(
                "select schema_name || '.' || table_name from duckdb_tables() "
                "where database_name = 'scanned'"
            ).fetchall()
            sources = [f"scanned.{name}" for (name,) in tables]
        else:
            sources = [f"read_parquet('{path}')"]
        found = []
        for source in sources:
            columns = [
                name
                for name, kind, *_ in con.execute(f"describe select * from {source}").fetchall()
                if kind == "VARCHAR"
            ]
            for column in columns:
                holds = " or ".join(f'contains("{column}", {s.decode()!r})' for s in SECRETS)
                hits = con.execute(f"select count(*) from {source} where {holds}").fetchone()[0]
                if hits:
                    found.append(f"{path}:{source}.{column}")
        return found
    finally:
        con.close()


def test_personal_data_reaches_no_file_of_the_home(tmp_path):
    inbox, home = _inbox(tmp_path), tmp_path / "home"
    outcome = run_quarter(home, inbox, QUARTER, SCHEME)
    assert outcome.exit_code == EXIT_PUBLISHED, [f.describe() for f in outcome.findings]
    complaints = duckdb.connect(str(home / "warehouse" / "rapor.duckdb"), read_only=True)
    loaded = complaints.execute(
        "select tracking_id, opd_code, _sheet, _line from raw.pengaduan order by tracking_id"
    ).fetchall()
    complaints.close()
    assert loaded == [("LPR-1", "G1", "", 2), ("LPR-2", "G2", "Sheet", 4)]

    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".parquet" for p in files) and any(p.suffix == ".log" for p in files)
    in_bytes = [str(p) for p in files if any(s in p.read_bytes() for s in SECRETS)]
    assert in_bytes == []
    in_tables = [
        hit
        for p in files
        if p.suffix in (".duckdb", ".parquet")
        for hit in _tables_holding(p, "duckdb" if p.suffix == ".duckdb" else "parquet")
    ]
    assert in_tables == []
