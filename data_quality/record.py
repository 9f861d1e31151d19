"""Keep each quarter's validation outcome in the warehouse, for the run's summary and the quality
report: one row per rule, and the located failing rows, with the digest of the inputs validated
(see `data_quality.reuse`)."""

from __future__ import annotations

import duckdb

from core.findings import FINDING_DDL
from data_quality.validate import SuiteOutcome

QUALITY_DDL = f"""
create schema if not exists raw;
create table if not exists raw.quality_results (
    quarter_key varchar not null,
    suite varchar not null,
    rule varchar not null,
    severity varchar not null,
    "column" varchar not null,
    message varchar not null,
    expectation varchar not null,
    checked_rows bigint not null,
    failed_rows bigint not null,
    run_id varchar not null,
    validated_at timestamp not null,
    inputs_fingerprint varchar,
    validated_run_id varchar
);
-- homes created before outcomes were reused
alter table raw.quality_results add column if not exists inputs_fingerprint varchar;
alter table raw.quality_results add column if not exists validated_run_id varchar;
create table if not exists raw.quality_findings (
    quarter_key varchar not null,
    suite varchar not null,
    {FINDING_DDL}
);
"""


def record(
    con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome, run_id: str, inputs_fingerprint: str
) -> None:
    """Replace the quarter's rows of this suite, in one transaction. A reused outcome keeps its
    rows: only the run that stands on them changes."""
    con.execute(QUALITY_DDL)
    if outcome.validated_run_id:
        con.execute(
            "update raw.quality_results set run_id = ? where quarter_key = ? and suite = ?",
            [run_id, outcome.quarter_key, outcome.suite],
        )
        return
    con.begin()
    try:
        for table in ("quality_results", "quality_findings"):
            con.execute(
                f"delete from raw.{table} where quarter_key = ? and suite = ?",
                [outcome.quarter_key, outcome.suite],
            )
        for rule in outcome.rules:
            con.execute(
                'insert into raw.quality_results (quarter_key, suite, rule, severity, "column", '
                "message, expectation, checked_rows, failed_rows, run_id, validated_at, "
                "inputs_fingerprint, validated_run_id) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?)",
                [
                    outcome.quarter_key,
                    outcome.suite,
                    rule.rule,
                    rule.severity,
                    rule.column,
                    rule.message,
                    rule.expectation,
                    rule.checked_rows,
                    rule.failed_rows,
                    run_id,
                    inputs_fingerprint,
                    run_id,
                ],
            )
            for finding in rule.samples:
                con.execute(
                    "insert into raw.quality_findings values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [outcome.quarter_key, outcome.suite, *finding.as_row().values()],
                )
        con.commit()
    except BaseException:
        con.rollback()
        raise
