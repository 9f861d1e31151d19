"""`raw.build_quarter`: the one row from which the dbt models read the quarter they build."""

from __future__ import annotations

import duckdb

from core.quarters import Quarter

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
    """Point the dbt models at `quarter`."""
    row = quarter.build_row()
    con.execute("create schema if not exists raw")
    con.begin()
    con.execute(BUILD_QUARTER_DDL)
    con.execute(
        f"insert into raw.build_quarter ({', '.join(row)}) values ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    con.commit()
