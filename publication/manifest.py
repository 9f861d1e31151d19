"""The manifest of a publication: everything needed to say what produced it and to rebuild it —
every input file, the scheme file itself, the code and every installed package's version. Kept
in `marts.publication_log.manifest` and as `published/manifests/<Q>/v<N>.json` (read-only)."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from importlib.metadata import PackageNotFoundError, distributions, version
from pathlib import Path

import duckdb

from core.dbt_project import MANIFEST_PATH
from core.home import Home
from core.quarters import Quarter
from core.version import git_state
from publication.tables import INPUT_FILES_TABLE, LINEAGE_TABLE

MANIFEST_FORMAT = 1


def manifest_path(home: Home, quarter_key: str, version: int) -> Path:
    return home.published_dir / "manifests" / quarter_key / f"v{version}.json"


def installed_packages() -> dict[str, str]:
    """Every distribution of the running interpreter, by normalised name."""
    found: dict[str, str] = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name:
            found[name.lower().replace("_", "-")] = dist.version
    return dict(sorted(found.items()))


def _project_version() -> str:
    try:
        return version("rapor")
    except PackageNotFoundError:
        return "unknown"


def _input_files(con: duckdb.DuckDBPyConnection, quarter: Quarter) -> list[dict]:
    """The quarter's files (`work` is the attached warehouse): those it used and those whose rows
    it considered and did not count (a superseded file's), and those of the year's earlier
    quarters, whose index its audit plan averages (0 rows used here), with their archive copy,
    load and the files each one superseded: what a rebuild loads, in the order of their loads."""
    rows = con.execute(
        f"""
        with considered as (
            select file_sha256, rows_used from work.marts.{INPUT_FILES_TABLE}
            where quarter_key = $quarter
            union all
            select distinct source_file_sha256, 0 from work.marts.{LINEAGE_TABLE}
            where quarter_key = $quarter
            union all
            select file_sha256, 0 from work.marts.{INPUT_FILES_TABLE}
            where list_contains($earlier, quarter_key)
        ),
        quarter_files as (
            select file_sha256, max(rows_used) as rows_used from considered group by file_sha256
        )
        select
            files.dataset, files.file_name, files.file_sha256, used.rows_used,
            files.rows_loaded, files.archived_path, files.archive_sha256, files.load_id,
            (
                select list(distinct older.file_name order by older.file_name)
                from work.raw.file_periods as periods
                join work.raw.ingested_files as older on periods.file_sha256 = older.file_sha256
                where periods.superseded_by = used.file_sha256
            ) as superseded
        from quarter_files as used
        join work.raw.ingested_files as files on used.file_sha256 = files.file_sha256
        order by files.load_id, files.dataset, files.file_name, files.file_sha256
        """,
        {
            "quarter": quarter.key,
            "earlier": [earlier.key for earlier in quarter.earlier_in_year],
        },
    ).fetchall()
    files = []
    for dataset, name, sha, used, loaded, archived, archive_sha, load_id, superseded in rows:
        path = Path(archived) if archived else None
        files.append(
            {
                "dataset": dataset,
                "file_name": name,
                "sha256": sha,
                "size": path.stat().st_size if path and path.exists() else None,
                "rows_loaded": loaded,
                "rows_used": used,
                "load_id": load_id,
                "archive_path": str(path.relative_to(path.parents[2])) if path else None,
                "archive_sha256": archive_sha,
                "superseded": superseded or [],
            }
        )
    return files


def build_manifest(
    con: duckdb.DuckDBPyConnection,
    quarter: Quarter,
    version_number: int,
    published_at: str,
    content_sha256: str,
    inputs_sha256: str,
    reason: str,
) -> dict:
    """The manifest of the quarter about to be published, read from the attached warehouse."""
    scheme_name, scheme_sha = con.execute(
        "select scheme_name, scheme_sha256 from work.raw.scheme_parameters where quarter_key = ?",
        [quarter.key],
    ).fetchone()
    file_name, file_text = con.execute(
        "select file_name, file_text from work.raw.scheme_file where quarter_key = ?",
        [quarter.key],
    ).fetchone()
    commit, dirty = git_state()
    return {
        "manifest_format": MANIFEST_FORMAT,
        "quarter_key": quarter.key,
        "publication_version": version_number,
        "published_at": published_at,
        "reason": reason or None,
        "content_sha256": content_sha256,
        "inputs_sha256": inputs_sha256,
        "inputs": _input_files(con, quarter),
        "scheme": {
            "name": scheme_name,
            "sha256": scheme_sha,
            "file_name": file_name,
            "file_text": file_text,
        },
        "code": {
            "project_version": _project_version(),
            "git_commit": commit,
            "git_dirty": dirty,
            "dbt_manifest_sha256": hashlib.sha256(MANIFEST_PATH.read_bytes()).hexdigest(),
        },
        "packages": installed_packages(),
    }


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_manifest_file(home: Home, quarter_key: str, version_number: int, text: str) -> Path:
    """`manifests/<Q>/v<N>.json`, written once (atomically) and made read-only; never replaced."""
    target = manifest_path(home, quarter_key, version_number)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.chmod(0o444)
    os.replace(partial, target)
    return target
