"""Small inboxes written from Python rows, for hand-computed cases."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb


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


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def as_dicts(db: Path, sql: str, params: list | None = None) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
