"""What `rapor run` tells the person at the terminal, and what it leaves behind (issue: every
failure says why; interruptions and collisions leave nothing behind): a line per stage, the cause
of a run that did not publish, SIGINT and SIGTERM at two points of a run, two runs of one home at
once, and the history of the quarter's quality reports."""

from __future__ import annotations

import fcntl
import hashlib
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.inbox_builder import opd_row, write_rows

# whole pipeline runs: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
OPDS = ["K1", "K2", "K3", "K4"]
QUARTER = "2025-Q2"
# Where a run is interrupted: the first Great Expectations check, and dbt's build.
POINTS = {
    "checks": 'Started execution of step "raw__anggaran_anggaran_expectations"',
    "dbt": 'Started execution of step "rapor_dbt_models"',
}
EXIT_BUSY = 3


def _scores(scores: list[int]) -> list[dict]:
    return [
        {"year": 2025, "quarter": 2, "opd_code": code, "component": "nilai", "score": score}
        for code, score in zip(OPDS, scores, strict=True)
    ]


def _command(inbox: Path, home: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "rapor.cli", "run", "--inbox", str(inbox)]
    command += ["--quarter", QUARTER, "--home", str(home), "--scheme", str(SCHEME)]
    return [*command, "--lang", "en", *extra]


def _start(inbox: Path, home: Path, *extra: str) -> subprocess.Popen:
    # a session of its own: the test can tell every process the run started
    return subprocess.Popen(
        _command(inbox, home, *extra),
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(inbox: Path, home: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(inbox, home, *extra), capture_output=True, text=True, timeout=600
    )


def _published_sha(home: Path) -> str:
    return hashlib.sha256((home / "published" / "rapor.duckdb").read_bytes()).hexdigest()


def _newest_log(home: Path) -> Path | None:
    logs = sorted((home / "logs").glob("*.log"), key=lambda p: p.stat().st_mtime)
    return logs[-1] if logs else None


def _wait_for_log(home: Path, before: Path | None, marker: str, process) -> None:
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        log = _newest_log(home)
        if log and log != before and marker in log.read_text(errors="replace"):
            return
        time.sleep(0.02)
    pytest.fail(f"the run never reached {marker!r}")


def _alive_in_session(session: int) -> list[str]:
    """Processes of the session that are still running (zombies are dead already)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields after the name: state, ppid, pgrp, session
        if int(fields[3]) == session and fields[0] != "Z":
            alive.append(stat.parent.name)
    return alive


def _lock_is_free(home: Path) -> bool:
    with (home / ".lock").open("r+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return handle.read() == ""


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("terminal")
    inbox, home = root / "inbox", root / "home"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in OPDS])
    write_rows(inbox, "komponen", "nilai.csv", _scores([80, 70, 60, 50]))
    first = _run(inbox, home)
    assert first.returncode == 0, first.stderr
    return inbox, home, first


def test_a_run_prints_one_line_per_stage_and_no_colour(published):
    _inbox, home, first = published
    stages = [line.split()[0] for line in first.stdout.splitlines() if line.strip()]
    assert stages[:5] == ["ingest", "checks", "build", "publish", "report"]
    assert re.search(r"^ingest\s+\d+\.\ds\s+2 file\(s\) \(2 loaded", first.stdout, re.M)
    assert re.search(r"^publish\s+\d+\.\ds\s+published v1$", first.stdout, re.M)
    assert f"{QUARTER}: published (publication version 1)" in first.stdout
    assert first.stderr == ""
    log = _newest_log(home).read_text(encoding="utf-8")
    assert "\x1b[" not in log, "the log is plain text"


def test_a_missing_inbox_is_named_on_the_terminal_and_in_the_report(published, tmp_path):
    _inbox, home, _first = published
    missing = tmp_path / "does-not-exist"
    result = _run(missing, home, "--quiet")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "the inbox folder does not exist [inbox_missing]" in result.stderr
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr and "dagster" not in result.stderr.lower()
    run_report = re.search(r"quality report: (\S+)", result.stderr)[1]
    page = Path(run_report).read_text(encoding="utf-8")
    assert "Every rule passed" not in page and "inbox_missing" in page


def test_a_bi_tool_holding_the_publication_is_named_with_its_pid(published):
    inbox, home, _first = published
    before = _published_sha(home)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True);"
            " time.sleep(600)",
            str(home / "published" / "rapor.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = _run(inbox, home, "--quiet")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert f"held open for writing by process PID {holder.pid} (a Python program" in result.stderr
    assert "Error occurred while executing op" not in result.stderr
    assert _published_sha(home) == before


def test_each_attempt_keeps_its_report_and_the_quarter_shows_the_one_in_force(published):
    _inbox, home, _first = published
    folder = home / "reports" / QUARTER
    attempts = sorted(p.name for p in (folder / "runs").iterdir())
    assert [name.split("-")[1] for name in attempts] == ["published", "gate_failed", "error"]
    shown = json.loads((folder / "quality.json").read_text(encoding="utf-8"))
    assert shown["status"] == "published", "the report of the publication in force"
    assert [a["status"] for a in shown["later_attempts"]] == ["gate_failed", "error"]
    page = (folder / "quality.html").read_text(encoding="utf-8")
    assert all(a["report"] in page for a in shown["later_attempts"])


@pytest.mark.parametrize(("signum", "point"), [(signal.SIGINT, "checks"), (signal.SIGTERM, "dbt")])
def test_an_interrupted_run_stops_dbt_and_leaves_nothing(published, signum, point):
    inbox, home, _first = published
    before = _published_sha(home)
    # a correction (kept for the runs after): the interrupted run would publish it as version 2
    write_rows(inbox, "komponen", "nilai_koreksi.csv", _scores([80, 70, 65, 50]))
    log_before = _newest_log(home)
    process = _start(inbox, home, "--reason", "koreksi")
    _wait_for_log(home, log_before, POINTS[point], process)
    time.sleep(0.5)
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, stderr
    assert f"{QUARTER}: interrupted, nothing published ({signum.name})" in stderr
    assert "Traceback" not in stderr + stdout
    assert _alive_in_session(process.pid) == [], "no orphan: dbt stopped with the run"
    assert _lock_is_free(home)
    assert not [p for p in home.rglob("*") if ".partial" in p.name]
    assert _published_sha(home) == before


def test_a_second_run_waits_then_refuses_naming_the_first(published):
    inbox, home, _first = published
    log_before = _newest_log(home)
    first = _start(inbox, home, "--reason", "koreksi")
    try:
        _wait_for_log(home, log_before, 'Started execution of step "inbox"', first)
        holder = json.loads((home / ".lock").read_text(encoding="utf-8"))
        assert (holder["pid"], holder["quarter"]) == (first.pid, QUARTER)
        started = time.monotonic()
        refused = _run(inbox, home, "--wait", "2")
        assert time.monotonic() - started >= 2
        assert refused.returncode == EXIT_BUSY
        assert f"PID {first.pid}, quarter {QUARTER}, started {holder['started_at']}" in (
            refused.stderr
        )
        # a run that waits long enough runs after the first one
        waiting = _run(inbox, home, "--wait", "600", "--quiet")
    finally:
        first_out, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, f"the next run after the interruptions succeeds: {first_err}"
    assert f"{QUARTER}: published (publication version 2)" in first_out
    assert waiting.returncode == 0, waiting.stderr
    assert f"{QUARTER}: unchanged (publication version 2)" in waiting.stdout
    # no new file: the run says what the quarter was rebuilt from
    rebuilt = "nothing new in the inbox; the quarter was rebuilt from files loaded earlier: "
    assert rebuilt in waiting.stdout and "komponen/nilai_koreksi.csv" in waiting.stdout
    assert _lock_is_free(home)


def test_an_inbox_with_only_the_opd_master_names_each_missing_folder_once(tmp_path):
    """The default scheme needs budget, physical progress, indicators and P3DN: with
    only `opd/` in the inbox the cause is one line per folder, never one per agency, and
    nothing is published."""
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    codes = [f"D{i:02}" for i in range(12)]
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in codes])
    command = [sys.executable, "-m", "rapor.cli", "run", "--inbox", str(inbox), "--home"]
    result = subprocess.run(
        [*command, str(home), "--quarter", "2025-Q1", "--lang", "en", "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 2, result.stderr
    missing = re.findall(r"the folder (\S+/) is missing or empty", result.stderr)
    assert missing == ["anggaran/", "fisik/", "indikator/", "p3dn/"], result.stderr
    assert not any(code in result.stderr for code in codes), "no line per agency"
    assert "Traceback" not in result.stderr
    assert not (home / "published" / "rapor.duckdb").exists()
