"""The archive: every received file kept by sha256, so a published rank traces to its bytes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def archive_path(archive_dir: Path, dataset: str, sha256: str, file_name: str) -> Path:
    return archive_dir / dataset / sha256 / file_name


def archive_copy(source: Path, target: Path) -> Path:
    """Copy `source` to `target` atomically (write then rename), unless it is already there: an
    archived file is never overwritten, and read-only on disk."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(source, partial)
    partial.chmod(0o444)
    partial.replace(target)
    return target
