"""A Python process with dbt imported, started when a run begins, for the run's dbt commands:
dbt's imports (about 2 s of a city build's 10) are done while Dagster starts and the ingest and the
checks run.

`standing_by()` starts `python -m core.dbt_standby SOCKET` and names the socket in
`RAPOR_DBT_STANDBY`. Dagster's dbt step runs `rapor-dbt` (`client`) where it would run `dbt`:
the client hands its arguments, working folder, environment and standard streams to the standby,
which forks a process of its own for the command (dbt already imported) and runs it there as the
`dbt` executable would; the client passes on the exit status once that process has ended
(dbt-duckdb releases the warehouse only then). `rapor-dbt --python MODULE ARGS…` runs
`python -m MODULE ARGS…` so (the earlier quarters' builds, orchestration/earlier_indexes.py).
With no standby (`dagster dev`, a schedule) or none reachable, `rapor-dbt` is `dbt` itself (or
that Python). SIGINT and SIGTERM sent to the client go on to the command's process (dagster-dbt
stops dbt with SIGINT). Only the standard library at the top: the client starts in 50 ms.
"""

from __future__ import annotations

import json
import os
import runpy
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing import resource_tracker
from pathlib import Path

from core.environment import environment

SOCKET_VARIABLE = "RAPOR_DBT_STANDBY"
CLIENT_NAME = "rapor-dbt"
PYTHON_OPTION = "--python"
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


def _installed_client() -> Path | None:
    """The `rapor-dbt` installed beside this Python, if it is."""
    beside = Path(sys.executable).parent / CLIENT_NAME
    return beside if beside.exists() else None


def _python_module(module: str, args: list[str]) -> list[str]:
    return [sys.executable, "-m", module, *args]


def client_executable() -> str:
    """The `rapor-dbt` installed beside this Python, else dbt itself."""
    from core.dbt_project import dbt_executable

    installed = _installed_client()
    return str(installed) if installed else dbt_executable()


def python_module_command(module: str, *args: str) -> list[str]:
    """`python -m module args…`, run by the standby when there is one."""
    installed = _installed_client()
    if installed:
        return [str(installed), PYTHON_OPTION, module, *args]
    return _python_module(module, list(args))


@contextmanager
def standing_by() -> Iterator[None]:
    """A standby process for the dbt commands run inside this block, stopped with the block."""
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
    """`rapor-dbt ARGS…`: `dbt ARGS…` (`rapor-dbt --python MODULE ARGS…`: `python -m MODULE
    ARGS…`), run by the standby process when there is one."""
    argv, module = sys.argv[1:], None
    if argv[:1] == [PYTHON_OPTION] and len(argv) > 1:
        module, argv = argv[1], argv[2:]
    # from the start, so that no signal is lost while the standby is still importing dbt
    signals = _SignalsToCommand()
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(os.environ.get(SOCKET_VARIABLE) or "")
    except OSError:
        connection.close()
        if module:
            os.execv(sys.executable, _python_module(module, argv))
        from core.dbt_project import dbt_executable

        executable = dbt_executable()
        os.execv(executable, [executable, *argv])
    request = json.dumps(
        {"module": module, "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
    ).encode()
    socket.send_fds(connection, [LENGTH.pack(len(request)) + request], list(STREAMS))
    sys.exit(_wait_for_command(connection.makefile("r", encoding="utf-8"), signals))


class _SignalsToCommand:
    """SIGINT and SIGTERM received by the client, sent on to the command's process once known."""

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


def _wait_for_command(replies, signals: _SignalsToCommand) -> int:
    """The command's exit status, once its process has ended."""
    status = 1
    ended = None
    for line in replies:
        word, value = line.split()
        if word == "pid":
            ended = os.pidfd_open(int(value))
            signals.known(int(value))
        elif word == "exit":
            status = int(value)
    if ended is None:
        print(f"{CLIENT_NAME}: the standby process ended before the command ran", file=sys.stderr)
        return 1
    select.select([ended], [], [])
    return status


def _serve(path: str) -> None:
    """Import dbt, then serve each client in a process forked from this one, until the parent
    stops this process or goes."""
    parent = os.getppid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    for module in BUILD_IMPORTS:
        __import__(module)
    # started now, with this process's streams: it warns on the semaphores dbt's pool leaves at
    # `os._exit` (and unlinks them), which must not land in dbt's event stream
    resource_tracker.ensure_running()
    # reaped as they end, so that their CPU time counts as this process's children's
    signal.signal(signal.SIGCHLD, _reap_commands)
    listener.settimeout(PARENT_POLL_SECONDS)
    while os.getppid() == parent:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        # forked with no thread running: dbt's imports start none
        if os.fork() == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            listener.close()
            _run_command(connection)
        connection.close()


def _reap_commands(_signum: int, _frame) -> None:
    with suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _run_command(connection: socket.socket) -> None:
    """The client's command, in this process, which then ends with the command's status."""
    connection.settimeout(None)
    request = _receive(connection)
    connection.sendall(f"pid {os.getpid()}\n".encode())
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    if request["module"]:
        status = _exit_status(_run_module, request["module"], request["argv"])
    else:
        status = _exit_status(_run_dbt, request["argv"])
    _release_warehouse()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    connection.sendall(f"exit {status}\n".encode())
    # the command has written all it writes: the interpreter's teardown of dbt's objects (0.5 s)
    # is skipped; the connection closes as the process ends, which the client waits for
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


def _run_dbt(argv: list[str]) -> None:
    """What the `dbt` executable does with `argv`."""
    from dbt.cli.main import cli

    sys.argv = ["dbt", *argv]
    cli.main(args=argv, prog_name="dbt")


def _run_module(module: str, argv: list[str]) -> None:
    """What `python -m module argv…` does."""
    sys.argv = [module, *argv]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


def _exit_status(command, *args) -> int:
    """The exit status `command(*args)` gives, as a `python` or `dbt` process would end."""
    try:
        command(*args)
    except SystemExit as exit_:
        code = exit_.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except Exception:
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    _serve(sys.argv[1])
