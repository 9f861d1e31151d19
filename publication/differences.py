"""What differs between a quarter's publication in force and the quarter just built: per table,
the rows (by their keys) and the columns, so that a refused republication says what changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.sql import quote_ident, sql_literal
from publication.tables import published_table_names

# Keys and columns named per table; the count says how many there are in all.
SHOWN = 5
# The columns that name a row of a published table, besides its quarter.
KEY_NAMES = ("opd_code", "indicator_code", "component", "dataset", "file_name")


@dataclass(frozen=True)
class TableDifference:
    table: str
    rows: int
    keys: tuple[str, ...]
    columns: tuple[str, ...]


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_catalog = ? "
            "and table_schema = 'marts' and table_name = ? order by ordinal_position",
            [catalog, table],
        ).fetchall()
        if row[0] != "publication_version"
    ]


def differences(published_db: Path, warehouse: Path, quarter_key: str) -> list[TableDifference]:
    """Each published table whose rows of the quarter differ between the two databases."""
    found = []
    with duckdb.connect() as con:
        con.execute(f"attach {sql_literal(published_db)} as pub (read_only)")
        con.execute(f"attach {sql_literal(warehouse)} as work (read_only)")
        for table in published_table_names():
            old_columns = _columns(con, "pub", table)
            new_columns = _columns(con, "work", table)
            if not old_columns or not new_columns:
                continue
            difference = _table_difference(con, table, old_columns, new_columns, quarter_key)
            if difference:
                found.append(difference)
    return found


def _table_difference(con, table, old_columns, new_columns, quarter_key):
    common = [c for c in new_columns if c in old_columns]
    keys = [c for c in common if c in KEY_NAMES] or common
    listed = ", ".join(quote_ident(c) for c in common)
    key_list = ", ".join(quote_ident(c) for c in keys)
    old = f"select {listed} from pub.marts.{table} where quarter_key = {sql_literal(quarter_key)}"
    new = f"select {listed} from work.marts.{table} where quarter_key = {sql_literal(quarter_key)}"
    changed_keys = con.execute(
        f"select distinct {key_list} from (({new}) except ({old}) union all "
        f"(({old}) except ({new}))) order by all"
    ).fetchall()
    schema_change = sorted(set(old_columns) ^ set(new_columns))
    if not changed_keys and not schema_change:
        return None
    joined = " and ".join(
        f"n.{quote_ident(k)} is not distinct from o.{quote_ident(k)}" for k in keys
    )
    values = [c for c in common if c not in keys]
    counts = (
        con.execute(
            "select "
            + ", ".join(
                f"count(*) filter (n.{quote_ident(c)} is distinct from o.{quote_ident(c)})"
                for c in values
            )
            + f" from ({new}) as n full join ({old}) as o on {joined}"
        ).fetchone()
        if values
        else ()
    )
    columns = [c for c, count in zip(values, counts, strict=True) if count] + schema_change
    return TableDifference(
        table,
        len(changed_keys),
        tuple("/".join("" if v is None else str(v) for v in key) for key in changed_keys),
        tuple(columns),
    )
