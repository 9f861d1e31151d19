"""Dagster's SQLite storage without a checkpoint per event.

Dagster's SQLite storages open a connection for every event they write and close it afterwards
(SQLAlchemy's NullPool). In WAL mode, closing the last connection to a database file checkpoints
the log into the file and waits for the disk: about 10 ms per event here, where the write itself
takes 0.15 ms, and a city run writes a few thousand events. While one more connection to the file
stays open, closing the others is not the last close and checkpoints nothing; SQLite still
checkpoints on its own every thousand pages, so the log does not grow without bound."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.pool import Pool

_lock = threading.Lock()
_kept_open: dict[str, sqlite3.Connection] | None = None


@event.listens_for(Pool, "checkin")
def _keep_the_file_open(dbapi_connection, _record) -> None:
    """On the way back, before it closes: by then the connection has created the file and
    turned its log on, so the keeper opens a WAL-mode database (one opened on a file not yet
    written to does not count as a connection to its log)."""
    if _kept_open is None or not type(dbapi_connection).__module__.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    files = [row[2] for row in cursor.execute("pragma database_list") if row[1] == "main"]
    cursor.close()
    with _lock:
        for file in files:
            if file and _kept_open is not None and file not in _kept_open:
                keeper = sqlite3.connect(file, check_same_thread=False)
                # a connection counts once it has read the file and opened the log's index
                keeper.execute("pragma journal_mode").fetchall()
                _kept_open[file] = keeper


@contextmanager
def sqlite_files_kept_open() -> Iterator[None]:
    """While inside, every SQLite file Dagster opens keeps one idle connection; all are closed
    on the way out (the one checkpoint of each file)."""
    global _kept_open
    with _lock:
        outermost = _kept_open is None
        if outermost:
            _kept_open = {}
    if not outermost:  # already inside: the outermost one closes them
        yield
        return
    try:
        yield
    finally:
        with _lock:
            keepers, _kept_open = _kept_open, None
        for keeper in keepers.values():
            keeper.close()
