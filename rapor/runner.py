"""Run one quarter through the Dagster definitions, in process: the CLI's only code path."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from core.findings import Finding
from core.home import Home
from core.messages import DEFAULT_LANG, Lang
from core.quarters import Quarter
from core.scheme import load_scheme
from core.warehouse import connect
from publication.postgres import URL_VARIABLE
from reports.quality_report import ReportPaths, write_quality_report
from reports.quarterly import QuarterlyReport, write_quarterly_report

EXIT_PUBLISHED, EXIT_ERROR, EXIT_GATE_FAILED = 0, 1, 2
EXIT_CODES = {
    "published": EXIT_PUBLISHED,
    "unchanged": EXIT_PUBLISHED,
    "gate_failed": EXIT_GATE_FAILED,
    "error": EXIT_ERROR,
}


@dataclass
class RunOutcome:
    quarter: Quarter
    exit_code: int
    status: str  # published | unchanged | gate_failed | error
    publication_version: int | None = None
    failed_checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    run_id: str = ""
    log_path: Path | None = None
    report: ReportPaths | None = None
    quarterly: QuarterlyReport | None = None
    # why the quarterly report of a published quarter could not be written (the publication stands)
    quarterly_error: str = ""
    # published in DuckDB, but PostgreSQL could not be caught up (exit code EXIT_ERROR)
    postgres_error: str = ""

    @property
    def errors_found(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _sqlite_without_fsync_per_event() -> None:
    """Dagster's SQLite run storage commits every event (hundreds per run, one per dbt test) and
    SQLite waits for the disk on each commit by default: most of a city run's time. In WAL mode
    with synchronous=NORMAL a commit no longer waits for the disk, and the database stays
    consistent after a crash (at most the last events of a run are lost; the warehouse and the
    publication do not live there)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if getattr(_sqlite_without_fsync_per_event, "installed", False):
        return

    @event.listens_for(Engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor = dbapi_connection.cursor()
            cursor.execute("pragma journal_mode=wal")
            cursor.execute("pragma synchronous=normal")
            cursor.close()

    _sqlite_without_fsync_per_event.installed = True


def dagster_instance(home: Home):
    """The data team's instance when DAGSTER_HOME is set, else one in the home: runs started from
    the command line show in the Dagster UI either way."""
    from dagster import DagsterInstance

    _sqlite_without_fsync_per_event()
    if os.environ.get("DAGSTER_HOME"):
        return DagsterInstance.get()
    home.dagster_home.mkdir(parents=True, exist_ok=True)
    config = home.dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")
    return DagsterInstance.from_config(str(home.dagster_home))


@contextmanager
def _postgres_url_in_environment(url: str) -> Iterator[None]:
    """The definitions read the URL from the environment, so that no run config (shown in the
    Dagster UI) holds the password; it is set for this run only."""
    if not url:
        yield
        return
    before = os.environ.get(URL_VARIABLE)
    os.environ[URL_VARIABLE] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(URL_VARIABLE, None)
        else:
            os.environ[URL_VARIABLE] = before


def run_quarter(
    home: Path,
    inbox: Path,
    quarter: Quarter,
    scheme: str | Path | None = None,
    reason: str = "",
    lang: Lang = DEFAULT_LANG,
    postgres_url: str = "",
) -> RunOutcome:
    """Messages of findings and the quality report are in `lang` (Indonesian by default). With
    `postgres_url` (else `$RAPOR_POSTGRES_URL`) the publication is also copied to PostgreSQL."""

    from core.dbt_project import ensure_manifest
    from orchestration.run_summary import summarize_run

    load_scheme(scheme)  # a scheme that does not validate is rejected before any run
    ensure_manifest()
    from orchestration.definitions import build_definitions
    from orchestration.resources import RaporSettings
    from orchestration.run_storage import sqlite_files_kept_open

    paths = Home(home.resolve())
    settings = RaporSettings(
        home=str(paths.root),
        inbox=str(inbox.resolve()),
        scheme=str(scheme or "magelang"),
        publication_reason=reason,
        lang=lang,
    )
    # Dagster's and dbt's logs go to a file per run; the terminal gets the outcome.
    log_path = paths.root / "logs" / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{quarter}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        sqlite_files_kept_open(),
        _postgres_url_in_environment(postgres_url),
        dagster_instance(paths) as instance,
        log_path.open("a", encoding="utf-8") as log,
        redirect_stdout(log),
        redirect_stderr(log),
    ):
        job = build_definitions(settings).resolve_job_def("quarterly_refresh")
        result = job.execute_in_process(
            partition_key=quarter.partition_key, instance=instance, raise_on_error=False
        )
        summary = summarize_run(instance, result.run_id)
    outcome = RunOutcome(
        quarter,
        EXIT_ERROR if summary.postgres_error else EXIT_CODES[summary.status],
        summary.status,
        publication_version=summary.publication_version,
        failed_checks=summary.failed_checks,
        errors=summary.step_errors,
        run_id=result.run_id,
        log_path=log_path,
        postgres_error=summary.postgres_error,
    )
    if summary.load_id:
        outcome.findings = findings_of_load(paths, summary.load_id)
        outcome.findings += quality_findings_of(paths, quarter, result.run_id)
    outcome.report = write_quality_report(
        paths,
        quarter,
        result.run_id,
        summary.status,
        summary.failed_checks,
        summary.load_id,
        lang,
    )
    if outcome.exit_code == EXIT_PUBLISHED:
        outcome.quarterly, outcome.quarterly_error = quarterly_report_of(paths, quarter, lang)
    return outcome


def quarterly_report_of(
    home: Home, quarter: Quarter, lang: Lang
) -> tuple[QuarterlyReport | None, str]:
    """The quarterly report of a published quarter, or why it could not be written: the
    publication is done and stays, whatever goes wrong here (a missing Chromium among them)."""
    try:
        return write_quarterly_report(home, quarter, lang), ""
    except Exception as exc:  # the report must never undo or hide a publication
        return None, f"{type(exc).__name__}: {exc}"


def findings_of_load(home: Home, load_id: str) -> list[Finding]:
    with connect(home.warehouse, read_only=True) as con:
        rows = con.execute(
            "select severity, rule, message, file_name, coalesce(dataset, ''), "
            "coalesce(sheet, ''), line, coalesce(\"column\", ''), coalesce(value, ''), "
            "coalesce(file_sha256, '') from raw.ingest_findings where load_id = ? "
            "order by file_name, line",
            [load_id],
        ).fetchall()
    return [Finding(*row) for row in rows]


def quality_findings_of(home: Home, quarter: Quarter, run_id: str) -> list[Finding]:
    """The located failing rows of the quarter's suites validated in this run."""
    with connect(home.warehouse, read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'raw' and table_name = 'quality_findings'"
        ).fetchone()[0]
        if not exists:
            return []
        rows = con.execute(
            "select f.severity, f.rule, f.message, f.file_name, coalesce(f.dataset, ''), "
            "coalesce(f.sheet, ''), f.line, coalesce(f.\"column\", ''), coalesce(f.value, ''), "
            "coalesce(f.file_sha256, '') from raw.quality_findings as f "
            "where f.quarter_key = ? and exists (select 1 from raw.quality_results as r "
            "where r.quarter_key = f.quarter_key and r.suite = f.suite and r.run_id = ?) "
            "order by f.severity, f.file_name, f.line",
            [quarter.key, run_id],
        ).fetchall()
    return [Finding(*row) for row in rows]
