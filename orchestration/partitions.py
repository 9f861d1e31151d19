"""One partition per quarter, keyed as people say it (`2025-Q2`): from 2020-Q1 to the last
quarter of next year, so that a code location loaded today has the partitions its schedule will
ask for until it is reloaded (a deployment reloads it at least once a year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dagster as dg

from core.quarters import Quarter

FIRST_QUARTER = Quarter(2020, 1)


def quarter_keys(today: dt.date) -> list[str]:
    """The partition keys, oldest first."""
    keys, quarter = [], FIRST_QUARTER
    while quarter.year <= today.year + 1:
        keys.append(quarter.key)
        quarter = quarter.next()
    return keys


quarterly_partitions = dg.StaticPartitionsDefinition(quarter_keys(dt.datetime.now(dt.UTC).date()))


def closed_quarter(moment: dt.datetime) -> Quarter:
    """The last quarter that had ended by `moment` (the one a schedule tick refreshes)."""
    day = moment.date() - dt.timedelta(days=1)
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarter_of(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> Quarter:
    """The quarter a partitioned step builds."""
    return Quarter.parse(context.partition_key)


def quarter_of_run(tags: Mapping[str, str]) -> Quarter | None:
    """The quarter a run builds, from its tags: `dagster/partition` when a job was run for a
    partition (the command line, the schedule, the sensor), the range of one partition when an
    asset backfill started it (the UI's backfill of a range of quarters); None for a run of no
    single quarter."""
    if "dagster/partition" in tags:
        return Quarter.parse(tags["dagster/partition"])
    start = tags.get("dagster/asset_partition_range_start")
    if start and start == tags.get("dagster/asset_partition_range_end"):
        return Quarter.parse(start)
    return None
