"""Write a quarter's scheme into `raw.scheme_*`, where the dbt formulas read it: the tables and
their columns are declared once, in core/scheme_tables.py."""

from __future__ import annotations

import duckdb

from core.quarters import Quarter
from core.scheme import LoadedScheme
from core.scheme_tables import SCHEME_TABLES, SchemeTable

# The scheme file itself, as it was read for the quarter: the publication manifest keeps it.
SCHEME_FILE_DDL = """
create table if not exists raw.scheme_file (
    quarter_key varchar primary key,
    file_name varchar not null,
    scheme_sha256 varchar not null,
    file_text varchar not null
)
"""


def _create(con: duckdb.DuckDBPyConnection, table: SchemeTable) -> None:
    """Create the table. One of an older declaration (a parameter added since) is replaced, the
    other quarters' rows with it: each quarter's build writes its own before anything reads them."""
    declared = [(c.name, c.duckdb_type) for c in table.columns]
    existing = con.execute(
        "select column_name, lower(data_type) from information_schema.columns "
        "where table_schema = 'raw' and table_name = ? order by ordinal_position",
        [table.name],
    ).fetchall()
    if existing and existing != declared:
        con.execute(f"drop table raw.{table.name}")
    columns = ", ".join(
        f"{c.name} {c.duckdb_type}{'' if c.nullable else ' not null'}" for c in table.columns
    )
    con.execute(f"create table if not exists raw.{table.name} ({columns})")


def write_scheme(con: duckdb.DuckDBPyConnection, loaded: LoadedScheme, quarter: Quarter) -> None:
    """Replace the quarter's scheme rows, in one transaction."""
    con.execute("create schema if not exists raw")
    con.begin()
    try:
        for table in SCHEME_TABLES:
            _create(con, table)
            con.execute(f"delete from raw.{table.name} where quarter_key = ?", [quarter.key])
            rows = table.rows_for(loaded, quarter)
            if rows:
                names = [c.name for c in table.columns]
                marks = ", ".join("?" for _ in names)
                con.executemany(
                    f"insert into raw.{table.name} ({', '.join(names)}) values ({marks})",
                    [[row[name] for name in names] for row in rows],
                )
        con.execute(SCHEME_FILE_DDL)
        con.execute(
            "insert or replace into raw.scheme_file values (?, ?, ?, ?)",
            # the bytes as they are (no newline translation): their sha256 is the scheme's
            [quarter.key, loaded.path.name, loaded.sha256, loaded.path.read_bytes().decode()],
        )
        con.commit()
    except Exception:
        con.rollback()
        raise
