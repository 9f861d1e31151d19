"""Ingest speed, in rows per second: the national budget CSV and a 100 000-row workbook.

    .venv/bin/python -m benchmarks.ingest_speed [--workdir DIR] [--regions N]

Writes only the `anggaran/` file of the national scale (the generator's own budget rows, canonical
CSV; the whole national inbox takes minutes and gigabytes more), kept in the work folder for the
next run. From its first 100 000 rows it writes a workbook as a finance system exports it (title
rows, Indonesian headers, Indonesian number text in one column, a total row) and the same rows as a
Windows-1252 semicolon CSV (the record-by-record path). Each file is ingested into a fresh
warehouse; the timing covers `ingest_inbox` only. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import shutil
import time
from pathlib import Path

import openpyxl

from benchmarks.measure import peak_rss
from core.warehouse import connect
from demo.agencies import region_agencies
from demo.budget import BUDGET_FIELDS, budget_rows, budget_year, plan_sub_activities
from demo.scales import SCALES
from ingest.load import ingest_inbox

YEAR = 2024
SEED = 7
WORKBOOK_ROWS = 100_000
INDONESIAN_HEADERS = (
    "Tahun",
    "Bulan",
    "Kode OPD",
    "Kode Sub Kegiatan",
    "Uraian",
    "Pagu Anggaran",
    "Realisasi Bulan Ini",
    "Realisasi s/d Bulan Ini",
)


def national_budget_csv(workdir: Path, regions: int) -> Path:
    """The national scale's `anggaran/` rows for one year (its first `regions` regions)."""
    path = workdir / f"national-{regions}" / "anggaran" / f"anggaran_{YEAR}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    scale = SCALES["national"]
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(BUDGET_FIELDS)
        for region in scale.regions[:regions]:
            for agency in region_agencies(region, SEED):
                subs = plan_sub_activities(agency, scale.sub_activities_per_opd, SEED)
                lines = [budget_year(agency, sub, YEAR, SEED) for sub in subs]
                writer.writerows(budget_rows(agency, YEAR, lines))
    partial.replace(path)
    return path


def _first_rows(source: Path, count: int) -> list[list[str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return list(itertools.islice(reader, count))


def _indonesian(amount: str) -> str:
    whole, _, cents = amount.partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + (cents or "00")


def workbook_of(rows: list[list[str]], path: Path) -> Path:
    """A finance-system export: title rows, typed cells, one money column as Indonesian text."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Realisasi")
    sheet.append(["LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN"])
    sheet.append([f"Tahun Anggaran {YEAR}"])
    sheet.append([])
    sheet.append(list(INDONESIAN_HEADERS))
    for year, month, opd, sub, name, budget, month_value, ytd in rows:
        sheet.append(
            [
                int(year),
                int(month),
                opd,
                sub,
                name,
                float(budget),
                _indonesian(month_value),
                float(ytd),
            ]
        )
    sheet.append(["Jumlah"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def windows_csv_of(rows: list[list[str]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(INDONESIAN_HEADERS)
        writer.writerows([*row[:6], _indonesian(row[6]), row[7]] for row in rows)
    return path


def timed_ingest(source: Path, root: Path) -> tuple[int, float]:
    """Rows loaded and seconds taken by one ingest of `source` into a fresh warehouse."""
    shutil.rmtree(root, ignore_errors=True)
    inbox = root / "inbox" / "anggaran"
    inbox.mkdir(parents=True)
    (inbox / source.name).symlink_to(source.resolve())
    with connect(root / "warehouse.duckdb") as con:
        started = time.perf_counter()
        result = ingest_inbox(root / "inbox", con, root / "archive", lang="en")
        elapsed = time.perf_counter() - started
    if result.errors:
        raise SystemExit("\n".join(f.describe("en") for f in result.errors[:10]))
    return result.rows_loaded.get("anggaran", 0), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=".bench/ingest_speed")
    parser.add_argument(
        "--regions",
        type=int,
        default=len(SCALES["national"].regions),
        help="regions of the national scale to write (all by default)",
    )
    args = parser.parse_args()
    workdir = Path(args.workdir)
    started = time.perf_counter()
    budget = national_budget_csv(workdir, args.regions)
    print(f"national anggaran CSV: {budget} ({time.perf_counter() - started:.0f} s to write)")
    rows = _first_rows(budget, WORKBOOK_ROWS)
    cases = [
        ("national budget CSV (UTF-8, DuckDB fast path)", budget),
        ("workbook .xlsx, 100 000 rows", workbook_of(rows, workdir / "xlsx" / "anggaran.xlsx")),
        (
            "Windows-1252 ; CSV, 100 000 rows (record by record)",
            windows_csv_of(rows, workdir / "cp1252" / "anggaran.csv"),
        ),
    ]
    print(f"\n{'file':<52} {'rows':>10} {'seconds':>8} {'rows/s':>9}")
    for label, source in cases:
        loaded, seconds = timed_ingest(source, workdir / "run")
        print(f"{label:<52} {loaded:>10,} {seconds:>8.1f} {loaded / seconds:>9,.0f}")
    peak = peak_rss() // 2**20
    print(f"\npeak resident memory of this process: {peak} MB")


if __name__ == "__main__":
    main()
