"""The code version stored with every publication, so an auditor can rebuild with the same code."""

from __future__ import annotations

import subprocess
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@cache
def code_version() -> str:
    """`git:<commit>` (with `+dirty` when the tree has changes), else the package version."""
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
        return f"git:{commit}" + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        try:
            return f"rapor:{version('rapor')}"
        except PackageNotFoundError:
            return "unknown"
