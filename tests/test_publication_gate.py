"""Nothing wrong is published; nothing published is lost (docs/interface.md#the-atomic-swap).

A small region scored by the `assessed_only` test scheme, refreshed several times in one home.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.quarters import Quarter
from rapor.runner import EXIT_GATE_FAILED, EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import as_dicts, opd_row, write_rows

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
QUARTER = Quarter(2025, 1)
OPDS = ["G1", "G2", "G3", "G4"]


def _scores(scores: dict[str, str]) -> list[dict]:
    return [
        {
            "year": 2025,
            "quarter": 1,
            "opd_code": code,
            "component": "nilai",
            "score": score,
            "assessor": "Inspektorat",
        }
        for code, score in scores.items()
    ]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("gate")
    inbox, home = root / "inbox", root / "home"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in OPDS])
    write_rows(
        inbox,
        "komponen",
        "nilai_tw1.csv",
        _scores({"G1": "80", "G2": "70", "G3": "60", "G4": "50"}),
    )
    first = run_quarter(home, inbox, QUARTER, SCHEME)
    assert first.exit_code == EXIT_PUBLISHED and first.publication_version == 1
    return inbox, home


def _published(home: Path) -> Path:
    return home / "published" / "rapor.duckdb"


def test_bad_value_blocks_publication_and_names_file_line_column(region):
    inbox, home = region
    before = _sha(_published(home))
    bad = write_rows(
        inbox,
        "komponen",
        "nilai tambahan Q1.csv",
        [
            {
                "year": 2025,
                "quarter": 1,
                "opd_code": "G1",
                "component": "extra",
                "score": "8O",
                "assessor": "x",
            },
            {
                "year": 2025,
                "quarter": 1,
                "opd_code": "G2",
                "component": "extra",
                "score": "130",
                "assessor": "x",
            },
        ],
    )
    outcome = run_quarter(home, inbox, QUARTER, SCHEME)
    assert outcome.exit_code == EXIT_GATE_FAILED
    assert "raw/komponen: komponen_files_accepted" in outcome.failed_checks
    located = {(f.file_name, f.line, f.column, f.value, f.rule) for f in outcome.errors_found}
    assert ("komponen/nilai tambahan Q1.csv", 2, "score", "8O", "unparseable_value") in located
    assert ("komponen/nilai tambahan Q1.csv", 3, "score", "130", "pct_out_of_range") in located
    assert _sha(_published(home)) == before, "the last publication must stay exactly as it was"
    assert bad.exists(), "the raw file is kept"
    report = json.loads(outcome.report.json.read_text(encoding="utf-8"))
    assert report["status"] == "gate_failed"
    assert {
        "file_name": "komponen/nilai tambahan Q1.csv",
        "line": 3,
        "column": "score",
    }.items() <= (
        next(f for f in report["ingest_findings"] if f["rule"] == "pct_out_of_range").items()
    )
    page = outcome.report.html.read_text(encoding="utf-8")
    assert "nilai tambahan Q1.csv" in page and "pct_out_of_range" in page
    _the_failure_sensor_writes_the_same_report(home, outcome)
    bad.unlink()


def _the_failure_sensor_writes_the_same_report(home: Path, outcome) -> None:
    """A run the schedule or the UI started gets its report from the run-failure sensor."""
    import dagster as dg

    from orchestration.resources import RaporSettings
    from orchestration.sensors import quality_report_when_stopped

    written = json.loads(outcome.report.json.read_text(encoding="utf-8"))
    outcome.report.json.unlink()
    outcome.report.html.unlink()
    with dg.DagsterInstance.from_config(str(home / "dagster")) as instance:
        failure = instance.all_logs(outcome.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)[0]
        context = dg.build_run_status_sensor_context(
            sensor_name="quality_report_when_stopped",
            dagster_event=failure.get_dagster_event(),
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(outcome.run_id),
            resources={"rapor": RaporSettings(home=str(home), inbox=str(home / "inbox"))},
        ).for_run_failure()
        quality_report_when_stopped(context)
    rewritten = json.loads(outcome.report.json.read_text(encoding="utf-8"))
    for same in ("status", "failed_checks", "ingest_findings", "rules", "completeness"):
        assert rewritten[same] == written[same]
    assert outcome.report.html.exists()


def test_unchanged_rerun_publishes_nothing_new(region):
    inbox, home = region
    before = _sha(_published(home))
    outcome = run_quarter(home, inbox, QUARTER, SCHEME)
    assert (outcome.exit_code, outcome.status, outcome.publication_version) == (
        EXIT_PUBLISHED,
        "unchanged",
        1,
    )
    assert _sha(_published(home)) == before
    # nothing new in the inbox: every suite's outcome of the first run stands, for this run
    suites = as_dicts(
        home / "warehouse" / "rapor.duckdb",
        "select distinct suite, run_id, validated_run_id <> run_id as reused "
        "from raw.quality_results where quarter_key = '2025-Q1'",
    )
    assert len(suites) == 9
    assert all(row["reused"] and row["run_id"] == outcome.run_id for row in suites)


def test_an_opd_without_data_for_a_measure_stops_publication(region, tmp_path):
    inbox, home = region
    before = _sha(_published(home))
    extra = write_rows(
        inbox, "opd", "opd_baru.csv", [opd_row(code, f"Dinas {code}") for code in [*OPDS, "G5"]]
    )
    outcome = run_quarter(home, inbox, QUARTER, SCHEME)
    assert outcome.exit_code == EXIT_GATE_FAILED
    assert "raw/scheme_components: coverage_expectations" in outcome.failed_checks
    missing = [(f.rule, f.value, f.file_name) for f in outcome.errors_found]
    assert missing == [("measure_data_missing", "G5", "komponen/")]
    report = json.loads(outcome.report.json.read_text(encoding="utf-8"))
    g5 = next(row for row in report["completeness"] if row["opd_code"] == "G5")
    assert g5["komponen"] == 0
    assert _sha(_published(home)) == before
    # a corrected master (without G5) supersedes it in turn
    write_rows(inbox, "opd", "opd_baru.csv", [opd_row(code, f"Dinas {code} Kota") for code in OPDS])
    assert extra.exists()


def test_changed_result_needs_a_reason_then_gets_a_new_version(region):
    inbox, home = region
    write_rows(
        inbox,
        "komponen",
        "nilai_tw1_koreksi.csv",
        _scores({"G1": "80", "G2": "70", "G3": "65", "G4": "50"}),
    )
    refused = run_quarter(home, inbox, QUARTER, SCHEME)
    assert refused.exit_code == EXIT_GATE_FAILED
    # in the run's language (Indonesian by default), with what differs, table by table
    assert any("publikasi ulang memerlukan alasan" in e for e in refused.errors)
    ranking = next(line for line in refused.cause if line.startswith("opd_quarter_ranking:"))
    assert "G3" in ranking and "index_score" in ranking

    republished = run_quarter(home, inbox, QUARTER, SCHEME, reason="koreksi nilai G3")
    assert (republished.exit_code, republished.publication_version) == (EXIT_PUBLISHED, 2)
    db = _published(home)
    current = as_dicts(
        db,
        "select opd_code, index_score, publication_version "
        "from marts.opd_quarter_ranking where opd_code = 'G3'",
    )
    assert [(float(r["index_score"]), r["publication_version"]) for r in current] == [(65.0, 2)]
    history = as_dicts(
        db,
        "select publication_version, index_score from "
        "history.opd_quarter_ranking where opd_code = 'G3' order by 1",
    )
    assert [(r["publication_version"], float(r["index_score"])) for r in history] == [
        (1, 60.0),
        (2, 65.0),
    ]
    log = as_dicts(db, "select publication_version, reason from marts.publication_log order by 1")
    assert log == [
        {"publication_version": 1, "reason": None},
        {"publication_version": 2, "reason": "koreksi nilai G3"},
    ]
    parquet = home / "published" / "parquet" / "opd_quarter_ranking" / "quarter_key=2025-Q1"
    assert (parquet / "data.parquet").exists() and (parquet / "_version_2").exists()


def test_a_reader_holding_the_publication_open_does_not_block_a_run(region):
    inbox, home = region
    # the reader keeps its connection open until it reads a line: no clock decides the outcome
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('select count(*) from marts.opd_quarter_ranking').fetchone()[0], "
            "flush=True); sys.stdin.readline(); "
            "print(c.execute('select count(*) from marts.opd_quarter_ranking').fetchone()[0], "
            "flush=True)",
            str(_published(home)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "4"
        write_rows(
            inbox,
            "komponen",
            "nilai_tw1_koreksi2.csv",
            _scores({"G1": "81", "G2": "70", "G3": "65", "G4": "50"}),
        )
        outcome = run_quarter(home, inbox, QUARTER, SCHEME, reason="koreksi nilai G1")
        assert outcome.exit_code == EXIT_PUBLISHED and outcome.publication_version == 3
        assert reader.poll() is None, "the reader held its connection through the run"
        reader.stdin.write("done\n")
        reader.stdin.flush()
        # it still reads its own (old) file, whole
        assert reader.stdout.readline().strip() == "4"
    finally:
        reader.kill()
        reader.wait()


def test_an_exact_duplicate_row_is_counted_once_and_published_with_a_warning(region):
    inbox, home = region
    before = _sha(_published(home))
    rows = _scores({"G1": "81", "G2": "70", "G3": "65", "G4": "50"})
    write_rows(inbox, "komponen", "nilai_tw1_dobel.csv", [*rows, rows[2]])
    outcome = run_quarter(home, inbox, QUARTER, SCHEME)
    assert (outcome.exit_code, outcome.status) == (EXIT_PUBLISHED, "unchanged")
    warned = [(f.rule, f.line) for f in outcome.findings if f.severity == "warning"]
    assert warned == [("exact_duplicate_row", 4), ("exact_duplicate_row", 6)]
    assert _sha(_published(home)) == before
