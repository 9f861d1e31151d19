"""Run a suite over a quarter's rows and say where every failing row is: one DuckDB query counts
each rule's failing rows; only a suite with some goes through Great Expectations, batch by batch,
which locates them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from core.findings import Finding, shown_value
from core.messages import DEFAULT_LANG, Lang
from core.quarters import Quarter
from core.sql import quote_ident
from data_quality.quarter_rows import batches
from data_quality.suites import Suite

# Failing rows located per rule; the count of all of them is kept.
SAMPLES_PER_RULE = 50

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


@dataclass
class RuleOutcome:
    suite: str
    rule: str
    severity: str
    column: str
    message: str
    expectation: str
    checked_rows: int = 0
    failed_rows: int = 0
    samples: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.failed_rows == 0


@dataclass
class SuiteOutcome:
    suite: str
    quarter_key: str
    rows: int
    rules: list[RuleOutcome]
    # set when the outcome is the one recorded by an earlier run on the same inputs
    validated_run_id: str | None = None

    @property
    def errors(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed and r.severity == "error"]

    @property
    def warnings(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed and r.severity == "warning"]

    @property
    def passed(self) -> bool:
        return not self.errors

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.rules for f in r.samples]


def _validation(suite: Suite):
    """A fresh ephemeral context per suite run: GE names must be unique within a context."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas(suite.name)
        .add_dataframe_asset(suite.name)
        .add_batch_definition_whole_dataframe("quarter_batch")
    )
    expectations = []
    for rule in suite.rules:
        expectation = rule.expectation.build()
        expectation.meta = {"rule": rule.rule}
        expectations.append(expectation)
    gx_suite = context.suites.add(gx.ExpectationSuite(name=suite.name, expectations=expectations))
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
    )


def validate(
    con: duckdb.DuckDBPyConnection, suite: Suite, quarter: Quarter, lang: Lang = DEFAULT_LANG
) -> SuiteOutcome:
    """Validate the quarter's rows of `suite` (read from DuckDB in bounded batches); messages in
    `lang`."""
    outcomes = {
        rule.rule: RuleOutcome(
            suite.name,
            rule.rule,
            rule.severity,
            rule.column,
            rule.message(lang),
            rule.expectation.type,
        )
        for rule in suite.rules
    }
    sql = suite.rows_sql(quarter)
    counted = _rows_and_failing_rows(con, suite, sql)
    if counted and not any(counted[1:]):
        for outcome in outcomes.values():
            outcome.checked_rows = counted[0]
        return SuiteOutcome(suite.name, quarter.key, counted[0], list(outcomes.values()))
    validation = _validation(suite)
    result_format = {
        "result_format": "SUMMARY",
        "partial_unexpected_count": SAMPLES_PER_RULE,
        "unexpected_index_column_names": suite.index_columns,
    }
    rows = 0
    # in file order: the failing rows located (the first SAMPLES_PER_RULE) are the same every run
    located = ", ".join(quote_ident(c) for c in suite.locators)
    for frame in batches(con, f"select * from ({sql}) as quarter_rows order by {located}"):
        rows += len(frame)
        if frame.empty:
            continue
        missing = set(suite.index_columns) - set(frame.columns)
        if missing:
            raise RuntimeError(f"suite {suite.name} does not select {sorted(missing)}")
        result = validation.run(batch_parameters={"dataframe": frame}, result_format=result_format)
        for expectation_result in result.results:
            outcome = outcomes[expectation_result.expectation_config.meta["rule"]]
            _add(outcome, expectation_result, suite.name)
    return SuiteOutcome(suite.name, quarter.key, rows, list(outcomes.values()))


def _rows_and_failing_rows(
    con: duckdb.DuckDBPyConnection, suite: Suite, sql: str
) -> tuple[int, ...] | None:
    """The rows and, per rule, the rows it may fail on, in one pass; None when a rule has no SQL
    form or its query does not run (Great Expectations then validates, and says why)."""
    columns = {d[0] for d in con.execute(f"select * from ({sql}) limit 0").description}
    missing = set(suite.index_columns) - columns
    if missing:
        raise RuntimeError(f"suite {suite.name} does not select {sorted(missing)}")
    try:
        counts = ", ".join(
            f"count(*) filter (where {rule.expectation.failing_rows_sql()})" for rule in suite.rules
        )
        return con.execute(f"select count(*), {counts} from ({sql}) as quarter_rows").fetchone()
    except (ValueError, duckdb.Error):
        return None


def _add(outcome: RuleOutcome, expectation_result, dataset: str) -> None:
    details = expectation_result.result
    outcome.checked_rows += details.get("element_count") or 0
    problem = _exception_message(expectation_result.exception_info or {})
    if problem:
        raise RuntimeError(
            f"expectation {outcome.rule} of suite {dataset} could not run: {problem}"
        )
    if expectation_result.success:
        return
    outcome.failed_rows += details.get("unexpected_count") or 0
    for row in details.get("partial_unexpected_index_list") or []:
        if len(outcome.samples) >= SAMPLES_PER_RULE:
            break
        outcome.samples.append(_finding(outcome, row, dataset))


def _exception_message(info: dict) -> str:
    """GE reports an expectation that raised either flat or per metric it computed."""
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    nested = [v for v in info.values() if isinstance(v, dict) and v.get("exception_message")]
    return str(nested[0]["exception_message"]) if nested else ""


def _finding(outcome: RuleOutcome, row: dict, dataset: str) -> Finding:
    line = row.get("_line")
    value = row.get(outcome.column)
    return Finding(
        severity=outcome.severity,
        rule=outcome.rule,
        message=outcome.message,
        file_name=str(row.get("_file_name") or ""),
        dataset=dataset,
        sheet=str(row.get("_sheet") or ""),
        line=None if pd.isna(line) else int(line),
        column=outcome.column,
        value="" if pd.isna(value) else shown_value(value),
    )
