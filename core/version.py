"""The code version stored with every publication, so an auditor can rebuild with the same code."""

from __future__ import annotations

import subprocess
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@cache
def git_state() -> tuple[str | None, bool]:
    """The commit of the code and whether its tracked files have changes (None: not a checkout)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None, False
    return commit, bool(dirty)


@cache
def code_version() -> str:
    """`git:<commit>` (with `+dirty` when the tree has changes), else the package version."""
    commit, dirty = git_state()
    if commit:
        return f"git:{commit}" + ("+dirty" if dirty else "")
    try:
        return f"rapor:{version('rapor')}"
    except PackageNotFoundError:
        return "unknown"
