"""The published tables' definitions, written once for the DuckDB publication and PostgreSQL:
columns and types as DuckDB holds them, the primary key on the table's grain, `not null` and the
column descriptions from the dbt project (`publication/tables.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from publication.tables import PublishedTable, published_tables

VERSION_COLUMN = "publication_version"
VERSION_DESCRIPTION = "Publication version of the quarter that wrote this row (from 1)."
LOG_TABLE = "publication_log"
# (name, DuckDB type, not null, description): the log is written by the publication step itself
LOG_COLUMNS = (
    ("quarter_key", "VARCHAR", True, "Quarter published, written `2024-Q3`."),
    (VERSION_COLUMN, "INTEGER", True, "Version of the quarter this publication wrote (from 1)."),
    ("published_at", "TIMESTAMP", True, "When it was published (UTC)."),
    ("scheme_name", "VARCHAR", True, "Name of the scheme the quarter was scored with."),
    ("scheme_sha256", "VARCHAR", True, "sha256 of the scheme, as parsed."),
    ("inputs_sha256", "VARCHAR", True, "sha256 of the sorted sha256s of its input files."),
    ("content_sha256", "VARCHAR", True, "sha256 of the quarter's rows in every published table."),
    ("code_version", "VARCHAR", True, "Version of Rapor that built it."),
    ("status", "VARCHAR", True, "published."),
    ("reason", "VARCHAR", False, "Why a quarter already published was republished."),
    (
        "manifest",
        "VARCHAR",
        False,
        "The version's manifest (input files, scheme, code, packages) as JSON.",
    ),
)
_DECIMAL = re.compile(r"^DECIMAL\((\d+),\s*(\d+)\)$")
# DuckDB type → PostgreSQL type: the same values, digit for digit
_POSTGRES_TYPES = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "FLOAT": "real",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Column:
    name: str
    duckdb_type: str
    not_null: bool
    description: str

    @property
    def postgres_type(self) -> str:
        decimal = _DECIMAL.match(self.duckdb_type)
        if decimal:
            return f"numeric({decimal.group(1)},{decimal.group(2)})"
        if self.duckdb_type not in _POSTGRES_TYPES:
            raise ValueError(f"column {self.name}: no PostgreSQL type for {self.duckdb_type}")
        return _POSTGRES_TYPES[self.duckdb_type]


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    duckdb_key: bool = True

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def ddl(self, schema: str, dialect: str) -> list[str]:
        """`create table` and its comments, for `duckdb` or `postgres`; the primary key in
        PostgreSQL always, in DuckDB unless the model's meta says `duckdb_primary_key: false`."""
        lines = []
        for column in self.columns:
            kind = column.duckdb_type if dialect == "duckdb" else column.postgres_type
            lines.append(f"{_quote(column.name)} {kind}{' not null' if column.not_null else ''}")
        if dialect == "postgres" or self.duckdb_key:
            lines.append(f"primary key ({', '.join(_quote(c) for c in self.key)})")
        table = f"{schema}.{_quote(self.name)}"
        statements = [f"create table {table} (\n    " + ",\n    ".join(lines) + "\n)"]
        if self.description:
            statements.append(f"comment on table {table} is {_text(self.description)}")
        statements += [
            f"comment on column {table}.{_quote(c.name)} is {_text(c.description)}"
            for c in self.columns
            if c.description
        ]
        return statements


def _schema_of(table: PublishedTable, types: dict[str, str], history: bool) -> TableSchema:
    if not table.grain:
        raise ValueError(
            f"published table {table.name} declares no grain: give its blocking "
            "column_values test the `unique` columns (its primary key)"
        )
    described = {column.name: column.description for column in table.columns}
    key = set(table.grain)
    columns = [
        Column(name, kind, name in table.not_null or name in key, described.get(name, ""))
        for name, kind in types.items()
        if name != VERSION_COLUMN
    ]
    columns.append(Column(VERSION_COLUMN, "INTEGER", True, VERSION_DESCRIPTION))
    grain = (*table.grain, VERSION_COLUMN) if history else table.grain
    return TableSchema(
        table.name, table.description, tuple(columns), grain, table.duckdb_primary_key
    )


def column_types(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> dict:
    """{table: {column: DuckDB type}} of the tables of `catalog.schema`, in column order."""
    rows = con.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = ? order by table_name, column_index",
        [catalog, schema],
    ).fetchall()
    found: dict[str, dict[str, str]] = {}
    for table, column, kind in rows:
        found.setdefault(table, {})[column] = kind
    return found


def log_schema() -> TableSchema:
    columns = tuple(Column(*column) for column in LOG_COLUMNS)
    return TableSchema(
        LOG_TABLE,
        "One row per publication of a quarter.",
        columns,
        ("quarter_key", VERSION_COLUMN),
    )


def published_schemas(
    con: duckdb.DuckDBPyConnection, catalog: str, schema: str, history: bool
) -> tuple[TableSchema, ...]:
    """The schemas of the published tables whose columns and types `catalog.schema` holds (the
    working warehouse's marts, or a publication's marts or history)."""
    types = column_types(con, catalog, schema)
    return tuple(
        _schema_of(table, types[table.name], history)
        for table in published_tables()
        if table.name in types
    )
