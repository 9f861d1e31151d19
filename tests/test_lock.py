"""requirements.lock pins every distribution rapor[dev] needs, at the version installed."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

LOCK = Path(__file__).parent.parent / "requirements.lock"


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


def _needed(root: str, extras: set[str]) -> dict[str, str]:
    """Every distribution reached from `root[extras]` (markers evaluated), with its version."""
    found: dict[str, str] = {}
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        for text in dist.requires or []:
            requirement = Requirement(text)
            active = any(
                requirement.marker is None or requirement.marker.evaluate({"extra": extra})
                for extra in (wanted or {""})
            )
            if not active:
                continue
            key = _name(requirement.name)
            if key == _name(root):
                todo.append((root, set(requirement.extras)))
            elif key not in found:
                found[key] = distribution(requirement.name).version
                todo.append((requirement.name, set(requirement.extras)))
    return found


def test_the_lock_pins_every_dependency_at_its_installed_version():
    locked, needed = _locked(), _needed("rapor", {"dev"})
    assert {"dbt-core", "dagster", "duckdb", "pytest"} <= set(needed)
    stale = {
        name: (locked.get(name), version)
        for name, version in needed.items()
        if locked.get(name) != version
    }
    assert stale == {}, f"requirements.lock is stale (locked, installed): run `make lock`: {stale}"
