from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _dbt_manifest():
    """The Dagster definitions need dbt's manifest: the tests prepare it, never an import."""
    # each test's runs go to the Dagster instance of its own temporary home
    os.environ.pop("DAGSTER_HOME", None)
    from core.dbt_project import ensure_manifest

    ensure_manifest()


def pytest_collection_modifyitems(items):
    """End-to-end files (marked `slow`) first: with the workers taking whole files
    (`--dist loadfile`), the long files start at once and the short ones fill in around them.
    `--no-loadscope-reorder` keeps this order: xdist's own sorts files by their number of tests,
    which started the demo's one long test last (607 s instead of 573 s)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="module")
def postgres():
    """A real PostgreSQL server (tests/postgres_server.py) for the tests of one module."""
    from tests.postgres_server import postgres_server

    with postgres_server() as server:
        yield server
