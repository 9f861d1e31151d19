"""The quarterly report as a workbook a region's staff opens in Excel: the ranking and the
component scores, numbers stored as numbers, every text from data stored as text (a name that
starts with `=`, `+`, `-` or `@` is never read as a formula)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.messages import Lang, code_label, label
from reports.report_data import ReportData

RANKING_COLUMNS = (
    ("region_code", "region"),
    ("rank_group", "group"),
    ("rank", "rank"),
    ("opd_code", "code"),
    ("opd_name", "opd"),
    ("index_score", "index"),
    ("zone", "zone"),
    ("predicate", "predicate"),
    ("consequence", "consequence"),
    ("consequence_label", "consequence"),
    ("is_boundary_tie", "boundary_tie"),
    ("previous_rank", "movement"),
    ("rank_p05", "interval"),
    ("rank_p95", "interval"),
    ("is_consequence_uncertain", "uncertain"),
)
COMPONENT_COLUMNS = (
    ("opd_code", "code"),
    ("component", "component"),
    ("component_label", "component"),
    ("measure", "component"),
    ("measure_value", "score"),
    ("score", "score"),
    ("weight", "weight"),
    ("weighted_score", "weighted"),
    ("group_median", "median"),
    ("is_excluded", "excluded"),
)


def _cell_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _write_row(sheet, row: int, values: list) -> None:
    # cell by cell: reading a row back (`sheet[n]`) scans every cell of the sheet, quadratic in
    # the rows (a national quarter's 97 104 component rows never finished)
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=_cell_value(value))
        if isinstance(cell.value, str):
            # openpyxl takes a string starting with `=` for a formula: data is text, always
            cell.data_type = "s"


def _sheet(book: Workbook, title: str, columns, rows: list[dict], lang: Lang) -> None:
    sheet = book.create_sheet(title)
    # the column's own name under the reader's heading: two columns may share a heading
    _write_row(sheet, 1, [f"{label(heading, lang)} ({name})" for name, heading in columns])
    for number, row in enumerate(rows, start=2):
        _write_row(sheet, number, [row.get(name) for name, _ in columns])
    sheet.freeze_panes = "A2"
    for i, (name, _) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = 40 if name == "opd_name" else 16


def write_workbook(path: Path, data: ReportData, component_names: list[str], lang: Lang) -> None:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, label("sheet_ranking", lang), RANKING_COLUMNS, data.ranking, lang)
    order = {name: i for i, name in enumerate(component_names)}
    components = [
        {**c, "component_label": code_label("component", c["component"], lang)}
        for c in sorted(data.components, key=lambda c: (c["opd_code"], order[c["component"]]))
    ]
    _sheet(book, label("sheet_components", lang), COMPONENT_COLUMNS, components, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
