"""`rapor verify` never calls a reproduction on other code or packages plainly identical.

(The rebuilds themselves are in tests/test_trace.py, on its published region.)"""

from __future__ import annotations

from core.version import git_state
from publication.manifest import installed_packages
from rapor.verify import EXIT_DIFFERENT, EXIT_IDENTICAL, Verification, _drift


def _manifest(commit: str | None, dirty: bool, packages: dict[str, str]) -> dict:
    return {"code": {"git_commit": commit, "git_dirty": dirty}, "packages": packages}


def test_the_same_code_and_packages_is_no_drift():
    commit, dirty = git_state()
    assert _drift(_manifest(commit, dirty, installed_packages())) == []


def test_other_code_and_packages_are_named_and_said_in_the_verdict():
    commit, dirty = git_state()
    packages = {**installed_packages(), "duckdb": "0.0.1", "gone-package": "1.0"}
    drift = _drift(_manifest("0" * 40, dirty, packages))
    assert drift[0] == f"code differs: published with {'0' * 40}{'+dirty' if dirty else ''}, " + (
        f"rebuilt with {commit}{'+dirty' if dirty else ''}"
    )
    running = installed_packages()["duckdb"]
    assert drift[1] == f"packages differ: duckdb 0.0.1 → {running}, gone-package 1.0 → –"
    result = Verification("2024-Q1", 1, tables=10, rows=99, drift=drift)
    assert result.exit_code == EXIT_IDENTICAL
    assert result.describe().splitlines()[0] == (
        "2024-Q1 version 1: identical on different code (10 tables, 99 rows)"
    )


def test_a_difference_exits_3_and_is_listed():
    result = Verification("2024-Q1", 2, differences=["archive file missing: x (anggaran/a.csv)"])
    assert result.exit_code == EXIT_DIFFERENT == 3
    assert result.describe() == (
        "2024-Q1 version 2: NOT reproduced\n  archive file missing: x (anggaran/a.csv)"
    )
