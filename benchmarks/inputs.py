"""The files the benchmark runs on: a generated inbox, its size, and the same inbox with one
corrected file dropped in (the incremental refresh)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from core.quarters import Quarter
from demo import generate

# How much the corrected file raises one sub-activity's pagu (an amended budget, reported late).
CORRECTION_FACTOR = Decimal("1.25")


def generated_inbox(workdir: Path, scale: str, quarter: Quarter, seed: int) -> Path:
    """`<workdir>/inbox`, generated for the quarter's year unless a finished one of the same scale
    and seed is there (national takes minutes)."""
    inbox, stamp = workdir / "inbox", workdir / "inbox.json"
    wanted = {"scale": scale, "seed": seed, "years": [quarter.year]}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted and inbox.is_dir():
        return inbox
    stamp.unlink(missing_ok=True)
    shutil.rmtree(inbox, ignore_errors=True)
    generate(inbox, scale=scale, seed=seed, years=(quarter.year,))
    stamp.write_text(json.dumps(wanted))
    return inbox


def dataset_rows(inbox: Path) -> dict[str, int]:
    """Data rows per dataset folder (headers not counted), read as CSV."""
    rows = {}
    with duckdb.connect() as con:
        for folder in sorted(p for p in inbox.iterdir() if p.is_dir()):
            pattern = str(folder / "*.csv").replace("'", "''")
            rows[folder.name] = con.execute(
                f"select count(*) from read_csv('{pattern}', header = true, all_varchar = true)"
            ).fetchone()[0]
    return rows


@dataclass(frozen=True)
class Correction:
    inbox: Path  # the original inbox's files (linked, not copied) plus the corrected file
    file: Path
    opd_code: str
    sub_activity_code: str
    budget_before: str
    budget_after: str

    def describe(self) -> str:
        return (
            f"`{self.file.parent.name}/{self.file.name}` re-sends one month of budget rows with "
            f"the pagu of {self.opd_code} / {self.sub_activity_code} changed from "
            f"{self.budget_before} to {self.budget_after}"
        )


def corrected_inbox(inbox: Path, workdir: Path, quarter: Quarter) -> Correction:
    """A copy of `inbox` (hard links) plus a corrected budget file for the quarter's last month:
    every row of that month again, one sub-activity's pagu raised. Named after the file it
    corrects, so it sorts (and loads) after it and supersedes it for that month only."""
    target = workdir / "inbox-corrected"
    shutil.rmtree(target, ignore_errors=True)
    for source in inbox.rglob("*"):
        if source.is_file():
            copy = target / source.relative_to(inbox)
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, copy)
            except OSError:  # another file system
                shutil.copyfile(source, copy)
    budget_files = sorted((inbox / "anggaran").glob("*.csv"))
    corrected = _month_file_name(target / "anggaran", budget_files[-1], quarter)
    with duckdb.connect() as con:
        pattern = str(inbox / "anggaran" / "*.csv").replace("'", "''")
        con.execute(
            f"create table month_rows as select * exclude (filename) "
            f"from read_csv('{pattern}', header = true, all_varchar = true, filename = true) "
            f"where year::integer = ? and month::integer = ? "
            # the rows of that month in the file in force for it: the last in name order
            f"and filename = (select max(filename) from read_csv('{pattern}', "
            f"header = true, all_varchar = true, filename = true) "
            f"where year::integer = ? and month::integer = ?)",
            [quarter.year, quarter.last_month] * 2,
        )
        opd_code, sub_activity, before = con.execute(
            "select opd_code, sub_activity_code, budget from month_rows "
            "order by budget::decimal(20, 2) desc, opd_code, sub_activity_code limit 1"
        ).fetchone()
        after = str((Decimal(before) * CORRECTION_FACTOR).quantize(Decimal("0.01")))
        con.execute(
            "update month_rows set budget = ? where opd_code = ? and sub_activity_code = ?",
            [after, opd_code, sub_activity],
        )
        path = str(corrected).replace("'", "''")
        con.execute(f"copy month_rows to '{path}' (header, delimiter ',')")
    return Correction(target, corrected, opd_code, sub_activity, before, after)


def _month_file_name(folder: Path, last_file: Path, quarter: Quarter) -> Path:
    # "<stem>_koreksi…" sorts after "<stem>.csv" ('_' > '.'), and so after every file before it
    return folder / f"{last_file.stem}_koreksi_{quarter.year}_{quarter.last_month:02d}.csv"
