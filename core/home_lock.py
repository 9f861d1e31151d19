"""One refresh of a home at a time: an exclusive `flock` on `<home>/.lock`, which names its holder.

The kernel drops the lock when its process ends, however it ends (even SIGKILL), so a crashed
run never leaves a lock that needs clearing by hand; the file descriptor is not inherited, so a
child process (dbt) never holds it either. The file stays and is emptied on release: removing it
would let a waiting run lock a file nobody else sees.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.home import Home

# How long a run waits for another refresh of the same home before it refuses (`--wait`).
DEFAULT_WAIT_SECONDS = 60.0
# How often a waiting run tries the lock again.
POLL_SECONDS = 0.2
# The homes this process holds the lock of, by lock file.
_HELD: dict[Path, LockHolder] = {}


@dataclass(frozen=True)
class LockHolder:
    """What the running refresh wrote into the lock file (empty fields: not written yet)."""

    pid: int | None = None
    quarter: str = ""
    started_at: str = ""


class HomeBusy(Exception):
    """Another refresh held the home's lock for longer than the run would wait."""

    def __init__(self, holder: LockHolder, waited: float) -> None:
        super().__init__(f"home locked by pid {holder.pid}")
        self.holder = holder
        self.waited = waited


def lock_path(home: Home) -> Path:
    return home.root / ".lock"


def read_holder(home: Home) -> LockHolder:
    try:
        content = json.loads(lock_path(home).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return LockHolder()
    return LockHolder(content.get("pid"), content.get("quarter", ""), content.get("started_at", ""))


@contextmanager
def home_lock(
    home: Home,
    quarter: str,
    wait_seconds: float,
    on_wait: Callable[[LockHolder], None] | None = None,
) -> Iterator[LockHolder]:
    """Hold the home's lock for the block, waiting up to `wait_seconds` for a running refresh
    (`on_wait` is told who it is, once); raises HomeBusy naming it when it still runs by then.
    Within one process the lock is re-entrant: the command line holds it around the Dagster run,
    whose own resource (orchestration.resources.HomeLock) then finds it held already."""
    home.root.mkdir(parents=True, exist_ok=True)
    key = lock_path(home).resolve()
    if key in _HELD:
        yield _HELD[key]
        return
    fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        started = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if on_wait and not told and waited < wait_seconds:
                    on_wait(read_holder(home))
                    told = True
                if waited >= wait_seconds:
                    raise HomeBusy(read_holder(home), waited) from None
                time.sleep(POLL_SECONDS)
        holder = LockHolder(
            os.getpid(), quarter, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder.__dict__).encode(), 0)
        _HELD[key] = holder
        try:
            yield holder
        finally:
            del _HELD[key]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
