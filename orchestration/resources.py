"""Resources, configured in one place: where the home, the inbox and the scheme are."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.dbt_project import dbt_executable, rapor_dbt_project
from rapor.home import Home


class RaporSettings(dg.ConfigurableResource):
    """Where a run reads its inbox and scheme and writes its warehouse, archive and publication."""

    home: str
    inbox: str
    scheme: str = "magelang"
    publication_reason: str = ""

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
    )


def build_resources(settings: RaporSettings) -> dict[str, dg.ConfigurableResource]:
    return {
        "rapor": settings,
        "dbt": DbtCliResource(
            project_dir=rapor_dbt_project,
            profiles_dir=str(rapor_dbt_project.profiles_dir),
            dbt_executable=dbt_executable(),
        ),
    }
