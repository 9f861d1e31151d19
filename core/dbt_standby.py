"""A dbt process started when a run begins, waiting for the run's dbt command: dbt's imports
(about 2 s of a city build's 10) are done while Dagster starts and the ingest and the checks run.

`standing_by()` starts `python -m core.dbt_standby SOCKET` and names the socket in
`RAPOR_DBT_STANDBY`. Dagster's dbt step runs `rapor-dbt` (`client`) where it would run `dbt`:
the client hands its arguments, working folder, environment and standard streams to the waiting
process, which runs them as the `dbt` executable would, and passes on dbt's exit status once that
process has ended (dbt-duckdb releases the warehouse only then). One command per standby: the
socket is gone once taken. With no standby (`dagster dev`, a schedule) or none reachable,
`rapor-dbt` is `dbt` itself. SIGINT and SIGTERM sent to the client go on to dbt (dagster-dbt
stops dbt with SIGINT). Only the standard library at the top: the client starts in 50 ms.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing import resource_tracker
from pathlib import Path

from core.environment import environment

SOCKET_VARIABLE = "RAPOR_DBT_STANDBY"
CLIENT_NAME = "rapor-dbt"
# What a dbt build imports, on top of its command line, before its first node (measured).
BUILD_IMPORTS = (
    "dbt.cli.main",
    "dbt.adapters.duckdb",
    "dbt.adapters.duckdb.impl",
    "dbt.task.build",
    "dbt.compilation",
    "duckdb",
    "sqlparse",
    "babel.dates",
)
STREAMS = (0, 1, 2)
LENGTH = struct.Struct("!Q")
PARENT_POLL_SECONDS = 1.0
STOP_SECONDS = 5.0


def client_executable() -> str:
    """The `rapor-dbt` installed beside this Python, else dbt itself."""
    from core.dbt_project import dbt_executable

    beside = Path(sys.executable).parent / CLIENT_NAME
    return str(beside) if beside.exists() else dbt_executable()


@contextmanager
def standing_by() -> Iterator[None]:
    """A standby dbt process for the dbt command run inside this block; stopped if unused."""
    folder = tempfile.mkdtemp(prefix="rapor-dbt-")
    path = os.path.join(folder, "socket")
    process = subprocess.Popen(
        [sys.executable, "-m", "core.dbt_standby", path],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with environment(**{SOCKET_VARIABLE: path}):
            yield
    finally:
        process.terminate()
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def client() -> None:
    """`rapor-dbt ARGS…`: `dbt ARGS…`, run by the standby process when there is one."""
    argv = sys.argv[1:]
    # from the start, so that no signal is lost while the standby is still importing dbt
    dbt = _SignalsToDbt()
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(os.environ.get(SOCKET_VARIABLE) or "")
    except OSError:
        connection.close()
        from core.dbt_project import dbt_executable

        executable = dbt_executable()
        os.execv(executable, [executable, *argv])
    request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
    socket.send_fds(connection, [LENGTH.pack(len(request)) + request], list(STREAMS))
    sys.exit(_wait_for_dbt(connection.makefile("r", encoding="utf-8"), dbt))


class _SignalsToDbt:
    """SIGINT and SIGTERM received by the client, sent on to the dbt process once it is known."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.pending: list[int] = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._received)

    def _received(self, signum: int, _frame) -> None:
        if self.pid is None:
            self.pending.append(signum)
        else:
            self._send(signum)

    def known(self, pid: int) -> None:
        self.pid = pid
        for signum in self.pending:
            self._send(signum)

    def _send(self, signum: int) -> None:
        with suppress(ProcessLookupError):
            os.kill(self.pid, signum)


def _wait_for_dbt(replies, dbt: _SignalsToDbt) -> int:
    """dbt's exit status, once its process has ended."""
    status = 1
    ended = None
    for line in replies:
        word, value = line.split()
        if word == "pid":
            ended = os.pidfd_open(int(value))
            dbt.known(int(value))
        elif word == "exit":
            status = int(value)
    if ended is None:
        print(f"{CLIENT_NAME}: the standby dbt process ended before dbt ran", file=sys.stderr)
        return 1
    select.select([ended], [], [])
    return status


def _serve(path: str) -> None:
    """Wait for one client (or for the parent to go), then run its dbt command in this process."""
    parent = os.getppid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    for module in BUILD_IMPORTS:
        __import__(module)
    # started now, with this process's streams: it warns on the semaphores dbt's pool leaves at
    # `os._exit` (and unlinks them), which must not land in dbt's event stream
    resource_tracker.ensure_running()
    listener.settimeout(PARENT_POLL_SECONDS)
    while True:
        try:
            connection, _ = listener.accept()
            break
        except TimeoutError:
            if os.getppid() != parent:
                return
    listener.close()
    os.unlink(path)
    connection.settimeout(None)
    request = _receive(connection)
    connection.sendall(f"pid {os.getpid()}\n".encode())
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    status = _run_dbt(request["argv"])
    _release_warehouse()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    connection.sendall(f"exit {status}\n".encode())
    # dbt has written all it writes: the interpreter's teardown of its objects (0.5 s) is skipped;
    # the connection closes as the process ends, which the client waits for
    os._exit(status)


def _release_warehouse() -> None:
    """Close dbt-duckdb's database, checkpointed, as its exit handler would have."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()


def _receive(connection: socket.socket) -> dict:
    """The client's request; its standard streams become this process's."""
    data, fds, _flags, _address = socket.recv_fds(connection, 1 << 16, len(STREAMS))
    for target, fd in zip(STREAMS, fds, strict=True):
        os.dup2(fd, target)
        os.close(fd)
    # the client's PYTHONUNBUFFERED (dagster-dbt reads dbt's events as they come)
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(line_buffering=True, write_through=True)
    (length,) = LENGTH.unpack(data[: LENGTH.size])
    body = data[LENGTH.size :]
    while len(body) < length:
        chunk = connection.recv(length - len(body))
        if not chunk:
            raise ConnectionError("the dbt client went away before its request was read")
        body += chunk
    return json.loads(body)


def _run_dbt(argv: list[str]) -> int:
    """What the `dbt` executable does with `argv`, as an exit status."""
    from dbt.cli.main import cli

    sys.argv = ["dbt", *argv]
    try:
        cli.main(args=argv, prog_name="dbt")
    except SystemExit as exit_:
        code = exit_.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    _serve(sys.argv[1])
