"""The dbt project, built once. Never parsed at import: `rapor` and the tests prepare it first."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"

rapor_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
rapor_dbt_project.prepare_if_dev()


def _newest_source_mtime() -> float:
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests"):
        files += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if p.exists())


def dbt_executable() -> str:
    """The dbt installed beside this Python (the venv's), so that PATH does not matter."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing or older than its sources."""
    manifest = rapor_dbt_project.manifest_path
    manifest.parent.mkdir(parents=True, exist_ok=True)
    # parallel test workers (and two commands started at once) must not parse over each other
    with (manifest.parent / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime():
            subprocess.run(
                [dbt_executable(), "parse", "--quiet", "--profiles-dir", str(DBT_PROJECT_DIR)],
                cwd=DBT_PROJECT_DIR,
                check=True,
            )
    return manifest
