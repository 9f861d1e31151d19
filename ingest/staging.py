"""A received file's rows as text in the temporary table `_staged`, personal data left out.

`_staged` holds `_sheet`, `_line` (as a person sees it in the spreadsheet), `_nik_column` (the
header of a column holding a 16-digit NIK-like value, else null) and one text column per contract
column the file has, by its canonical name. Two ways in:

- UTF-8 CSV that DuckDB reads cleanly goes straight from `read_csv` (the fast path). `_line` is
  the record's number plus the new lines embedded in the quoted fields before it; blank lines
  between records are not counted.
- Everything else (Windows-1252 CSV, CSV DuckDB rejects, workbooks) is read in Python row by row
  with exact physical lines and written, kept columns only, to temporary CSV files DuckDB loads.

Personal-data columns are never selected nor written; only the count of new lines in a record
(needed for `_line`) is computed over them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.contract import Dataset
from core.findings import NIK_LIKE, UnreadableFile
from core.sql import quote_ident, sql_literal
from ingest.headers import dropped_headers, match_headers
from ingest.sniff import TextLayout, file_kind, text_layout
from ingest.text_rows import csv_records
from ingest.workbook import workbook_sheets

# DuckDB stops at lines longer than this; the value rules report long cells, not the reader.
MAX_LINE_BYTES = 1 << 26
# 16 digits in a row anywhere in a cell: a NIK (findings.NIK_LIKE, in RE2 without look-around).
NIK_PATTERN = r"(^|\D)\d{16}(\D|$)"


@dataclass
class MissingColumns:
    """A sheet (or CSV file) whose header lacks required columns."""

    sheet: str
    line: int
    columns: list[str]


@dataclass
class Staged:
    columns: list[str]  # contract columns present in `_staged`
    rows: int
    personal_data: bool  # the file had personal-data columns (left out)
    missing: list[MissingColumns] = field(default_factory=list)


def stage(con: duckdb.DuckDBPyConnection, dataset: Dataset, path: Path, workdir: Path) -> Staged:
    """Fill `_staged` from `path`; raises `UnreadableFile` when the file cannot be read at all."""
    if file_kind(path) == "workbook":
        sheets = ((s.name, s.header_line, s.header, s.rows) for s in workbook_sheets(path, dataset))
        return _stage_rows(con, dataset, sheets, workdir)
    layout = text_layout(path, dataset)
    if layout.encoding != "cp1252":
        try:
            return _stage_csv_fast(con, dataset, path, layout)
        except duckdb.Error:
            pass  # read it again record by record: the rejection gets its line
    try:
        return _stage_rows(con, dataset, _csv_sheet(path, layout), workdir)
    except UnreadableFile as exc:
        # UTF-8 at the start, Windows-1252 bytes further down: read it all as Windows-1252
        if exc.rule != "unsupported_encoding" or layout.encoding == "cp1252":
            raise
    cp1252 = TextLayout("cp1252", layout.delimiter, layout.header)
    return _stage_rows(con, dataset, _csv_sheet(path, cp1252), workdir)


def stage_kept_copy(con: duckdb.DuckDBPyConnection, dataset: Dataset, path: Path) -> Staged:
    """Fill `_staged` from the archive's copy of a file that had personal data: the rows as they
    were read (`_sheet`, `_line` and the contract's columns, load.py `_write_kept_copy`), so that
    a rebuild (`rapor verify`) reads them at the sheet and line of the original."""
    source = (
        f"read_csv({sql_literal(str(path))}, header = true, all_varchar = true, delim = ',', "
        f"quote = '\"', escape = '\"', max_line_size = {MAX_LINE_BYTES})"
    )
    headers = [d[0] for d in con.execute(f"select * from {source} limit 0").description]
    known = {c.name for c in dataset.header_columns}
    columns = [h for h in headers if h in known]
    con.execute(
        "create or replace temp table _staged as select coalesce(_sheet, '') as _sheet, "
        "_line::bigint as _line, null::varchar as _nik_column"
        + "".join(f", {quote_ident(c)}" for c in columns)
        + f" from {source}"
    )
    rows = con.execute("select count(*) from _staged").fetchone()[0]
    return Staged(columns, rows, personal_data=False)


def _csv_sheet(path: Path, layout: TextLayout):
    """A CSV file as the one sheet of its rows; a record longer than the header is rejected."""
    records = csv_records(path, layout)
    header_line, header = next(records, (1, []))

    def rows():
        for line, fields in records:
            if len(fields) > len(header) and any(f.strip() for f in fields[len(header) :]):
                raise UnreadableFile(
                    "too_many_fields", line=line, found=len(fields), expected=len(header)
                )
            yield line, fields

    yield "", header_line, header, rows()


def _read_csv_sql(path: Path, layout: TextLayout) -> str:
    return (
        f"read_csv({sql_literal(str(path))}, header = true, all_varchar = true, "
        f"delim = {sql_literal(layout.delimiter)}, quote = '\"', escape = '\"', "
        f"max_line_size = {MAX_LINE_BYTES}, strict_mode = true)"
    )


def _physical_lines(path: Path, chunk: int = 1 << 22) -> int:
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def _nik_sql(headers: list[str]) -> str:
    whens = " ".join(
        f"when length({quote_ident(h)}) >= 16 "
        f"and regexp_matches({quote_ident(h)}, '{NIK_PATTERN}') then {sql_literal(h)}"
        for h in headers
    )
    return f"case {whens} end" if whens else "null::varchar"


def _stage_csv_fast(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, path: Path, layout: TextLayout
) -> Staged:
    source = _read_csv_sql(path, layout)
    headers = [d[0] for d in con.execute(f"select * from {source} limit 0").description]
    if tuple(headers) != layout.header:
        # DuckDB renamed a header or guessed another shape: the record-by-record reader decides
        raise duckdb.InvalidInputException("header differs from the file's first record")
    mapping, missing = match_headers(dataset, headers)
    personal = set(dropped_headers(dataset, headers))
    kept = [h for h in headers if h not in personal]
    selected = "".join(f", {quote_ident(h)} as {quote_ident(c)}" for c, h in mapping.items())
    con.execute(
        "create or replace temp table _staged as select '' as _sheet, "
        f"{_nik_sql(kept)} as _nik_column{selected} from {source}"
    )
    # the table keeps the file's order: a record's line is its position below the header
    con.execute("alter table _staged add column _line bigint")
    con.execute("update _staged set _line = rowid + 2")
    records = con.execute("select count(*) from _staged").fetchone()[0]
    if _physical_lines(path) != records + 1:
        # new lines inside quoted fields move the following records down
        every_field = "concat_ws('', " + ", ".join(quote_ident(h) for h in headers) + ")"
        con.execute(
            "create or replace temp table _staged as select s.* replace (c._line as _line) "
            "from _staged as s positional join (select 1 + sum(1 + extra) over (order by record "
            "rows between unbounded preceding and current row) - extra as _line from ("
            f"select row_number() over () as record, length({every_field}) "
            f"- length(replace({every_field}, chr(10), '')) as extra from {source})) as c"
        )
    return Staged(
        list(mapping),
        records,
        bool(personal),
        [MissingColumns("", 1, missing)] if missing else [],
    )


def _stage_rows(con, dataset: Dataset, sheets, workdir: Path) -> Staged:
    files, columns, missing, personal = [], [], [], False
    for index, (sheet, header_line, header, rows) in enumerate(sheets):
        mapping, absent = match_headers(dataset, header)
        if absent:
            missing.append(MissingColumns(sheet, header_line, absent))
        dropped = set(dropped_headers(dataset, header))
        personal = personal or bool(dropped)
        position = {h: i for i, h in reversed(list(enumerate(header)))}
        selected = [(c, position[h]) for c, h in mapping.items()]
        kept = [(h, i) for i, h in enumerate(header) if h not in dropped and h.strip()]
        target = workdir / f"sheet-{index}.csv"
        _write_sheet(target, sheet, selected, kept, rows)
        files.append(target)
        columns += [c for c, _ in selected if c not in columns]
    listing = "[" + ", ".join(sql_literal(str(f)) for f in files) + "]"
    con.execute(
        "create or replace temp table _staged as select _sheet, _line::bigint as _line, "
        "nullif(_nik_column, '') as _nik_column"
        + "".join(f", {quote_ident(c)}" for c in columns)
        + f" from read_csv({listing}, header = true, all_varchar = true, union_by_name = true, "
        f"delim = ',', quote = '\"', escape = '\"', max_line_size = {MAX_LINE_BYTES})"
    )
    rows = con.execute("select count(*) from _staged").fetchone()[0]
    return Staged(columns, rows, personal, missing)


def _write_sheet(
    target: Path,
    sheet: str,
    selected: list[tuple[str, int]],
    kept: list[tuple[str, int]],
    rows: Iterator[tuple[int, list[str]]],
) -> None:
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["_sheet", "_line", "_nik_column", *(c for c, _ in selected)])
        for line, cells in rows:
            width = len(cells)
            nik = next(
                (
                    h
                    for h, i in kept
                    if i < width and len(cells[i]) >= 16 and NIK_LIKE.search(cells[i])
                ),
                "",
            )
            writer.writerow(
                [sheet, line, nik, *(cells[i] if i < width else "" for _, i in selected)]
            )
