"""Where the dbt project is, and its parsed manifest: what the models are, their columns, their
descriptions and tags. Every layer that needs to know about a model reads it here, from dbt."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"


def dbt_executable() -> str:
    """The dbt installed beside this Python (the venv's), so that PATH does not matter."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def _newest_source_mtime() -> float:
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests"):
        files += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if p.exists())


def dbt_sources_sha256() -> str:
    """sha256 of the SQL and configuration the models are built from (not the data tests)."""
    digest = hashlib.sha256()
    files = [DBT_PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "macros"):
        files += sorted(p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file())
    for path in files:
        digest.update(f"{path.relative_to(DBT_PROJECT_DIR)}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing or older than its sources."""
    MANIFEST_PATH.parent.mkdir(parents=True, exist_ok=True)
    # parallel test workers (and two commands started at once) must not parse over each other
    with (MANIFEST_PATH.parent / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not MANIFEST_PATH.exists() or MANIFEST_PATH.stat().st_mtime < _newest_source_mtime():
            subprocess.run(
                [dbt_executable(), "parse", "--quiet", "--profiles-dir", str(DBT_PROJECT_DIR)],
                cwd=DBT_PROJECT_DIR,
                check=True,
                # the profile every home's build uses (profiles.yml), so that its parse is reused
                env={k: v for k, v in os.environ.items() if k != "RAPOR_WAREHOUSE"},
            )
    return MANIFEST_PATH


@cache
def manifest() -> dict:
    return json.loads(ensure_manifest().read_text(encoding="utf-8"))


def models_tagged(tag: str) -> list[dict]:
    """The manifest nodes of the models carrying `tag`, by name."""
    nodes = manifest()["nodes"].values()
    found = [n for n in nodes if n["resource_type"] == "model" and tag in n["tags"]]
    return sorted(found, key=lambda n: n["name"])
