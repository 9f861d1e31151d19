"""A suite's recorded outcome stands for a quarter until something the suite reads changes.

Raw rows are immutable per file (a corrected file supersedes, never edits), so a suite's outcome
is fixed by the current files of the datasets its SQL reads, the other raw tables it reads, its
SQL and rules, and the language of its messages. Refreshing a quarter after one corrected file
then re-validates only the suites that read that file's dataset; the rest keep the outcome of the
run that validated them, which stays named in `raw.quality_results.validated_run_id`.
"""

from __future__ import annotations

import hashlib
import re

import duckdb

from core.contract import CURRENT_ROWS_SCHEMA, DATASETS
from core.findings import Finding
from core.messages import Lang
from core.quarters import Quarter
from core.warehouse import table_digest
from data_quality.record import QUALITY_DDL
from data_quality.suites import Suite
from data_quality.validate import SAMPLES_PER_RULE, RuleOutcome, SuiteOutcome

# The tables a suite's SQL reads: raw ones, and the views of the datasets' current rows.
RAW_TABLE = re.compile(rf"\b(?:raw|{CURRENT_ROWS_SCHEMA})\.([a-z_][a-z0-9_]*)")
# Which rows of a dataset are current is already in that dataset's periods, read below.
COVERED_BY_DATASET_PERIODS = {"file_periods"}


def _dataset_files(con: duckdb.DuckDBPyConnection, dataset: str) -> str:
    return con.execute(
        "select coalesce(string_agg(concat_ws('|', file_sha256, year, period, superseded_by), ',' "
        "order by file_sha256, year, period), '') from raw.file_periods where dataset = ?",
        [dataset],
    ).fetchone()[0]


def inputs_fingerprint(
    con: duckdb.DuckDBPyConnection, suite: Suite, quarter: Quarter, lang: Lang
) -> str:
    """Digest of everything the suite's outcome for `quarter` depends on."""
    sql = suite.rows_sql(quarter)
    parts = [suite.name, quarter.key, lang, str(SAMPLES_PER_RULE), sql]
    for rule in suite.rules:
        parts.append(
            repr(
                (
                    rule.rule,
                    rule.severity,
                    rule.column,
                    sorted(rule.params.items()),
                    rule.expectation.type,
                    sorted(rule.expectation.kwargs.items()),
                )
            )
        )
    for table in sorted(set(RAW_TABLE.findall(sql)) - COVERED_BY_DATASET_PERIODS):
        # the scheme tables are small: their whole content
        content = (
            _dataset_files(con, table) if table in DATASETS else table_digest(con, f"raw.{table}")
        )
        parts.append(f"{table}={content}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def recorded_outcome(
    con: duckdb.DuckDBPyConnection, suite: Suite, quarter: Quarter, fingerprint: str
) -> SuiteOutcome | None:
    """The outcome recorded for the same inputs, or None when the suite must run."""
    con.execute(QUALITY_DDL)
    rows = con.execute(
        'select rule, severity, "column", message, expectation, checked_rows, failed_rows, '
        "validated_run_id from raw.quality_results "
        "where quarter_key = ? and suite = ? and inputs_fingerprint = ?",
        [quarter.key, suite.name, fingerprint],
    ).fetchall()
    if {row[0] for row in rows} != {rule.rule for rule in suite.rules}:
        return None
    findings = con.execute(
        "select rule, severity, rule, message, file_name, coalesce(dataset, ''), "
        "coalesce(sheet, ''), line, coalesce(\"column\", ''), coalesce(value, ''), "
        "coalesce(file_sha256, '') from raw.quality_findings "
        "where quarter_key = ? and suite = ? order by file_name, line",
        [quarter.key, suite.name],
    ).fetchall()
    outcomes = {
        rule: RuleOutcome(suite.name, rule, severity, column, message, expectation, checked, failed)
        for rule, severity, column, message, expectation, checked, failed, _ in rows
    }
    for rule, *finding in findings:
        outcomes[rule].samples.append(Finding(*finding))
    return SuiteOutcome(
        suite.name,
        quarter.key,
        max(row[5] for row in rows),
        [outcomes[rule.rule] for rule in suite.rules],
        validated_run_id=rows[0][7],
    )
