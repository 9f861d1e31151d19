"""Late and corrected files (docs/deploy.md): the inbox sensor asks for the quarters a new file's
own rows touch, and `rapor backfill` runs a range of quarters oldest first.

A small region scored by the `assessed_only` test scheme, 2025-Q1 published once for the module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import dagster as dg
import pytest

from core.home import Home
from core.quarters import Quarter
from ingest.archive import sha256_of
from rapor.cli import main
from rapor.runner import dagster_instance
from tests.inbox_builder import (
    ASSESSED_ONLY,
    assessed_scores,
    opd_row,
    published_region,
    query,
    write_rows,
)

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

SCHEME = ASSESSED_ONLY
QUARTER = Quarter(2025, 1)
OPDS = ["L1", "L2", "L3"]
NOW = dt.datetime.now(dt.UTC)


def _scores(quarter: Quarter, scores: list[str]) -> list[dict]:
    return assessed_scores(quarter.year, quarter.quarter, dict(zip(OPDS, scores, strict=True)))


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    scores = dict(zip(OPDS, ["80", "70", "60"], strict=True))
    return published_region(tmp_path_factory.mktemp("late"), 2025, 1, scores)


def _settings(inbox: Path, home: Home):
    from orchestration.resources import RaporSettings

    return RaporSettings(home=str(home.root), inbox=str(inbox), scheme=str(SCHEME))


def test_the_sensor_refreshes_the_published_quarter_a_corrected_file_touches(region):
    from orchestration.definitions import build_definitions
    from orchestration.jobs import REASON_TAG
    from orchestration.partitions import closed_quarter
    from orchestration.sensors import late_file_requests

    inbox, home = region
    settings = _settings(inbox, home)
    # nothing new: every file of the inbox is in the archive
    assert late_file_requests(settings, None, NOW.date())[0] == []
    write_rows(inbox, "komponen", "nilai_tw1_koreksi.csv", _scores(QUARTER, ["80", "75", "60"]))
    # a file of the open quarter asks for nothing yet: the schedule refreshes it once closed
    open_quarter = closed_quarter(NOW).next()
    write_rows(inbox, "komponen", "nilai_open.csv", _scores(open_quarter, ["1", "2", "3"]))
    definitions = build_definitions(settings)
    sensor = definitions.resolve_sensor_def("late_files")
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(
            instance=instance,
            resources={"rapor": settings},
            repository_def=definitions.get_repository_def(),
        )
        result = sensor.evaluate_tick(context)
        (request,) = result.run_requests
        assert request.partition_key == "2025-Q1"
        assert request.tags[REASON_TAG] == "late file: nilai_tw1_koreksi.csv"
        assert request.run_key.startswith("late:2025-Q1:")
        # the same files never trigger twice
        again = dg.build_sensor_context(
            instance=instance,
            resources={"rapor": settings},
            repository_def=definitions.get_repository_def(),
            cursor=result.cursor,
        )
        assert sensor.evaluate_tick(again).run_requests == []
    job = definitions.resolve_job_def("quarterly_refresh")
    with dagster_instance(home) as instance:
        run = job.execute_in_process(
            partition_key=request.partition_key, tags=request.tags, instance=instance
        )
    assert run.success
    log = query(
        home.published_db,
        "select publication_version, reason from marts.publication_log order by 1",
    )
    assert log == [(1, None), (2, "late file: nilai_tw1_koreksi.csv")]


def test_backfill_runs_oldest_first_and_a_stopped_quarter_does_not_stop_the_rest(region, capsys):
    inbox, home = region
    command = ["backfill", "--from", "2024-Q4", "--to", "2025-Q1", "--inbox", str(inbox)]
    command += ["--home", str(home.root), "--scheme", str(SCHEME)]
    assert main(command) == 2
    lines = capsys.readouterr().out.splitlines()
    quarters = [line.split(":")[0] for line in lines if line[:4].isdigit()]
    assert quarters == ["2024-Q4", "2025-Q1"]
    (stopped,) = [line for line in lines if line.startswith("2024-Q4")]
    assert stopped.startswith("2024-Q4: stopped (") and len(stopped) > len("2024-Q4: stopped ()")
    assert "2025-Q1: unchanged (publication version 2)" in lines
    assert lines[-1] == "backfill 2024-Q4 … 2025-Q1: 0 published, 1 unchanged, 1 stopped"

    assert main([*command, "--stop-on-failure"]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("2025-Q1") for line in lines)
    assert "  --stop-on-failure: 1 later quarter(s) not run" in lines
    assert lines[-1] == "backfill 2024-Q4 … 2025-Q1: 0 published, 0 unchanged, 1 stopped"


def test_a_changed_opd_master_refreshes_the_published_quarters_its_agencies_are_active_in(region):
    """Last in the module: it changes the inbox's master (without running the refresh)."""
    from orchestration.jobs import REASON_TAG
    from orchestration.sensors import late_file_requests

    inbox, home = region
    settings = _settings(inbox, home)
    _, cursor = late_file_requests(settings, None, NOW.date())
    # an agency created in 2026: no published quarter is in its window (2026-Q1 has closed,
    # but a master alone makes no quarter: its own data files ask for it)
    created = opd_row("L9", "Dinas Baru") | {"active_from": "2026-01-01"}
    write_rows(inbox, "opd", "opd_2026.csv", [created])
    requests, cursor = late_file_requests(settings, cursor, NOW.date())
    assert requests == []
    # L2 renamed, in the master without dates: every published quarter
    renamed = [opd_row(code, "Dinas Kedua" if code == "L2" else f"Dinas {code}") for code in OPDS]
    master = write_rows(inbox, "opd", "opd.csv", renamed)
    requests, cursor = late_file_requests(settings, cursor, NOW.date())
    (request,) = requests
    assert request.partition_key == QUARTER.key
    assert request.tags[REASON_TAG] == "late file: opd.csv"
    # the run key is the rule of every late file: the quarter and the hash of its files' hashes
    digest = hashlib.sha256(sha256_of(master).encode()).hexdigest()
    assert request.run_key == f"late:{QUARTER.key}:{digest}"
    assert late_file_requests(settings, cursor, NOW.date())[0] == []
