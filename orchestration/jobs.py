"""The quarterly refresh job and the schedule that runs it when a quarter has closed."""

from __future__ import annotations

import dagster as dg

from orchestration.partitions import closed_quarter, quarterly_partitions

# A run's reason for republishing a quarter (the late-file sensor sets it), when its settings
# give none.
REASON_TAG = "rapor/reason"

quarterly_refresh = dg.define_asset_job(
    name="quarterly_refresh",
    selection=dg.AssetSelection.all(),
    partitions_def=quarterly_partitions,
    description="Ingest the inbox, build and check one quarter, publish it if every check passed.",
)


@dg.schedule(
    job=quarterly_refresh,
    cron_schedule="0 0 1 */3 *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Refreshes the quarter that just closed, on the first day of the next. Stopped "
    "until the data team turns it on.",
)
def quarterly_refresh_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    quarter = closed_quarter(context.scheduled_execution_time)
    return dg.RunRequest(run_key=f"schedule:{quarter.key}", partition_key=quarter.key)
