"""Which quarters a file's rows fall in, worked out by the ingest itself (the same readers, header
matching and period columns) on a scratch warehouse, so that whoever watches the inbox never
writes the real one while a run may hold it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb

from core.contract import DATASETS
from core.quarters import Quarter
from ingest.archive import sha256_of
from ingest.load import inbox_files, ingest_inbox

# (year, period) of `raw.file_periods` as the quarter it falls in, per period grain
_MONTHS = ("month", "submitted_month")


def quarter_of_period(grain: str, year: int, period: int) -> Quarter | None:
    if grain in _MONTHS:
        return Quarter(year, (period - 1) // 3 + 1)
    if grain == "quarter":
        return Quarter(year, period)
    return None  # the OPD master holds for every quarter its agencies are active in


def quarters_of_files(
    inbox: Path, files: list[Path], candidates: Iterable[Quarter] = ()
) -> dict[Path, set[Quarter]]:
    """{file: the quarters its accepted rows fall in} for `files` of `inbox`; the inbox's OPD
    master is read beside them (the other datasets may name agencies by name). An OPD master has
    no period of its own: it falls in those of the `candidates` (the published quarters) in
    which one of its rows is active, `active_from` to `active_to` (an empty date: always)."""
    wanted = {path.resolve() for path in files}
    with tempfile.TemporaryDirectory(prefix="rapor-periods-") as scratch:
        root = Path(scratch)
        by_sha: dict[str, Path] = {}
        for dataset, path in inbox_files(inbox):
            if dataset is None or (path.resolve() not in wanted and dataset.name != "opd"):
                continue
            copy = root / "inbox" / path.relative_to(inbox)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.symlink_to(path.resolve())
            if path.resolve() in wanted:
                by_sha[sha256_of(path)] = path
        with duckdb.connect(str(root / "scratch.duckdb")) as con:
            ingest_inbox(root / "inbox", con, root / "archive")
            rows = con.execute(
                "select file_sha256, dataset, year, period from raw.file_periods"
            ).fetchall()
            masters = _masters_in(con, sorted(set(candidates)))
    found: dict[Path, set[Quarter]] = {path: set() for path in by_sha.values()}
    for sha, dataset, year, period in rows:
        quarter = quarter_of_period(DATASETS[dataset].period_grain, year, period)
        if sha in by_sha and quarter is not None:
            found[by_sha[sha]].add(quarter)
    for sha, quarter in masters:
        if sha in by_sha:
            found[by_sha[sha]].add(quarter)
    return found


def _masters_in(con: duckdb.DuckDBPyConnection, quarters: list[Quarter]) -> list[tuple]:
    """(file sha256, quarter) for each quarter of `quarters` an OPD master file has an agency
    active in (the same window as the scope of a quarter, `int_opd_in_scope`)."""
    if not quarters:
        return []
    windows = [(q.year, q.quarter, q.start, q.last_day) for q in quarters]
    found = con.execute(
        "select distinct opd._file_sha256, q.year, q.quarter "
        "from raw.opd as opd, (select unnest(?, recursive := true)) as q "
        "where coalesce(opd.active_from, date '1900-01-01') <= q.last_day "
        "and coalesce(opd.active_to, date '9999-12-31') >= q.first_day",
        [[{"year": y, "quarter": n, "first_day": a, "last_day": b} for y, n, a, b in windows]],
    ).fetchall()
    return [(sha, Quarter(year, quarter)) for sha, year, quarter in found]
