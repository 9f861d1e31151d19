"""Resources, configured in one place: where the home, the inbox and the scheme are."""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from core.dbt_standby import client_executable
from core.home import Home
from core.home_lock import DEFAULT_WAIT_SECONDS, HomeBusy, home_lock
from orchestration.dbt_project import rapor_dbt_project
from orchestration.partitions import quarter_of_run
from publication.postgres import URL_VARIABLE


class RaporSettings(dg.ConfigurableResource):
    """Where a run reads its inbox and scheme and writes its warehouse, archive and publication."""

    home: str
    inbox: str
    scheme: str = "magelang"
    publication_reason: str = ""
    # language of the findings' messages and the quality report: id (default) or en
    lang: str = "id"

    @property
    def paths(self) -> Home:
        return Home(Path(self.home))


def default_settings() -> RaporSettings:
    """From the environment, so that `dagster dev` and schedules use the data team's home."""
    home = os.environ.get("RAPOR_HOME", ".rapor")
    return RaporSettings(
        home=home,
        inbox=os.environ.get("RAPOR_INBOX", str(Path(home) / "inbox")),
        scheme=os.environ.get("RAPOR_SCHEME", "magelang"),
        lang=os.environ.get("RAPOR_LANG", "id"),
    )


class RaporDbtCliResource(DbtCliResource):
    """dagster-dbt, once per run, asks `dbt --version` (a 4-second dbt start-up) to tell dbt Fusion
    from dbt-core, then loads a dbt adapter in process; here dbt is the dbt-core installed beside
    Dagster, whose version is known, and nothing reads through that adapter."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        """No in-process dbt adapter (3 s per run): it serves only the optional fetching of column
        metadata, which the marts' contracts and YAML docs make unnecessary."""
        return None


class HomeLock(dg.ConfigurableResource):
    """One refresh of a home at a time, however it was started (schedule, UI, command line): the
    run holds `<home>/.lock` from its start to its end (core/home_lock.py), waiting up to
    `wait_seconds` for a refresh already running, then failing with its PID, quarter and start."""

    home: str
    wait_seconds: float = DEFAULT_WAIT_SECONDS

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[HomeLock]:
        run = context.dagster_run
        built = quarter_of_run(run.tags) if run else None
        quarter = built.key if built else ""
        try:
            with home_lock(Home(Path(self.home)), quarter, self.wait_seconds):
                yield self
        except HomeBusy as busy:
            holder = busy.holder
            raise dg.Failure(
                description=f"home {self.home} is in use by another run: PID {holder.pid}, "
                f"quarter {holder.quarter}, started {holder.started_at}"
            ) from busy


class PostgresTarget(dg.ConfigurableResource):
    """The PostgreSQL the publication is copied to (a libpq URL, from `RAPOR_POSTGRES_URL`)."""

    url: str


def postgres_configured() -> bool:
    return bool(os.environ.get(URL_VARIABLE))


def build_resources(settings: RaporSettings) -> dict[str, dg.ConfigurableResource]:
    extra = (
        {"postgres": PostgresTarget(url=dg.EnvVar(URL_VARIABLE))} if postgres_configured() else {}
    )
    return {
        **extra,
        "rapor": settings,
        "home_lock": HomeLock(home=settings.home),
        "dbt": RaporDbtCliResource(
            project_dir=rapor_dbt_project,
            profiles_dir=str(rapor_dbt_project.profiles_dir),
            dbt_executable=client_executable(),
        ),
    }
