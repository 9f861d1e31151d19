"""The Dagster UI's backfill of a range of quarters (docs/deploy.md): submitted as the UI submits
it (the `launchPartitionBackfill` mutation), turned into runs by the daemon's backfill iteration
and started by the run queue of `deploy/dagster.yaml`, the quarters are built oldest first, one at
a time.

The daemon's two iterations are called by the test, one after another, instead of a whole
`dagster-daemon` process; runs are launched in this process (`SyncInMemoryRunLauncher`) rather
than in a subprocess each, so a launched run has finished when the queue's iteration returns.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import dagster as dg
import pytest
import yaml

from core.home import Home
from core.quarters import Quarter
from tests.inbox_builder import ASSESSED_ONLY, assessed_scores, opd_row, query, write_rows

# two whole pipeline runs: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
RANGE = ["2024-Q4", "2025-Q1"]
# Dagster's default minimum interval of a run-status sensor
SENSOR_INTERVAL_SECONDS = 30
# The code location as deployed: the definitions built from the environment. A file rather than
# the module `orchestration.definitions`, whose `defs` a test process may have built already
# under another environment (the runs launched in this process load the location again).
CODE_LOCATION = """
from orchestration.definitions import build_definitions

defs = build_definitions()
"""


def _instance_overrides() -> dict:
    """The deployed run queue (one run at a time), runs launched in this process."""
    deployed = yaml.safe_load((REPO / "deploy" / "dagster.yaml").read_text(encoding="utf-8"))
    return {
        "run_coordinator": deployed["run_coordinator"],
        "run_launcher": {
            "module": "dagster._core.launcher.sync_in_memory_run_launcher",
            "class": "SyncInMemoryRunLauncher",
        },
    }


def _partitions(runs) -> list[str]:
    """The quarters of `runs`: a backfill's run is tagged with a range of one partition."""
    from orchestration.partitions import quarter_of_run

    return [quarter_of_run(run.tags).key for run in runs]


def test_a_ui_backfill_of_a_range_builds_the_quarters_oldest_first_one_at_a_time(
    tmp_path, monkeypatch
):
    from dagster._core.test_utils import create_test_daemon_workspace_context
    from dagster._core.workspace.load_target import PythonFileTarget
    from dagster._daemon.backfill import execute_backfill_iteration
    from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import (
        QueuedRunCoordinatorDaemon,
    )
    from dagster._daemon.sensor import execute_sensor_iteration
    from dagster_graphql.client.query import LAUNCH_PARTITION_BACKFILL_MUTATION
    from dagster_graphql.test.utils import execute_dagster_graphql

    from orchestration.definitions import build_definitions

    # a region with data for 2025-Q1 only: 2024-Q4 is stopped by the gate (no rows)
    inbox, home = tmp_path / "inbox", Home(tmp_path / "home")
    codes = {"B1": "80", "B2": "70", "B3": "60"}
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in codes])
    write_rows(inbox, "komponen", "nilai_tw1.csv", assessed_scores(2025, 1, codes))
    for name, value in {
        "RAPOR_HOME": str(home.root),
        "RAPOR_INBOX": str(inbox),
        "RAPOR_SCHEME": str(ASSESSED_ONLY),
        "RAPOR_LANG": "en",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("RAPOR_POSTGRES_URL", raising=False)
    location = tmp_path / "location.py"
    location.write_text(CODE_LOCATION, encoding="utf-8")
    target = PythonFileTarget(str(location), "defs", str(REPO), "rapor")
    logger = logging.getLogger("backfill-test")

    with (
        dg.instance_for_test(overrides=_instance_overrides()) as instance,
        create_test_daemon_workspace_context(target, instance) as workspace,
    ):
        # the UI selects the assets of the job `quarterly_refresh`: every one it can materialize
        job = build_definitions().resolve_job_def("quarterly_refresh")
        every_asset = [
            {"path": list(key.path)} for key in sorted(job.asset_layer.executable_asset_keys)
        ]
        # what the UI sends when a range of the job's quarters is backfilled
        launched = execute_dagster_graphql(
            workspace.create_request_context(),
            LAUNCH_PARTITION_BACKFILL_MUTATION,
            variables={
                "backfillParams": {
                    "partitionNames": RANGE,
                    "assetSelection": every_asset,
                    "fromFailure": False,
                }
            },
        )
        outcome = launched.data["launchPartitionBackfill"]
        assert outcome["__typename"] == "LaunchBackfillSuccess", outcome

        list(execute_backfill_iteration(workspace, logger))
        queued = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.QUEUED]))
        # get_runs is newest first: the oldest quarter was asked for first
        assert _partitions(reversed(queued)) == RANGE

        # the sensors' first tick: a run-status sensor watches the runs that end after it
        list(execute_sensor_iteration(workspace, logger, None, None))
        queue = QueuedRunCoordinatorDaemon(interval_seconds=1)
        started = []
        for _ in RANGE:
            list(queue.run_iteration(workspace))
            runs = instance.get_runs()
            done = [r for r in runs if r.status != dg.DagsterRunStatus.QUEUED]
            # one run launched per turn of the queue, while the next quarter waits its turn
            started.append(_partitions(done))
            list(execute_backfill_iteration(workspace, logger))
        runs = instance.get_runs()
        statuses = dict(zip(_partitions(runs), [r.status for r in runs], strict=True))
        # the quality-report sensors see the backfill's runs (Dagster's implicit asset job); as
        # the daemon does, a sensor is evaluated again once its interval has passed, until each
        # run it watches has been seen (on a busy machine one tick may come before a run's end)
        for _ in range(3):
            list(execute_sensor_iteration(workspace, logger, None, None))
            if all((home.reports_dir / q / "quality.json").exists() for q in RANGE):
                break
            time.sleep(SENSOR_INTERVAL_SECONDS + 1)
        reported = {
            quarter: json.loads((home.reports_dir / quarter / "quality.json").read_text())
            for quarter in RANGE
        }

    assert started == [["2024-Q4"], ["2025-Q1", "2024-Q4"]]
    assert statuses == {
        "2024-Q4": dg.DagsterRunStatus.FAILURE,
        "2025-Q1": dg.DagsterRunStatus.SUCCESS,
    }
    assert {q: report["status"] for q, report in reported.items()} == {
        "2024-Q4": "gate_failed",
        "2025-Q1": "published",
    }
    log = query(
        home.published_db, "select quarter_key, publication_version from marts.publication_log"
    )
    assert log == [(Quarter(2025, 1).key, 1)]
