"""Excel workbooks (.xlsx): the rows of every sheet whose header row is recognised.

Read with python-calamine (never evaluated, never DuckDB's excel extension). Calamine gives the
cached result of a formula cell, which a file written by a program may not even hold; Rapor wants
what the clerk typed, so formula cells are read as their formula text (`=SUM(E4:E9)`) from the
sheet's XML and stay text: a formula in a number column is an unparseable value.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from core.contract import Dataset
from core.findings import UnreadableFile
from ingest.headers import recognised_count

# Finance-system exports put a title, the region and the period above the table.
HEADER_SEARCH_ROWS = 30
# A header row names at least this many columns of the dataset.
HEADER_MIN_COLUMNS = 2
_AMBIGUOUS_DECIMAL = re.compile(r"-?\d{1,3}\.\d{3}")
TOTAL_ROW = re.compile(r"^(jumlah|total|grand\s*total|sub\s*total)\b", re.IGNORECASE)
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.DOTALL)
_FORMULA = re.compile(r"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@dataclass
class Sheet:
    name: str
    header_line: int
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]


def cell_text(value: object) -> str:
    """A cell as the text a clerk sees, numbers without float noise or exponent."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if type(value) is float:
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        if "e" in text:
            text = format(Decimal(text), "f")
        # `1.234` would read as either convention: a fourth decimal keeps it a decimal number
        return text + "0" if len(text) <= 8 and _AMBIGUOUS_DECIMAL.fullmatch(text) else text
    if isinstance(value, dt.datetime):
        # a date cell is a float of days: calamine's conversion leaves microseconds of noise
        value = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        return value.strftime("%Y-%m-%d" if value.time() == dt.time() else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part inside the workbook."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in relations.findall("rel:Relationship", _NS)}
    parts = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        parts[sheet.get("name")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
    return parts


def _formulas(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, column) → formula text of every formula cell of a sheet (0-based)."""
    with archive.open(part) as handle:
        xml = handle.read().decode("utf-8", errors="replace")
    if "<f" not in xml:
        return {}
    found = {}
    for letters, row, inner in _CELL.findall(xml):
        formula = _FORMULA.search(inner or "")
        if formula:
            found[(int(row) - 1, _column_index(letters))] = "=" + html.unescape(
                formula.group(1) or "(shared formula)"
            )
    return found


def workbook_sheets(path: Path, dataset: Dataset) -> Iterator[Sheet]:
    """Every sheet whose header row is recognised; raises `UnreadableFile` if none is."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            formulas = {name: _formulas(archive, part) for name, part in parts.items()}
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, CalamineError, OSError) as exc:
        raise UnreadableFile("damaged_workbook") from exc
    found = False
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
        except CalamineError as exc:
            raise UnreadableFile("damaged_workbook") from exc
        located = _locate(sheet, name, dataset, formulas.get(name, {}))
        if located is not None:
            found = True
            yield located
    if not found:
        raise UnreadableFile("header_not_found", required=", ".join(dataset.required))


def _locate(sheet, name: str, dataset: Dataset, formulas: dict) -> Sheet | None:
    first_row, first_column = sheet.start if sheet.height else (0, 0)

    def text_rows() -> Iterator[tuple[int, list[str]]]:
        for offset, cells in enumerate(sheet.iter_rows()):
            row = first_row + offset
            texts = [cell_text(cell) for cell in cells]
            if formulas:
                for column in range(len(texts)):
                    formula = formulas.get((row, first_column + column))
                    if formula is not None:
                        texts[column] = formula
            yield row + 1, texts

    rows = text_rows()
    best: tuple[int, int, list[str]] | None = None
    for line, cells in rows:
        score = recognised_count(dataset, cells)
        if score >= HEADER_MIN_COLUMNS and (best is None or score > best[0]):
            best = (score, line, cells)
        if line - first_row >= HEADER_SEARCH_ROWS:
            break
    if best is None:
        return None
    _, header_line, header = best
    rows = text_rows()
    return Sheet(name, header_line, header, _data_rows(rows, header_line))


def _data_rows(
    rows: Iterator[tuple[int, list[str]]], header_line: int
) -> Iterator[tuple[int, list[str]]]:
    """The rows below the header, empty separator rows skipped and a trailing total row dropped
    (it would be summed twice)."""
    held: tuple[int, list[str]] | None = None
    for line, cells in rows:
        if line <= header_line or not any(cell.strip() for cell in cells):
            continue
        if held is not None:
            yield held
        held = (line, cells)
    if held is not None:
        first = next((cell.strip() for cell in held[1] if cell.strip()), "")
        if not TOTAL_ROW.match(first):
            yield held
