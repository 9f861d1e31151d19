"""How each column type is stored in DuckDB and parsed from text, as SQL over the raw text column.

Values are read as text and converted in SQL so that a rejected value can be reported with its line
and the whole file never has to pass through Python.
"""

from __future__ import annotations

from ingest.contract import ColumnType

STORAGE_TYPE: dict[ColumnType, str] = {
    "str": "varchar",
    "int": "integer",
    "money": "decimal(20, 2)",
    "num": "decimal(24, 6)",
    "pct": "decimal(12, 4)",
    "month": "tinyint",
    "quarter": "tinyint",
    "date": "date",
    "ts": "timestamp",
}

# The range every value of a type must fall in, with the rule name reported when it does not.
RANGE: dict[ColumnType, tuple[str, str]] = {
    "month": ("{v} between 1 and 12", "month_out_of_range"),
    "quarter": ("{v} between 1 and 4", "quarter_out_of_range"),
    "pct": ("{v} between 0 and 100", "pct_out_of_range"),
}


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def text_sql(ident: str) -> str:
    """The trimmed text of a cell, null when empty."""
    return f"nullif(trim({ident}), '')"


def parse_sql(column_type: ColumnType, ident: str) -> str:
    """SQL turning the text column `ident` into the stored type; null where it cannot be parsed."""
    text = text_sql(ident)
    if column_type == "str":
        return text
    if column_type == "date":
        return f"try_strptime({text}, '%Y-%m-%d')::date"
    if column_type == "ts":
        return (
            f"coalesce(try_strptime({text}, '%Y-%m-%d %H:%M:%S'), "
            f"try_strptime({text}, '%Y-%m-%d %H:%M'))"
        )
    return f"try_cast({text} as {STORAGE_TYPE[column_type]})"
