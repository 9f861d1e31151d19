"""Dagster's SQLite storage without a checkpoint per event.

Dagster's SQLite storages open a connection for every event they write and close it afterwards
(SQLAlchemy's NullPool). In WAL mode, closing the last connection to a database file checkpoints
the log into the file and waits for the disk: about 10 ms per event here, where the write itself
takes 0.15 ms, and a city run writes a few thousand events. While one more connection to the file
stays open, closing the others is not the last close and checkpoints nothing; SQLite still
checkpoints on its own every thousand pages, so the log does not grow without bound.

The event log also keeps its SQLAlchemy engines (`SqliteStorageKeepingEngines`): Dagster's builds
an engine for every event it writes, and a city run writes about 700 events: 2.3 s of CPU went to
writing them, 0.9 s with the engines kept.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage, _event_logs_directory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import Pool

# Run shards whose engines stay open besides the index's: a process writes one run at a time,
# and a long-lived reader must not hold a file open for every run it has read.
KEPT_RUN_ENGINES = 4

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


class SqliteEventLogStorageKeepingEngines(SqliteEventLogStorage):
    """Dagster's SQLite event log (the same files, the same schema) with one engine per shard
    kept for the next event, instead of one engine built and disposed per event."""

    def __init__(self, base_dir: str, inst_data=None) -> None:
        super().__init__(base_dir, inst_data)
        self._engines: OrderedDict[str, Engine] = OrderedDict()

    def _engine(self, shard: str) -> Engine:
        engine = self._engines.get(shard)
        if engine is not None:
            self._engines.move_to_end(shard)
            return engine
        engine = create_engine(
            self.conn_string_for_shard(shard),
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
        )
        if shard not in self._initialized_dbs:
            self._initdb(engine)
            self._initialized_dbs.add(shard)
        self._engines[shard] = engine
        runs = [kept for kept in self._engines if kept != INDEX_SHARD_NAME]
        for oldest in runs[: max(0, len(runs) - KEPT_RUN_ENGINES)]:
            self._engines.pop(oldest).dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock, self._engine(shard).connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()
        super().dispose()


class SqliteStorageKeepingEngines(DagsterSqliteStorage):
    """Dagster's default SQLite storage of an instance directory, its event log keeping engines:
    what `rapor` runs use (rapor/runner.py); `dagster dev` on the same directory reads the same
    files through the default."""

    def __init__(self, base_dir: str, inst_data=None) -> None:
        super().__init__(base_dir, inst_data)
        self._event_log_storage = SqliteEventLogStorageKeepingEngines(
            _event_logs_directory(base_dir)
        )

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> SqliteStorageKeepingEngines:
        return cls.from_local(inst_data=inst_data, **config_value)
