"""SQL for the rows a quarter's validation reads, and the batches it reads them in.

Rules that need more than one row (duplicate keys, running sums, the OPD master) are turned into
columns by DuckDB here, so that every expectation is a row-level one and batches can be small.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import duckdb
import pandas as pd

from core.contract import DATASETS
from core.quarters import Quarter
from core.sql import quote_ident

PROVENANCE = ("_file_name", "_sheet", "_line")
# 2048-row vectors per batch: about 200 000 rows, a few tens of MB as a dataframe.
VECTORS_PER_BATCH = 100


def master_opd() -> str:
    """The current OPD master rows."""
    return f"(select opd_code, active_from, active_to from {DATASETS['opd'].current_rows})"


def opd_columns(quarter: Quarter, alias: str = "r") -> str:
    """Whether the row's OPD is in the master, and active at some time in the quarter."""
    start, end = quarter.start.isoformat(), quarter.last_day.isoformat()
    return (
        f"{alias}.opd_code in (select opd_code from {master_opd()}) as opd_in_master,\n"
        # an unknown OPD counts as active: it is reported once, as unknown
        f"{alias}.opd_code not in (select opd_code from {master_opd()}) or exists ("
        f"select 1 from {master_opd()} as master where master.opd_code = {alias}.opd_code "
        f"and coalesce(master.active_from, date '{end}') <= date '{end}' "
        f"and coalesce(master.active_to, date '{start}') >= date '{start}') as opd_active"
    )


def key_columns(key: Sequence[str], values: Sequence[str], alias: str = "r") -> str:
    """`key_conflict`: another row has the same key and different values; `copies`: how many rows
    are exactly this one."""
    partition = ", ".join(f"{alias}.{quote_ident(c)}" for c in key)
    row_hash = "hash(" + ", ".join(f"{alias}.{quote_ident(c)}" for c in values) + ")"
    return (
        f"min({row_hash}) over (partition by {partition}) "
        f"<> max({row_hash}) over (partition by {partition}) as key_conflict,\n"
        f"count(*) over (partition by {partition}, {row_hash}) as copies"
    )


def batches(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[pd.DataFrame]:
    """The query's rows as dataframes of bounded size; at least one (possibly empty) frame."""
    cursor = con.execute(sql)
    first = True
    while True:
        frame = cursor.fetch_df_chunk(VECTORS_PER_BATCH)
        if len(frame) == 0 and not first:
            return
        first = False
        yield frame
        if len(frame) == 0:
            return
