"""DuckDB connections: short-lived, bounded in memory, one writer at a time per file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

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


def table_digest(
    con: duckdb.DuckDBPyConnection, relation: str, where: str = "true", params: tuple = ()
) -> str:
    """sha256 of the rows of `relation` that satisfy `where`, in a stable order ('' when none)."""
    return con.execute(
        f"select coalesce(sha256(string_agg(t::varchar, chr(10) order by t::varchar)), '') "
        f"from {relation} as t where {where}",
        list(params),
    ).fetchone()[0]
