"""Run one quarter through the Dagster definitions, in process: the CLI's only code path."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress
from dataclasses import dataclass, field
from pathlib import Path

from core.dbt_standby import standing_by
from core.environment import environment
from core.findings import Finding
from core.home import Home
from core.home_lock import DEFAULT_WAIT_SECONDS, LockHolder, home_lock
from core.messages import DEFAULT_LANG, Lang, run_text
from core.quarters import Quarter
from core.scheme import load_scheme
from core.warehouse import connect
from publication.postgres import URL_VARIABLE
from rapor.causes import cause_lines, last_line
from reports.quality_report import ReportPaths, write_quality_report
from reports.quarterly import QuarterlyReport, write_quarterly_report

EXIT_PUBLISHED, EXIT_ERROR, EXIT_GATE_FAILED, EXIT_BUSY = 0, 1, 2, 3
# as a shell reports a process ended by a signal: 128 + its number (130 for SIGINT)
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_CODES = {
    "published": EXIT_PUBLISHED,
    "unchanged": EXIT_PUBLISHED,
    "gate_failed": EXIT_GATE_FAILED,
    "error": EXIT_ERROR,
}
# How long dbt gets to stop after an interruption before it is killed.
CHILD_STOP_SECONDS = 5.0
# Dagster's and dbt's logs are plain text: no colour codes in the log files.
PLAIN_LOG_ENVIRONMENT = {"DBT_USE_COLORS": "false", "DBT_USE_COLORS_FILE": "false", "NO_COLOR": "1"}


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM reached the run."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signal_name = signal.Signals(signum).name


class RunCrashed(Exception):
    """An unexpected error outside the run's steps: its traceback is in the log."""

    def __init__(self, message: str, log_path: Path) -> None:
        super().__init__(message)
        self.log_path = log_path


@dataclass
class RunOutcome:
    quarter: Quarter
    exit_code: int
    status: str  # published | unchanged | gate_failed | error | interrupted
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
    # why it did not publish, a line per cause (rapor.causes), and what the ingest said
    cause: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    interrupted_by: str = ""

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
    from dagster._core.instance.ref import InstanceRef

    home.dagster_home.mkdir(parents=True, exist_ok=True)
    config = home.dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")
    # the directory's default SQLite storage, its event log keeping its engines
    # (orchestration/run_storage.py); given here, not in dagster.yaml, so that the home can move
    storage = {
        "module": "orchestration.run_storage",
        "class": "SqliteStorageKeepingEngines",
        "config": {"base_dir": str(home.dagster_home.resolve())},
    }
    ref = InstanceRef.from_dir(str(home.dagster_home), overrides={"storage": {"custom": storage}})
    return DagsterInstance.from_ref(ref)


@contextmanager
def _postgres_url_in_environment(url: str) -> Iterator[None]:
    """The definitions read the URL from the environment, so that no run config (shown in the
    Dagster UI) holds the password; it is set for this run only."""
    with environment(**({URL_VARIABLE: url} if url else {})):
        yield


def run_quarter(
    home: Path,
    inbox: Path,
    quarter: Quarter,
    scheme: str | Path | None = None,
    reason: str = "",
    lang: Lang = DEFAULT_LANG,
    postgres_url: str = "",
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
    say: Callable[[str], None] | None = None,
    on_wait: Callable[[LockHolder], None] | None = None,
) -> RunOutcome:
    """Messages of findings and the quality report are in `lang` (Indonesian by default). With
    `postgres_url` (else `$RAPOR_POSTGRES_URL`) the publication is also copied to PostgreSQL. `say`
    gets a line per stage as it finishes. One refresh of a home at a time: another one running
    is waited for up to `wait_seconds` (`on_wait` is told once), then HomeBusy names it. SIGINT
    and SIGTERM stop the run and its dbt process; nothing of it is published."""

    from core.dbt_project import ensure_manifest

    load_scheme(scheme)  # a scheme that does not validate is rejected before any run
    ensure_manifest()
    paths = Home(home.resolve())
    # Dagster's and dbt's logs go to a file per run; the terminal gets the outcome.
    log_path = paths.root / "logs" / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{quarter}.log"
    # the caller's own child processes (a test's, an embedding program's) are not the run's
    spared = set(children_of(os.getpid()))
    with _signals_interrupt() as received, home_lock(paths, quarter.key, wait_seconds, on_wait):
        started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        finished = False
        try:
            # dbt's imports are done while Dagster's are and the run's first steps run
            with _postgres_url_in_environment(postgres_url), standing_by():
                outcome = _run_locked(
                    paths, inbox, quarter, scheme, reason, lang, say, log_path, received
                )
            finished = True
            return outcome
        except (Interrupted, _dagster_interruption()) as interrupted:
            with _signals_ignored():
                stop_children(spared)
                return _after_interruption(paths, quarter, interrupted, started, log_path)
        except Exception as error:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with log_path.open("a", encoding="utf-8") as log:
                traceback.print_exc(file=log)
            raise RunCrashed(last_line(traceback.format_exc()), log_path) from error
        finally:
            with _signals_ignored():
                # after a finished run nothing is at work: what is left (multiprocessing's
                # resource tracker, which ignores SIGTERM) is not waited for
                stop_children(spared, 0.0 if finished else CHILD_STOP_SECONDS)


def _run_locked(
    paths: Home,
    inbox: Path,
    quarter: Quarter,
    scheme: str | Path | None,
    reason: str,
    lang: Lang,
    say: Callable[[str], None] | None,
    log_path: Path,
    received: Callable[[], int],
) -> RunOutcome:
    from orchestration.definitions import build_definitions
    from orchestration.resources import RaporSettings
    from orchestration.run_storage import sqlite_files_kept_open
    from orchestration.run_summary import summarize_run
    from rapor.progress import Progress, stage_seconds

    settings = RaporSettings(
        home=str(paths.root),
        inbox=str(inbox.resolve()),
        scheme=str(scheme or "magelang"),
        publication_reason=reason,
        lang=lang,
    )
    job = build_definitions(settings).resolve_job_def("quarterly_refresh")
    os.environ.update(PLAIN_LOG_ENVIRONMENT)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    run_id = str(uuid.uuid4())
    with (
        sqlite_files_kept_open(),
        dagster_instance(paths) as instance,
        log_path.open("a", encoding="utf-8") as log,
        redirect_stdout(log),
        redirect_stderr(log),
    ):
        with Progress(instance, run_id, say or (lambda _line: None), lang):
            job.execute_in_process(
                partition_key=quarter.partition_key,
                instance=instance,
                raise_on_error=False,
                run_id=run_id,
            )
        summary = summarize_run(instance, run_id)
        for detail in summary.error_details:
            print(detail, file=log)
    if received():
        # Dagster ended the interrupted run as a failure of its step: no report of it
        raise Interrupted(received())
    outcome = RunOutcome(
        quarter,
        EXIT_ERROR if summary.postgres_error else EXIT_CODES[summary.status],
        summary.status,
        publication_version=summary.publication_version,
        failed_checks=summary.failed_checks,
        errors=summary.step_errors,
        run_id=run_id,
        log_path=log_path,
        postgres_error=summary.postgres_error,
    )
    if summary.load_id:
        outcome.findings = findings_of_load(paths, summary.load_id)
        outcome.findings += quality_findings_of(paths, quarter, run_id)
        if inbox.is_dir():
            outcome.notes = _nothing_new(paths, quarter, summary.load_id, lang)
    if outcome.exit_code != EXIT_PUBLISHED:
        outcome.cause = cause_lines(
            outcome.findings, summary.failed_checks, summary.error_details, inbox, lang
        )
    report_started = time.monotonic()
    outcome.report = write_quality_report(
        paths,
        quarter,
        run_id,
        summary.status,
        summary.failed_checks,
        summary.load_id,
        lang,
    )
    if outcome.exit_code == EXIT_PUBLISHED:
        outcome.quarterly, outcome.quarterly_error = quarterly_report_of(paths, quarter, lang)
    if say:
        say(
            run_text(
                "stage_report",
                lang,
                seconds=stage_seconds(time.monotonic() - report_started, lang),
                path=outcome.report.html,
            )
        )
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


def _nothing_new(paths: Home, quarter: Quarter, load_id: str, lang: Lang) -> list[str]:
    """When the run loaded no file, the files the quarter was rebuilt from."""
    with connect(paths.warehouse, read_only=True) as con:
        loaded_now = con.execute(
            "select count(*) from raw.ingested_files where load_id = ?", [load_id]
        ).fetchone()[0]
        if loaded_now:
            return []
        has_inputs = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'marts' and table_name = 'quarter_input_files'"
        ).fetchone()[0]
        files = (
            con.execute(
                "select distinct file_name from marts.quarter_input_files "
                "where quarter_key = ? order by 1",
                [quarter.key],
            ).fetchall()
            if has_inputs
            else []
        )
    names = [row[0] for row in files]
    shown = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
    return [run_text("nothing_new", lang, files=shown or "-")]


def _dagster_interruption() -> type[BaseException]:
    """Dagster turns SIGINT and SIGTERM in a step into this error (and forwards SIGINT to dbt)."""
    from dagster._core.errors import DagsterExecutionInterruptedError

    return DagsterExecutionInterruptedError


def _raise_interrupted(signum: int, _frame) -> None:
    raise Interrupted(signum)


@contextmanager
def _signals_interrupt() -> Iterator[Callable[[], int]]:
    """SIGTERM, like SIGINT, stops the run with an exception (Python's default would end the
    process without cleaning up). Inside a step Dagster handles both itself and may end the run
    as a mere failure: the wakeup file descriptor, below any Python handler, tells the signal
    that came. Yields what tells it (0: none). Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: 0
        return
    read_end, write_end = os.pipe()
    for end in (read_end, write_end):
        os.set_blocking(end, False)
    seen: list[int] = []

    def received() -> int:
        with suppress(BlockingIOError):
            seen.extend(os.read(read_end, 512))
        return next((s for s in seen if s in (signal.SIGINT, signal.SIGTERM)), 0)

    previous = {s: signal.signal(s, _raise_interrupted) for s in (signal.SIGINT, signal.SIGTERM)}
    previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    try:
        yield received
    finally:
        signal.set_wakeup_fd(previous_fd)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        os.close(read_end)
        os.close(write_end)


@contextmanager
def _signals_ignored() -> Iterator[None]:
    """A second Ctrl-C does not cut the cleaning up of the first one short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _after_interruption(
    paths: Home, quarter: Quarter, interrupted: BaseException, started: dt.datetime, log: Path
) -> RunOutcome:
    """Remove what the run was writing (dbt is stopped), and say whether a publication got
    through (its swap is atomic: it is either whole or absent)."""
    from publication.publish import remove_leftovers
    from reports.quality_report import remove_partial_reports

    remove_leftovers(paths)
    remove_partial_reports(paths, quarter)
    version = _published_since(paths, quarter, started)
    signal_name = getattr(interrupted, "signal_name", "")
    code = 128 + signal.Signals[signal_name] if signal_name else EXIT_INTERRUPTED
    outcome = RunOutcome(quarter, code, "interrupted", version, log_path=log)
    outcome.interrupted_by = signal_name
    with log.open("a", encoding="utf-8") as handle:
        print(f"interrupted ({outcome.interrupted_by or type(interrupted).__name__})", file=handle)
    return outcome


def _published_since(paths: Home, quarter: Quarter, started: dt.datetime) -> int | None:
    import duckdb

    if not paths.published_db.exists():
        return None
    try:
        with connect(paths.published_db, read_only=True) as con:
            row = con.execute(
                "select max(publication_version) from marts.publication_log "
                "where quarter_key = ? and published_at >= ?",
                [quarter.key, started],
            ).fetchone()
    except duckdb.Error:
        return None
    return row[0]


def children_of(pid: int) -> list[int]:
    """Every process descended from `pid` (dbt and what it starts), read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name, in parentheses, may hold spaces: the fields after it are fixed
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        for child in parents.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def stop_children(spared: set[int], grace_seconds: float = CHILD_STOP_SECONDS) -> None:
    """Stop the processes this run started (dbt and what it starts), not those in `spared`:
    SIGTERM, then SIGKILL those still there after `grace_seconds`."""
    kept = spared | {grandchild for child in spared for grandchild in children_of(child)}
    children = [child for child in children_of(os.getpid()) if child not in kept]
    for child in children:
        _signal(child, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and any(_alive(child) for child in children):
        time.sleep(0.05)
    for child in children:
        if _alive(child):
            _signal(child, signal.SIGKILL)
    for child in children:
        _reap(child)


def _signal(pid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signum)


def _alive(pid: int) -> bool:
    _reap(pid)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _reap(pid: int) -> None:
    with suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


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
