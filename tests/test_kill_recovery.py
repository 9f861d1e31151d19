"""A run killed at any moment (SIGKILL to the run and its dbt child) leaves the last publication
intact and readable, and the next run succeeds without manual clean-up (issue: quality gate and
publication, write–audit–publish)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.inbox_builder import opd_row, write_rows

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
OPDS = ["K1", "K2", "K3", "K4"]
# Points of a run, as shares of a whole run's duration, at which it is killed: during the checks,
# and late in dbt; the publication itself is killed at the delays below. Two shares, not four:
# each costs most of a run, and the suite has 15 minutes.
KILL_SHARES = (0.3, 0.75)
# Delays after the publish step starts, to kill inside the swap itself.
PUBLISH_DELAYS = (0.0, 0.1)


def _scores(scores: list[int]) -> list[dict]:
    return [
        {"year": 2025, "quarter": 2, "opd_code": code, "component": "nilai", "score": score}
        for code, score in zip(OPDS, scores, strict=True)
    ]


def _start(inbox: Path, home: Path, reason: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "rapor.cli", "run", "--inbox", str(inbox)]
    command += ["--quarter", "2025-Q2", "--home", str(home), "--scheme", str(SCHEME)]
    command += ["--reason", reason]
    # a session of its own, so that the kill reaches dbt's process too, as a crash would
    return subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _published(home: Path) -> tuple[str, list[tuple]]:
    """The publication's bytes and what a BI reader sees in it."""
    db = home / "published" / "rapor.duckdb"
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select publication_version, count(*), sum(index_score) "
            "from marts.opd_quarter_ranking group by 1"
        ).fetchall()
    return digest, rows


def _newest_log(home: Path) -> Path | None:
    logs = sorted((home / "logs").glob("*.log"), key=lambda p: p.stat().st_mtime)
    return logs[-1] if logs else None


def _kill_when_publishing(inbox: Path, home: Path, delay: float) -> None:
    before = _newest_log(home)
    process = _start(inbox, home, "koreksi")
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        log = _newest_log(home)
        if log and log != before and 'step "published__quarter"' in log.read_text(errors="replace"):
            time.sleep(delay)
            break
        time.sleep(0.01)
    _kill(process)


@pytest.fixture(scope="module")
def published_once(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    inbox, home = root / "inbox", root / "home"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in OPDS])
    write_rows(inbox, "komponen", "nilai.csv", _scores([80, 70, 60, 50]))
    started = time.monotonic()
    first = _start(inbox, home, "")
    assert first.wait(timeout=600) == 0
    return inbox, home, time.monotonic() - started


def test_a_run_killed_at_any_moment_loses_nothing(published_once):
    inbox, home, duration = published_once
    original = _published(home)
    assert original[1] == [(1, 4, 260)]
    # a correction arrives: each killed run would have published it as version 2
    write_rows(inbox, "komponen", "nilai_koreksi.csv", _scores([80, 70, 65, 50]))
    corrected = None
    for share in KILL_SHARES:
        process = _start(inbox, home, "koreksi")
        time.sleep(share * duration)
        _kill(process)
        corrected = _check_intact(home, original, corrected)
    for delay in PUBLISH_DELAYS:
        _kill_when_publishing(inbox, home, delay)
        corrected = _check_intact(home, original, corrected)

    final = _start(inbox, home, "koreksi")
    assert final.wait(timeout=600) == 0, "the next run succeeds without manual clean-up"
    assert _published(home)[1] == [(2, 4, 265)]
    assert not list((home / "published").glob(".*partial*"))
    parquet = home / "published" / "parquet" / "opd_quarter_ranking" / "quarter_key=2025-Q2"
    assert (parquet / "_version_2").exists()


def _check_intact(home: Path, original: tuple, corrected: tuple | None) -> tuple | None:
    """The publication is exactly the last good one: the original, or a whole version 2."""
    now = _published(home)
    if now == original:
        return corrected
    assert now[1] == [(2, 4, 265)], "only a complete new version may replace the original"
    assert corrected is None or now == corrected
    return now
