"""The one `Definitions` of Rapor, assembled from the asset modules (`dagster dev -m
orchestration.definitions`)."""

from __future__ import annotations

import dagster as dg

from orchestration import sensors
from orchestration.assets import dbt, ingest, postgres, publish, quality
from orchestration.jobs import quarterly_refresh, quarterly_refresh_schedule
from orchestration.resources import (
    RaporSettings,
    build_resources,
    default_settings,
    postgres_configured,
)


def build_definitions(settings: RaporSettings | None = None) -> dg.Definitions:
    """The definitions with their resources; the `rapor` CLI passes its own settings."""
    assets = [ingest.inbox, ingest.scheme, dbt.rapor_dbt_models, publish.published_quarter]
    if postgres_configured():
        assets.append(postgres.published_postgres)
    return dg.Definitions(
        assets=assets,
        asset_checks=quality.quality_checks,
        jobs=[quarterly_refresh],
        schedules=[quarterly_refresh_schedule],
        sensors=[
            sensors.quality_report_when_published,
            sensors.quality_report_when_stopped,
            sensors.late_files,
        ],
        resources=build_resources(settings or default_settings()),
        # DuckDB allows one writing process per file: steps run one after another, in process.
        executor=dg.in_process_executor,
    )


defs = build_definitions()
