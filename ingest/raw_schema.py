"""The `raw` schema: one table per dataset of the input contract, with the provenance of every
row, the bookkeeping of the files received, and one view per dataset of its current rows."""

from __future__ import annotations

import duckdb

from core.contract import (
    CURRENT_ROWS_SCHEMA,
    DATASETS,
    LOADED_ROWS_SCHEMA,
    STORAGE_TYPE,
    Dataset,
)
from core.findings import FINDING_DDL
from core.sql import quote_ident

PROVENANCE_COLUMNS = {
    "_file_sha256": "varchar",
    "_file_name": "varchar",
    "_sheet": "varchar",
    "_line": "bigint",
    "_load_id": "varchar",
}

BOOKKEEPING_DDL = f"""
create schema if not exists raw;
create table if not exists raw.ingested_files (
    file_sha256 varchar primary key,
    dataset varchar not null,
    file_name varchar not null,
    archived_path varchar,
    archive_sha256 varchar,
    load_id varchar not null,
    loaded_at timestamp not null,
    status varchar not null,
    rows_loaded bigint not null
);
create table if not exists raw.file_periods (
    file_sha256 varchar not null,
    dataset varchar not null,
    year integer not null,
    period integer not null,
    superseded_by varchar
);
create table if not exists raw.ingest_findings (
    load_id varchar not null,
    {FINDING_DDL}
);
"""


def dataset_ddl(dataset: Dataset) -> str:
    columns = [f"{quote_ident(c.name)} {STORAGE_TYPE[c.type]}" for c in dataset.columns]
    columns += [f"{name} {kind}" for name, kind in PROVENANCE_COLUMNS.items()]
    return (
        f"create table if not exists raw.{dataset.name} (\n    " + ",\n    ".join(columns) + "\n);"
    )


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The raw tables, the views of their current rows and of every row loaded."""
    con.execute(BOOKKEEPING_DDL)
    con.execute(f"create schema if not exists {CURRENT_ROWS_SCHEMA}")
    con.execute(f"create schema if not exists {LOADED_ROWS_SCHEMA}")
    for dataset in DATASETS.values():
        con.execute(dataset_ddl(dataset))
        con.execute(dataset.current_rows_sql())
        con.execute(dataset.loaded_rows_sql())
