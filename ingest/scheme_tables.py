"""Write a quarter's scheme parameters into `raw.scheme_*`, where the dbt formulas read them."""

from __future__ import annotations

import duckdb

from core.quarters import Quarter
from core.scheme import LoadedScheme, scheme_tables

SCHEME_DDL = {
    "scheme_parameters": """
        quarter_key varchar primary key, scheme_name varchar not null,
        scheme_sha256 varchar not null, indicator_levels varchar not null,
        indicator_cap double not null, missing_realization varchar not null,
        absorption_target_pct double not null, p3dn_target_pct double not null,
        complaint_sla_workdays integer not null, no_complaints varchar not null,
        separate_rank_types varchar not null, reward_top_n integer not null,
        sanction_bottom_n integer not null, lowest_predicate varchar not null,
        uncertainty_perturbation_pct double not null, uncertainty_draws integer not null,
        uncertainty_seed bigint not null, uncertainty_min_kept_share double not null,
        audit_capacity integer, audit_budget_weight double not null,
        audit_performance_weight double not null""",
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
    "scheme_tie_breakers": """
        quarter_key varchar not null, position integer not null, component varchar not null""",
    "scheme_complaint_sla": """
        quarter_key varchar not null, category varchar not null, sla_workdays integer not null""",
    # The working-day calendar: holidays (national, cuti bersama, regional) of the years a
    # quarter's complaints run through; weekends are a rule of the SQL.
    "scheme_non_working_days": """
        quarter_key varchar not null, day date not null, kind varchar not null,
        name varchar not null""",
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
            rows = tables[table]
            if rows:
                columns = ", ".join(rows[0])
                marks = ", ".join("?" for _ in rows[0])
                con.executemany(
                    f"insert into raw.{table} ({columns}) values ({marks})",
                    [list(row.values()) for row in rows],
                )
        con.commit()
    except Exception:
        con.rollback()
        raise
