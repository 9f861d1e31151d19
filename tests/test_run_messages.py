"""The causes a run names, without running the pipeline: a lock holder with its PID and what it
probably is, one line per missing folder, scheme errors one line each in the run's language, and
the home lock between two processes, and the exit code of a backfill stopped by a busy home or
an interruption (the end-to-end runs are in tests/test_run_terminal.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import yaml

from core.findings import Finding
from core.home import Home
from core.home_lock import HomeBusy, home_lock, read_holder
from core.scheme import SchemeError, load_scheme
from rapor.causes import FINDINGS_SHOWN, cause_lines, holder_kind, lock_cause
from rapor.progress import Progress, Stage

HOLD_LOCK = """
import sys, time
from pathlib import Path
from core.home import Home
from core.home_lock import home_lock
with home_lock(Home(Path(sys.argv[1])), "2025-Q2", 0):
    print("locked", flush=True)
    time.sleep(60)
"""


def _duckdb_lock_error(db: Path) -> tuple[str, subprocess.Popen]:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True);"
            " time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    with pytest.raises(duckdb.IOException) as refused:
        duckdb.connect(str(db), read_only=True)
    return str(refused.value), holder


def test_a_duckdb_lock_names_the_holder_pid_and_what_it_is(tmp_path):
    db = tmp_path / "rapor.duckdb"
    error, holder = _duckdb_lock_error(db)
    try:
        english = lock_cause(f"Failure: {error}\nStack Trace: …", "en")
        indonesian = lock_cause(error, "id")
    finally:
        holder.kill()
        holder.wait()
    assert english.startswith(f"{db} is held open for writing by process PID {holder.pid}")
    assert "(a Python program: " in english and "duckdb.connect" in english
    assert f"dibuka untuk menulis oleh proses PID {holder.pid} (program Python" in indonesian
    # once the holder has ended, the message says so rather than guessing
    assert "(the process has ended: " in lock_cause(error, "en")


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        (["/usr/bin/python3", "-m", "rapor.cli", "run"], "another rapor run"),
        (["/srv/.venv/bin/python", "/srv/.venv/bin/dbt", "build"], "a dbt process"),
        (["/opt/dbeaver/dbeaver"], "probably a BI tool"),
        (["duckdb", "published/rapor.duckdb"], "probably the DuckDB CLI"),
        (["/usr/bin/python3", "-c", "import duckdb"], "a Python program"),
        (["/usr/bin/vim"], "another program"),
    ],
)
def test_what_a_lock_holder_probably_is(argv, kind):
    assert holder_kind(argv, "en") == kind


def test_a_folder_the_scheme_needs_is_one_line_not_one_per_agency(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "opd").mkdir(parents=True)
    (inbox / "opd" / "opd.csv").write_text("opd_code\n")
    missing = [
        Finding("error", "measure_data_missing", "…", "anggaran/", column="opd_code", value=code)
        for code in (f"D{i:02}" for i in range(40))
    ]
    lines = cause_lines(missing, ["raw/scheme_components: coverage"], [], inbox, "en")
    assert lines == [
        "the folder anggaran/ is missing or empty, and the scheme needs it "
        "(40 OPD without data this quarter)"
    ]
    (inbox / "anggaran").mkdir()
    (inbox / "anggaran" / "2025.csv").write_text("x\n")
    lines = cause_lines(missing[:2], [], [], inbox, "en")
    assert lines == ["anggaran/: 2 OPD without the data this quarter their scheme needs: D00, D01"]


def test_located_findings_first_few_and_the_count(tmp_path):
    findings = [
        Finding(
            "error",
            "pct_out_of_range",
            "a percentage …",
            "komponen/a.csv",
            "komponen",
            "",
            line,
            "score",
            "130",
        )
        for line in range(2, 12)
    ]
    lines = cause_lines(findings, [], [], tmp_path, "en")
    assert len(lines) == FINDINGS_SHOWN + 1
    assert (
        lines[0] == "ERROR komponen/a.csv, line 2, column score: a percentage … (value '130') "
        "[pct_out_of_range]"
    )
    assert lines[-1] == f"… and {10 - FINDINGS_SHOWN} more finding(s) in the quality report"


def test_an_unexpected_failure_gives_its_last_line():
    detail = "dagster.Failure: boom\nsecond line: the real one\nStack Trace:\n  File x"
    assert cause_lines([], [], [detail], None, "en") == [
        "unexpected error: second line: the real one"
    ]


def test_a_stage_line_writes_numbers_in_the_run_language():
    stage = Stage(started=10.0, ended=18.94, metadata={"files_loaded": 8, "rows_loaded": 20279})
    line = Progress(None, "run", print, "id").line("ingest", stage)
    assert line.startswith("ingest     8,9 dtk  8 berkas (8 dimuat,")
    assert "20.279 baris" in line
    english = Progress(None, "run", print, "en").line("ingest", stage)
    assert english.startswith("ingest     8.9s  8 file(s)") and "20,279 rows" in english


def test_a_scheme_error_is_one_line_per_problem_with_file_and_key_path(tmp_path, capsys):
    from rapor.cli import main

    document = yaml.safe_load(Path("schemes/bekasi.yml").read_text(encoding="utf-8"))
    document["components"][0]["weight"] -= 10
    path = tmp_path / "bobot.yml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(SchemeError) as refused:
        load_scheme(path)
    assert refused.value.lines("en") == [
        f"{path}: components[].weight: component weights must sum to 100, they sum to 90"
    ]
    document["components"][0]["weight"] += 10
    document["audit_plan"] = {"capacity": 0}
    document["surprise"] = 1
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    home = tmp_path / "home"
    args = ["run", "--inbox", str(tmp_path), "--quarter", "2025-Q2", "--home", str(home)]
    assert main([*args, "--scheme", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"rapor: {path}: audit_plan.capacity: harus paling sedikit 1",
        f"rapor: {path}: surprise: kunci tidak dikenal dalam skema (salah ketik?)",
    ]
    assert not home.exists(), "refused before anything is written"


def test_the_home_lock_makes_a_second_process_wait_then_refuse(tmp_path):
    home = Home(tmp_path / "home")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home.root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        told = []
        started = time.monotonic()
        with pytest.raises(HomeBusy) as busy, home_lock(home, "2025-Q3", 1.0, told.append):
            pytest.fail("the lock is held by the other process")
        assert time.monotonic() - started >= 1.0
        assert (busy.value.holder.pid, busy.value.holder.quarter) == (holder.pid, "2025-Q2")
        assert told == [busy.value.holder]
    finally:
        holder.kill()
        holder.wait()
    # the kernel dropped the killed holder's lock: nothing to clear by hand
    with home_lock(home, "2025-Q3", 0) as mine:
        assert read_holder(home) == mine
    assert read_holder(home).pid is None


def test_a_refused_republication_names_tables_keys_and_columns(tmp_path):
    from orchestration.assets.publish import refusal_text
    from publication.differences import differences
    from publication.publish import PublicationRefused

    published, warehouse = tmp_path / "published.duckdb", tmp_path / "warehouse.duckdb"
    ranking = [("2025-Q2", f"K{i}", 60.0 + i, i) for i in range(1, 9)]
    for db, version in ((published, ", 1 as publication_version"), (warehouse, "")):
        with duckdb.connect(str(db)) as con:
            con.execute("create schema marts")
            con.execute(
                "create table marts.opd_quarter_ranking (quarter_key varchar, opd_code varchar, "
                "index_score double, rank integer)"
            )
            con.executemany("insert into marts.opd_quarter_ranking values (?, ?, ?, ?)", ranking)
            con.execute(
                f"create table marts.audit_plan as select quarter_key, opd_code{version} "
                "from marts.opd_quarter_ranking"
            )
    with duckdb.connect(str(warehouse)) as con:
        # a correction moves every OPD but K1 by a point; K2 and K3 swap ranks
        con.execute(
            "update marts.opd_quarter_ranking set index_score = index_score + 1 "
            "where opd_code <> 'K1'"
        )
        con.execute(
            "update marts.opd_quarter_ranking set rank = 5 - rank where opd_code in ('K2', 'K3')"
        )
    found = differences(published, warehouse, "2025-Q2")
    assert [(d.table, d.rows, d.columns) for d in found] == [
        ("opd_quarter_ranking", 7, ("index_score", "rank"))
    ]
    text = refusal_text(PublicationRefused("…", 1, found), "2025-Q2", "en")
    assert text.splitlines() == [
        "2025-Q2 is already published as version 1 and the new result differs; republishing "
        'needs a reason (rapor run … --reason "…")',
        "opd_quarter_ranking: 7 row(s) differ (keys K2, K3, K4, K5, K6 (+2); "
        "columns index_score, rank)",
    ]


def test_an_unreachable_database_is_one_line():
    detail = (
        'psycopg.OperationalError: connection failed: connection to server at "127.0.0.1", '
        "port 5999 failed: Connection refused\n\tIs the server running on that host?\n"
        "Stack Trace:\n  File …"
    )
    assert cause_lines([], [], [detail], None, "en") == [
        'the database cannot be reached: connection failed: connection to server at "127.0.0.1", '
        "port 5999 failed: Connection refused"
    ]


def test_a_run_the_schedule_or_the_ui_starts_takes_the_home_lock_too(tmp_path):
    """Dagster runs that do not come through `rapor run` hold the lock through their resource:
    with the home held elsewhere, the run fails at its start, naming the holder, and reads
    nothing."""
    import dagster as dg

    from core.quarters import Quarter
    from orchestration.definitions import build_definitions
    from orchestration.resources import HomeLock, RaporSettings

    home = tmp_path / "home"
    settings = RaporSettings(home=str(home), inbox=str(tmp_path / "inbox"))
    job = build_definitions(settings).resolve_job_def("quarterly_refresh")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with dg.DagsterInstance.ephemeral() as instance:
            result = job.execute_in_process(
                partition_key=Quarter(2025, 2).partition_key,
                instance=instance,
                raise_on_error=False,
                resources={"home_lock": HomeLock(home=str(home), wait_seconds=0.5)},
            )
            failures = instance.all_logs(result.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
            errors = [
                r.get_dagster_event().event_specific_data.error
                for r in instance.all_logs(result.run_id)
                if r.is_dagster_event
                and r.get_dagster_event().event_type_value == "RESOURCE_INIT_FAILURE"
            ]
    finally:
        holder.kill()
        holder.wait()
    assert not result.success and failures
    assert any(f"PID {holder.pid}, quarter 2025-Q2" in e.to_string() for e in errors)
    assert not (home / "warehouse").exists(), "nothing was read nor written"


def _backfill_with(monkeypatch, tmp_path, run_quarter) -> tuple[int, list[str]]:
    import rapor.runner
    from rapor.cli import main

    ran: list[str] = []

    def recorded(home, inbox, quarter, *args, **kwargs):
        ran.append(quarter.key)
        return run_quarter(quarter)

    monkeypatch.setattr(rapor.runner, "run_quarter", recorded)
    command = ["backfill", "--from", "2025-Q1", "--to", "2025-Q3", "--inbox", str(tmp_path)]
    return main([*command, "--home", str(tmp_path / "home"), "--lang", "en"]), ran


def test_a_busy_home_stops_a_backfill_with_exit_3_naming_the_holder(monkeypatch, tmp_path, capsys):
    from core.home_lock import LockHolder

    def busy(_quarter):
        raise HomeBusy(LockHolder(4242, "2025-Q2", "2025-07-01T08:00:00"), 60.0)

    code, ran = _backfill_with(monkeypatch, tmp_path, busy)
    assert (code, ran) == (3, ["2025-Q1"])
    assert "PID 4242" in capsys.readouterr().err


def test_an_interrupted_quarter_stops_a_backfill_with_its_signal_code(
    monkeypatch, tmp_path, capsys
):
    from rapor.runner import RunOutcome

    def interrupted(quarter):
        outcome = RunOutcome(quarter, 143, "interrupted")
        outcome.interrupted_by = "SIGTERM"
        return outcome

    code, ran = _backfill_with(monkeypatch, tmp_path, interrupted)
    assert (code, ran) == (143, ["2025-Q1"]), "later quarters are not run"
    assert "SIGTERM" in capsys.readouterr().err
