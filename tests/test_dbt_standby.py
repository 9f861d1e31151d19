"""The dbt step's standby process (core/dbt_standby.py): `rapor-dbt` behaves as `dbt` does, and
`rapor-dbt --python MODULE` as `python -m MODULE`, with a standby process (the run's) or without
one (`dagster dev`, a schedule). The runs of the other tests go through it end to end; an
interrupted one stops it (test_run_terminal)."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from core.dbt_project import dbt_executable
from core.dbt_standby import (
    SOCKET_VARIABLE,
    client_executable,
    python_module_command,
    standing_by,
)

PROFILES = "/somewhere/profiles"
# dbt's part in the stand-in: it ends with status 3 on SIGINT
SLEEPER = """
import time
try:
    print("ready", flush=True)
    time.sleep(60)
except KeyboardInterrupt:
    exit(3)
"""


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != SOCKET_VARIABLE}
    return {**env, "DBT_PROFILES_DIR": PROFILES, **extra}


def _client(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [client_executable(), *args], capture_output=True, text=True, env=env, timeout=120
    )


def _listening(path: str) -> None:
    deadline = time.monotonic() + 30
    while not os.path.exists(path):
        assert time.monotonic() < deadline, "the standby never listened"
        time.sleep(0.01)


def test_the_client_is_installed_beside_python():
    assert Path(client_executable()).name == "rapor-dbt"


def test_without_a_standby_the_client_is_dbt_itself():
    direct = subprocess.run(
        [dbt_executable(), "debug", "--config-dir"],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=120,
    )
    through = _client("debug", "--config-dir", env=_environment())
    assert through.returncode == direct.returncode == 0
    assert PROFILES in through.stdout


def test_the_standby_runs_each_command_with_its_clients_environment_and_streams():
    with standing_by():
        path = os.environ[SOCKET_VARIABLE]
        _listening(path)
        shown = _client("debug", "--config-dir", env=_environment(**{SOCKET_VARIABLE: path}))
        assert shown.returncode == 0, shown.stderr
        assert PROFILES in shown.stdout
        # each command in a process of its own: the first one's environment is gone
        other = _environment(**{SOCKET_VARIABLE: path, "DBT_PROFILES_DIR": "/elsewhere"})
        again = _client("debug", "--config-dir", env=other)
        assert os.path.exists(path)
    assert again.returncode == 0, again.stderr
    assert "/elsewhere" in again.stdout and PROFILES not in again.stdout


def test_the_standby_passes_on_dbts_exit_status_and_error_output():
    with standing_by():
        path = os.environ[SOCKET_VARIABLE]
        _listening(path)
        wrong = _client("no-such-command", env=_environment(**{SOCKET_VARIABLE: path}))
    assert wrong.returncode == 2
    assert "No such command 'no-such-command'" in wrong.stderr


def _probe(status: int, env: dict[str, str]) -> tuple[dict, subprocess.CompletedProcess]:
    """tests/standby_probe.py, run as the earlier quarters' builds are."""
    done = subprocess.run(
        python_module_command("tests.standby_probe", "a b", str(status)),
        capture_output=True,
        text=True,
        env={**env, "PROBE": "seen"},
        cwd=Path(__file__).parent.parent,
        timeout=120,
    )
    return json.loads(done.stdout), done


def test_a_python_module_runs_in_a_process_of_the_standby_with_dbt_imported():
    with standing_by():
        path = os.environ[SOCKET_VARIABLE]
        _listening(path)
        (standby,) = [pid for pid in _children() if "core.dbt_standby" in _command_line(pid)]
        seen, done = _probe(4, _environment(**{SOCKET_VARIABLE: path}))
    assert done.returncode == 4
    assert done.stderr == "to stderr\n"
    assert seen == {"argv": ["a b", "4"], "parent": standby, "dbt_imported": True, "probe": "seen"}


def test_the_cpu_time_of_a_command_counts_as_the_runs():
    """The standby reaps each command's process, so its CPU reaches the run's children's time
    (what the benchmark reports): 3 s spent, beyond the standby's own imports."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with standing_by():
        path = os.environ[SOCKET_VARIABLE]
        _listening(path)
        _probe(0, _environment(**{SOCKET_VARIABLE: path, "BURN": "3"}))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    assert spent >= 3.0


def test_without_a_standby_a_python_module_runs_in_a_python_of_its_own():
    seen, done = _probe(0, _environment())
    assert done.returncode == 0
    assert seen == {
        "argv": ["a b", "0"],
        "parent": os.getpid(),
        "dbt_imported": False,
        "probe": "seen",
    }


def test_an_unused_standby_is_stopped_with_its_block():
    with standing_by():
        path = os.environ[SOCKET_VARIABLE]
        _listening(path)
        folder = Path(path).parent
    assert SOCKET_VARIABLE not in os.environ
    assert not folder.exists()
    assert not [pid for pid in _children() if "core.dbt_standby" in _command_line(pid)]


def test_a_signal_to_the_client_reaches_dbt_and_dbts_status_is_returned(tmp_path):
    """A stand-in standby: it names a sleeping process as dbt's, then the status dbt gave."""
    path = str(tmp_path / "socket")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    sleeper = subprocess.Popen([sys.executable, "-c", SLEEPER], stdout=subprocess.PIPE, text=True)
    assert sleeper.stdout.readline() == "ready\n"
    client = subprocess.Popen(
        [client_executable(), "build"], env=_environment(**{SOCKET_VARIABLE: path})
    )
    connection, _ = listener.accept()
    socket.recv_fds(connection, 1 << 16, 3)
    connection.sendall(f"pid {sleeper.pid}\n".encode())
    client.send_signal(signal.SIGINT)
    assert sleeper.wait(30) == 3, "dbt got the client's SIGINT"
    connection.sendall(b"exit 2\n")
    connection.close()
    listener.close()
    assert client.wait(30) == 2


def _children() -> list[int]:
    from rapor.runner import children_of

    return children_of(os.getpid())


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
