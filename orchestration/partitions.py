"""One partition per quarter. Dagster has no quarterly class: a time window on a quarterly cron
keeps time windows, range backfills and schedules built from the partitioned job."""

from __future__ import annotations

import dagster as dg

from core.quarters import Quarter

quarterly_partitions = dg.TimeWindowPartitionsDefinition(
    start="2020-01-01",
    cron_schedule="0 0 1 */3 *",
    fmt="%Y-%m-%d",
)


def quarter_of(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> Quarter:
    """The quarter a partitioned step builds (its partition key is the quarter's first day)."""
    return Quarter.parse(context.partition_key)
