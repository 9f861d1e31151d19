"""The number convention of each column of a file: English `1,234,567.89` or Indonesian
`1.234.567,89`, decided from the column's own values (docs/inputs.md#values).

A value such as `1.234` or `1,234` reads either way; it follows the convention the other values of
its column show. A column showing both conventions, or only values that read either way, is an
error naming the column: never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb

from core.findings import Finding, shown_value
from core.sql import quote_ident
from ingest.values import Convention


@dataclass(frozen=True)
class ColumnConvention:
    column: str
    convention: Convention | None  # None: the column cannot be read
    finding: Finding | None = None


def decide_conventions(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    finding: Callable[..., Finding],
) -> dict[str, ColumnConvention]:
    """One scan of `table` for every number column: what conventions its values show."""
    if not columns:
        return {}
    parts = []
    for index, column in enumerate(columns):
        kind = f"rapor_number_kind_fast({quote_ident(column)})"
        for name in ("en", "id", "ambiguous"):
            parts.append(
                f"arg_min({{'line': _line, 'sheet': _sheet, 'value': {quote_ident(column)}}}, "
                f"_line) filter (where {kind} = '{name}') as c{index}_{name}"
            )
    row = con.execute(f"select {', '.join(parts)} from {table}").fetchone()
    decided = {}
    for index, column in enumerate(columns):
        en, id_, ambiguous = row[3 * index : 3 * index + 3]
        if en and id_:
            first = min((en, id_), key=lambda seen: seen["line"])
            decided[column] = ColumnConvention(
                column,
                None,
                finding(
                    "number_convention_mixed",
                    sheet=first["sheet"],
                    line=first["line"],
                    column=column,
                    value=shown_value(first["value"]),
                    example_id=shown_value(id_["value"]),
                    example_en=shown_value(en["value"]),
                ),
            )
        elif ambiguous and not (en or id_):
            decided[column] = ColumnConvention(
                column,
                None,
                finding(
                    "number_convention_undecided",
                    sheet=ambiguous["sheet"],
                    line=ambiguous["line"],
                    column=column,
                    value=shown_value(ambiguous["value"]),
                    example=shown_value(ambiguous["value"]),
                ),
            )
        else:
            decided[column] = ColumnConvention(column, "id" if id_ else "en")
    return decided
