"""Write a quarter's scheme parameters into `raw.scheme_*`, where the dbt formulas read them."""

from __future__ import annotations

import duckdb

from rapor.quarters import Quarter
from rapor.scheme import LoadedScheme, scheme_tables

SCHEME_DDL = {
    "scheme_parameters": """
        quarter_key varchar primary key, scheme_name varchar not null,
        scheme_sha256 varchar not null, indicator_levels varchar not null,
        indicator_cap double not null, missing_realization varchar not null,
        absorption_target_pct double not null, p3dn_target_pct double not null,
        separate_rank_types varchar not null, reward_top_n integer not null,
        sanction_bottom_n integer not null, lowest_predicate varchar not null""",
    "scheme_components": """
        quarter_key varchar not null, component varchar not null, measure varchar not null,
        weight double not null, position integer not null""",
    "scheme_zones": """
        quarter_key varchar not null, zone varchar not null, min_score double not null""",
    "scheme_predicates": """
        quarter_key varchar not null, predicate varchar not null, above_score double not null""",
    "scheme_consequence_labels": """
        quarter_key varchar not null, consequence varchar not null, position integer not null,
        label varchar not null""",
}


def write_scheme(con: duckdb.DuckDBPyConnection, loaded: LoadedScheme, quarter: Quarter) -> None:
    """Replace the quarter's scheme rows, in one transaction."""
    tables = scheme_tables(loaded, quarter.key, quarter.quarter)
    con.execute("create schema if not exists raw")
    con.begin()
    try:
        for table, ddl in SCHEME_DDL.items():
            con.execute(f"create table if not exists raw.{table} ({ddl})")
            con.execute(f"delete from raw.{table} where quarter_key = ?", [quarter.key])
            for row in tables[table]:
                columns = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                con.execute(
                    f"insert into raw.{table} ({columns}) values ({marks})", list(row.values())
                )
        con.commit()
    except Exception:
        con.rollback()
        raise
