"""The ranking every contender of the benchmark produces (index score, rank and zone per OPD), how
it is exchanged between processes (a small CSV file) and how two of them are compared."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import duckdb

FIELDS = ("opd_code", "index_score", "rank", "zone")


class RankedOpd(NamedTuple):
    opd_code: str
    index_score: Decimal | None
    rank: int
    zone: str | None


def published_ranking(published_db: Path, quarter_key: str) -> list[RankedOpd]:
    """What the pipeline published for the quarter (`marts.opd_quarter_ranking`)."""
    with duckdb.connect(str(published_db), read_only=True) as con:
        rows = con.execute(
            "select opd_code, index_score, rank, zone from marts.opd_quarter_ranking "
            "where quarter_key = ? order by opd_code",
            [quarter_key],
        ).fetchall()
    return [RankedOpd(*row) for row in rows]


def write_ranking(path: Path, ranking: list[RankedOpd]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIELDS)
        for opd in sorted(ranking):
            writer.writerow(["" if value is None else value for value in opd])


def read_ranking(path: Path) -> list[RankedOpd]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            RankedOpd(
                row["opd_code"],
                Decimal(row["index_score"]) if row["index_score"] else None,
                int(row["rank"]),
                row["zone"] or None,
            )
            for row in csv.DictReader(handle)
        ]


def ranking_differences(expected: list[RankedOpd], actual: list[RankedOpd]) -> list[str]:
    """Every OPD whose index score, rank or zone differs, or that only one side ranks."""
    left = {opd.opd_code: opd for opd in expected}
    right = {opd.opd_code: opd for opd in actual}
    differences = []
    for code in sorted(left.keys() | right.keys()):
        if left.get(code) != right.get(code):
            differences.append(f"{code}: {left.get(code)} != {right.get(code)}")
    return differences
