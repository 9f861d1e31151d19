"""One partition per quarter, keyed as people say it (`2025-Q2`): from 2020-Q1 to the last
quarter of next year, so that a code location loaded today has the partitions its schedule will
ask for until it is reloaded (a deployment reloads it at least once a year)."""

from __future__ import annotations

import datetime as dt

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
