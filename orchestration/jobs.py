"""The quarterly refresh job and the schedule that runs it when a quarter has closed."""

from __future__ import annotations

import dagster as dg

from orchestration.partitions import quarterly_partitions

quarterly_refresh = dg.define_asset_job(
    name="quarterly_refresh",
    selection=dg.AssetSelection.all(),
    partitions_def=quarterly_partitions,
    description="Ingest the inbox, build and check one quarter, publish it if every check passed.",
)

# The newest partition is the last completed quarter: the schedule refreshes it at the start of
# the next quarter (the cron of the partitions). Stopped until the data team turns it on.
quarterly_refresh_schedule = dg.build_schedule_from_partitioned_job(
    quarterly_refresh, default_status=dg.DefaultScheduleStatus.STOPPED
)
