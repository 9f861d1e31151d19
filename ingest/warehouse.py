"""The working warehouse: one DuckDB file, opened briefly by one writer at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ingest.contract import DATASETS, Dataset
from ingest.values import STORAGE_TYPE, quote_ident
from rapor.quarters import Quarter

PROVENANCE_COLUMNS = {
    "_file_sha256": "varchar",
    "_file_name": "varchar",
    "_sheet": "varchar",
    "_line": "bigint",
    "_load_id": "varchar",
}

# The columns of a located finding (`ingest.findings.Finding`), shared by ingest and quality tables.
FINDING_COLUMNS = """severity varchar not null,
    rule varchar not null,
    message varchar not null,
    file_name varchar not null,
    dataset varchar,
    sheet varchar,
    line bigint,
    "column" varchar,
    value varchar,
    file_sha256 varchar"""

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
    {FINDING_COLUMNS}
);
"""


# DuckDB may use 80% of the machine by default; a national inbox would then sit in memory. With a
# limit it spills what does not fit (a whole file staged for checking, large sorts) to disk.
DEFAULT_MEMORY_LIMIT = "2GB"


def memory_settings(path: Path) -> dict[str, str]:
    return {
        "memory_limit": os.environ.get("RAPOR_DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT),
        "temp_directory": str(path.parent / "spill"),
    }


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection: DuckDB allows one writing process per file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only, config=memory_settings(path))
    # a long query draws a progress bar on stdout, which the run's log file would collect
    con.execute("set enable_progress_bar = false")
    try:
        yield con
    finally:
        con.close()


def dataset_ddl(dataset: Dataset) -> str:
    columns = [f"{quote_ident(c.name)} {STORAGE_TYPE[c.type]}" for c in dataset.columns]
    columns += [f"{name} {kind}" for name, kind in PROVENANCE_COLUMNS.items()]
    return (
        f"create table if not exists raw.{dataset.name} (\n    " + ",\n    ".join(columns) + "\n);"
    )


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(BOOKKEEPING_DDL)
    for dataset in DATASETS.values():
        con.execute(dataset_ddl(dataset))


BUILD_QUARTER_DDL = """
create or replace table raw.build_quarter (
    quarter_key varchar not null,
    year integer not null,
    quarter integer not null,
    first_day date not null,
    last_day date not null,
    end_exclusive date not null,
    first_month integer not null,
    last_month integer not null
)
"""


def set_build_quarter(con: duckdb.DuckDBPyConnection, quarter: Quarter) -> None:
    """Point the dbt models at `quarter` (they read it from this one-row table)."""
    row = quarter.build_row()
    con.execute("create schema if not exists raw")
    con.begin()
    con.execute(BUILD_QUARTER_DDL)
    con.execute(
        f"insert into raw.build_quarter ({', '.join(row)}) values ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    con.commit()


def table_digest(
    con: duckdb.DuckDBPyConnection, relation: str, where: str = "true", params: tuple = ()
) -> str:
    """sha256 of the rows of `relation` that satisfy `where`, in a stable order ('' when none)."""
    return con.execute(
        f"select coalesce(sha256(string_agg(t::varchar, chr(10) order by t::varchar)), '') "
        f"from {relation} as t where {where}",
        list(params),
    ).fetchone()[0]
