"""Small inboxes written from Python rows, for hand-computed cases."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

# the test scheme whose index is one assessed score (`komponen/` rows named `nilai`)
ASSESSED_ONLY = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"


def write_rows(inbox: Path, dataset: str, file_name: str, rows: list[dict]) -> Path:
    """Write `rows` as canonical CSV (header from the first row's keys) into `inbox/<dataset>/`."""
    path = inbox / dataset / file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def opd_row(code: str, name: str, opd_type: str = "dinas", region: str = "33.71") -> dict:
    return {
        "opd_code": code,
        "opd_name": name,
        "opd_type": opd_type,
        "aliases": "",
        "region_code": region,
        "region_name": "Kota Uji",
        "active_from": "2020-01-01",
        "active_to": "",
    }


def assessed_scores(year: int, quarter: int, scores: dict[str, str]) -> list[dict]:
    """Rows of `komponen/`: one assessed score `nilai` per agency (the `assessed_only` scheme)."""
    return [
        {
            "year": year,
            "quarter": quarter,
            "opd_code": code,
            "component": "nilai",
            "score": score,
            "assessor": "Inspektorat",
        }
        for code, score in scores.items()
    ]


def published_region(root: Path, year: int, quarter: int, scores: dict[str, str]):
    """A small region scored by the `assessed_only` test scheme, its quarter published once:
    (inbox, home) under `root`, the agencies named `Dinas <code>`."""
    from core.home import Home
    from core.quarters import Quarter
    from rapor.runner import EXIT_PUBLISHED, run_quarter

    inbox, home = root / "inbox", root / "home"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in scores])
    write_rows(inbox, "komponen", f"nilai_tw{quarter}.csv", assessed_scores(year, quarter, scores))
    outcome = run_quarter(home, inbox, Quarter(year, quarter), ASSESSED_ONLY)
    assert outcome.exit_code == EXIT_PUBLISHED, outcome.errors
    return inbox, Home(home)


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def as_dicts(db: Path, sql: str, params: list | None = None) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
