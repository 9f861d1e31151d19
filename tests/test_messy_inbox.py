"""The demo region in messy real-world formats (issue 3): the files hold every format of the issue
and decode to the canonical rows, and the pipeline publishes exactly the same marts from them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from core.contract import DATASETS
from core.quarters import Quarter
from demo import Summary, generate
from demo.messy import FILE_STYLES, MONTH_NAMES, ROMAN, number_text
from ingest.headers import normalize_header
from ingest.load import ingest_inbox
from publication.tables import published_table_names
from rapor.runner import EXIT_PUBLISHED, run_quarter

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

# 2024 holds every style of the messy generator (2025 only mixes them differently); its fourth
# quarter reads the most: every month of the year.
YEARS = (2024,)
QUARTER = Quarter(2024, 4)
# Lineage of the raw rows: the file, sheet and line they were read from, and the load.
RAW_LINEAGE_COLUMNS = ("_file_sha256", "_file_name", "_sheet", "_line", "_load_id")
# Lineage in the marts: which file, sheet, line and load a published row came from differs by
# construction (and with them the row ids and why a superseded row was, naming the file).
LINEAGE_COLUMNS = (
    "source_file_name",
    "source_sheet",
    "source_line",
    "source_file_sha256",
    "row_id",
    "load_id",
    "why",
)
# In `publication_log`: when the quarter was published, and fingerprints of the input files and
# of the marts, lineage included.
PUBLICATION_LOG_VARYING = ("published_at", "inputs_sha256", "content_sha256", "manifest")
# Headers of an agency named instead of coded (docs/inputs.md#opd-by-code-or-name).
NAME_HEADERS = {
    "nama_opd",
    "nama_skpd",
    "perangkat_daerah",
    "instansi",
    "instansi_tujuan",
    "disposisi",
}
PERSONAL_DATA = {"nama_pelapor", "nik", "no_hp", "email", "alamat", "isi_laporan"}
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


@pytest.fixture(scope="module")
def inboxes(tmp_path_factory) -> tuple[Summary, Summary]:
    root = tmp_path_factory.mktemp("inboxes")
    canonical = generate(root / "canonical", scale="city", seed=7, years=YEARS)
    messy = generate(root / "messy", scale="city", seed=7, years=YEARS, style="messy")
    return canonical, messy


# --- an independent reader of the files (calamine and csv, docs/inputs.md), not the ingest ---


def read_sheet(path: Path) -> tuple[list[str], list[list[object]]]:
    """Header and data rows of a file, below any title rows and without a total row."""
    if path.suffix == ".xlsx":
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    else:
        raw = path.read_bytes()
        encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        first = text.splitlines()[0]
        delimiter = max((";", "\t", ","), key=first.count)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    start = next(i for i, row in enumerate(rows) if sum(v not in (None, "") for v in row) > 1)
    body = [row for row in rows[start + 1 :] if str(row[0]).strip().lower() != "jumlah"]
    return [str(h) for h in rows[start]], body


def column_names(dataset: str) -> dict[str, str]:
    """Normalised header → canonical column, from the input contract."""
    names = {}
    for column in DATASETS[dataset].columns:
        for alias in (column.name, *column.aliases):
            names.setdefault(normalize_header(alias), column.name)
    for dropped in DATASETS[dataset].dropped:
        names[normalize_header(dropped)] = "telepon" if dropped == "no_hp" else dropped
    return names


def to_decimal(value: object) -> Decimal:
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).replace("Rp", "").replace("%", "").replace(" ", "")
    sign = -1 if text.startswith("(") else 1
    text = text.strip("()")
    if "," in text and "." in text:
        decimal_mark = max(",", ".", key=text.rfind)
    else:
        decimal_mark = "," if "," in text else "."
    thousands = "." if decimal_mark == "," else ","
    return sign * Decimal(text.replace(thousands, "").replace(decimal_mark, "."))


def to_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()) if type(value) is dt.date else value
    if isinstance(value, int | float):
        return EXCEL_EPOCH + dt.timedelta(seconds=round(value * 86400))
    text = str(value)
    for number, name in enumerate(MONTH_NAMES, 1):
        text = re.sub(rf"^(\d+) {name} ", rf"\1/{number:02d}/", text)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        for time in ("", " %H:%M:%S"):
            try:
                return dt.datetime.strptime(text, pattern + time)
            except ValueError:
                pass
    raise ValueError(f"not a date: {value!r}")


def canonical_text(column_type: str, value: object) -> str:
    """The value as one comparable text: numbers without trailing zeros, ISO dates."""
    if value is None or value == "":
        return ""
    if column_type in ("money", "num", "pct"):
        return format(to_decimal(value).normalize(), "f")
    if isinstance(value, float) and value.is_integer():  # a workbook's numbers are all floats
        value = int(value)
    if column_type == "month" and str(value) in MONTH_NAMES:
        return str(MONTH_NAMES.index(str(value)) + 1)
    if column_type == "quarter":
        last = str(value).split()[-1].removeprefix("Q")
        return str(ROMAN.index(last) + 1) if last in ROMAN else last
    if column_type == "date":
        return to_datetime(value).date().isoformat()
    if column_type == "ts":
        return to_datetime(value).isoformat(sep=" ")
    return str(value)


def decoded_rows(inbox: Path, dataset: str, codes: dict[str, str]) -> Counter:
    """Every data row of the dataset's files as canonical texts, in the contract's order."""
    names = column_names(dataset)
    types = {c.name: c.type for c in DATASETS[dataset].columns}
    # the generator writes a complainant's phone as `telepon`, the messy files as `no_hp` too
    dropped = [name for name in DATASETS[dataset].dropped if name != "no_hp"]
    fields = [c.name for c in DATASETS[dataset].columns] + dropped
    rows: Counter = Counter()
    for path in sorted((inbox / dataset).iterdir()):
        header, body = read_sheet(path)
        columns = {}
        for index, text in enumerate(header):
            normal = normalize_header(text)
            if dataset != "opd" and normal in NAME_HEADERS:
                columns["opd_code"] = (index, True)
            elif normal in names:
                columns[names[normal]] = (index, False)
        plan = [(columns.get(f, (None, False)), types.get(f, "str")) for f in fields]
        for row in body:
            record = []
            for (index, named), column_type in plan:
                value = None if index is None else row[index]
                if named:
                    value = codes[normal_name(str(value))]
                record.append(canonical_text(column_type, value))
            rows[tuple(record)] += 1
    return rows


def normal_name(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


def agency_codes(inbox: Path) -> dict[str, str]:
    """Normalised name and alias → code, from the OPD master of the inbox."""
    codes = {}
    (master,) = (inbox / "opd").iterdir()
    header, body = read_sheet(master)
    names = column_names("opd")
    position = {
        names[normalize_header(h)]: i for i, h in enumerate(header) if normalize_header(h) in names
    }
    for row in body:
        code = str(row[position["opd_code"]])
        aliases = str(row[position["aliases"]] or "").split("|")
        for name in (row[position["opd_name"]], *aliases):
            if name:
                codes[normal_name(str(name))] = code
    return codes


# --- the files ---


def test_same_rows_in_every_dataset(inboxes):
    canonical, messy = inboxes
    assert messy.rows == canonical.rows
    assert messy.opds == canonical.opds and messy.weak_opds == canonical.weak_opds


def test_messy_files_decode_to_the_canonical_rows(inboxes):
    canonical, messy = inboxes
    codes = agency_codes(messy.out)
    for dataset, count in canonical.rows.items():
        expected = decoded_rows(canonical.out, dataset, codes)
        found = decoded_rows(messy.out, dataset, codes)
        assert sum(found.values()) == count, dataset
        assert found == expected, dataset


def test_same_seed_same_bytes(inboxes, tmp_path):
    _, messy = inboxes
    again = generate(tmp_path, scale="city", seed=7, years=YEARS, style="messy")
    files = sorted(p.relative_to(messy.out) for p in messy.out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again.out) for p in again.out.rglob("*") if p.is_file())
    assert [f for f in files if (messy.out / f).read_bytes() != (again.out / f).read_bytes()] == []


def test_every_format_of_the_issue_is_in_the_demo_inbox(inboxes):
    _, messy = inboxes
    files = sorted(p for p in messy.out.rglob("*") if p.is_file())
    suffixes = Counter(p.suffix for p in files)
    assert suffixes[".xlsx"] >= 4 and suffixes[".csv"] >= 4 and suffixes[".txt"] >= 2
    raw = {p: p.read_bytes() for p in files if p.suffix != ".xlsx"}
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values())
    windows = [p for p, data in raw.items() if not _is_utf8(data)]
    assert windows and all(b"\x96" in raw[p] for p in windows)  # the en dash of Windows-1252
    texts = {
        p: data.decode("utf-8-sig") if _is_utf8(data) else data.decode("cp1252")
        for p, data in raw.items()
    }
    delimiters = {max((";", "\t", ","), key=t.splitlines()[0].count) for t in texts.values()}
    assert delimiters == {";", "\t", ","}
    text = "\n".join(texts.values())
    for pattern in (
        r"Rp \d{1,3}(\.\d{3})+,\d\d",  # Rp 1.234.567,89
        r"[;\t]\d{1,2},\d%",  # 85,5%
        rf"[;\t]\d{{1,2}} ({'|'.join(MONTH_NAMES)}) 20\d\d ",  # 31 Maret 2024 08:15:00
        r"[;\t]\d\d/\d\d/20\d\d ",  # 31/03/2024 08:15:00
        r"[;\t]Triwulan III[;\t]",
        r"[;\t]Q3[;\t]",
        r"\tIV\t",
        r'"\d{1,3}(,\d{3})+\.\d\d"',  # quoted 1,234,567.89
        r"[;\t]DINAS KESEHATAN[;\t]",
        r"[;\t]Dinkes[;\t]",
    ):
        assert re.search(pattern, text), pattern
    cells = [
        value
        for path in files
        if path.suffix == ".xlsx"
        for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        for value in row
    ]
    assert {"TW II", "Triwulan III", "Maret", "Jumlah", "PEMERINTAH KOTA MAGELANG"} <= {
        value for value in cells if isinstance(value, str)
    }
    assert any(isinstance(value, dt.datetime) for value in cells)  # a date cell
    headers = {normalize_header(h) for path in files for h in read_sheet(path)[0]}
    assert {"pagu_anggaran", "realisasi_kumulatif", "kode_sub_kegiatan", "triwulan"} <= headers
    for path in (messy.out / "pengaduan").iterdir():
        found = {normalize_header(h) for h in read_sheet(path)[0]}
        assert PERSONAL_DATA - {"no_hp"} <= found and found & {"no_hp", "telepon"}, path


def test_excel_exports_look_like_the_finance_system(inboxes):
    _, messy = inboxes
    path = messy.out / "anggaran" / "anggaran_2024_tw1.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[:5]] == [
        "LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN",
        "PEMERINTAH KOTA MAGELANG",
        "TRIWULAN I TAHUN ANGGARAN 2024",
        None,
        "No",
    ]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:I1", "A2:I2", "A3:I3", f"A{len(rows)}:F{len(rows)}"} <= merged
    total, data = rows[-1], rows[5:-1]
    assert total[0] == "Jumlah"
    for column in (6, 7, 8):  # pagu, realisasi bulan ini, realisasi kumulatif
        assert Decimal(str(total[column])) == sum(Decimal(str(r[column])) for r in data)
    serials = read_sheet(messy.out / "pengaduan" / "pengaduan_2024_tw2.xlsx")[1]
    assert all(isinstance(row[2], float) for row in serials)  # Waktu Lapor, an Excel serial
    assert workbook.properties.created == workbook.properties.modified == dt.datetime(2020, 1, 1)


def test_indonesian_numbers():
    style = next(s for styles in FILE_STYLES.values() for s in styles if s.rupiah == "Rp ")
    assert number_text("1234567.89", "money", False, style) == "Rp 1.234.567,89"
    assert number_text("-5.00", "money", False, style) == "(Rp 5,00)"
    assert number_text("85.50", "pct", True, style) == "85,5%"
    assert number_text("100.00", "pct", True, style) == "100%"
    assert number_text("1234", "num", False, style) == "1234"
    assert to_decimal("(Rp 5,00)") == Decimal("-5")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- the ingest and the pipeline: the same rows and marts from either inbox ---


def test_messy_inbox_loads_the_same_raw_rows(inboxes, tmp_path):
    """The ingest alone, in seconds: where the marts differ, this names the dataset and rows."""
    with duckdb.connect() as con:
        for summary in inboxes:
            name = summary.out.name
            with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as warehouse:
                result = ingest_inbox(summary.out, warehouse, tmp_path / f"archive_{name}")
            assert [f.describe() for f in result.errors] == [], name
            con.execute(f"attach '{tmp_path / name}.duckdb' as {name} (read_only)")
        for dataset in DATASETS:
            columns = [r[0] for r in con.execute(f"describe canonical.raw.{dataset}").fetchall()]
            kept = ", ".join(c for c in columns if c not in RAW_LINEAGE_COLUMNS)
            differing = con.execute(
                f"(select 'canonical', {kept} from canonical.raw.{dataset} "
                f"except all select 'canonical', {kept} from messy.raw.{dataset}) union all "
                f"(select 'messy', {kept} from messy.raw.{dataset} "
                f"except all select 'messy', {kept} from canonical.raw.{dataset}) order by all"
            ).fetchall()
            sample = [r for r in differing if r[0] == "canonical"][:3]
            sample += [r for r in differing if r[0] == "messy"][:3]
            assert not differing, f"{dataset}: {len(differing)} rows differ, e.g.\n" + "\n".join(
                map(str, sample)
            )


def published_tables(inbox: Path, home: Path) -> tuple[dict[str, list[tuple]], set[str]]:
    """Every published table of the quarter run from `inbox`, without the columns that may
    differ, sorted; and the input files the indicator lineage names."""
    outcome = run_quarter(home, inbox, QUARTER)
    assert outcome.exit_code == EXIT_PUBLISHED, (
        outcome.status,
        outcome.failed_checks,
        [f.describe() for f in outcome.errors_found][:30],
        [e.splitlines()[0] for e in outcome.errors if e],
    )
    tables = {}
    with duckdb.connect(str(home / "published" / "rapor.duckdb"), read_only=True) as con:
        for table in (*published_table_names(), "publication_log"):
            varying = PUBLICATION_LOG_VARYING if table == "publication_log" else LINEAGE_COLUMNS
            columns = [row[0] for row in con.execute(f"describe marts.{table}").fetchall()]
            kept = ", ".join(c for c in columns if c not in varying)
            tables[table] = con.execute(f"select {kept} from marts.{table} order by all").fetchall()
        files = con.execute("select distinct source_file_name from marts.indicator_achievement")
        lineage = {name for (name,) in files.fetchall()}
    return tables, lineage


def test_messy_inbox_publishes_the_same_marts(inboxes, tmp_path):
    canonical, messy = inboxes
    expected, _ = published_tables(canonical.out, tmp_path / "canonical")
    found, lineage = published_tables(messy.out, tmp_path / "messy")
    # the lineage names the messy files
    assert lineage <= {str(p.relative_to(messy.out)) for p in messy.out.rglob("*") if p.is_file()}
    for table, rows in expected.items():
        assert rows, table
        assert found[table] == rows, table
