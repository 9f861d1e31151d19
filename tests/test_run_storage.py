"""Dagster's SQLite files keep one idle connection during a run (orchestration/run_storage.py):
closing Dagster's own connections then checkpoints nothing, and leaving checkpoints once."""

from __future__ import annotations

from pathlib import Path

from core.home import Home
from orchestration import run_storage
from rapor.runner import dagster_instance

RUN_ID = "0f0f0f0f-0000-0000-0000-000000000001"


def _report_events(home: Path, count: int) -> Path:
    from dagster._core.storage.dagster_run import DagsterRun, DagsterRunStatus

    with dagster_instance(Home(home)) as instance:
        run = instance.add_run(
            DagsterRun(job_name="quarterly_refresh", run_id=RUN_ID, status=DagsterRunStatus.STARTED)
        )
        for i in range(count):
            instance.report_engine_event(f"event {i}", run)
        assert len(instance.all_logs(RUN_ID)) == count
    return home / "dagster" / "history" / "runs" / f"{RUN_ID}.db"


def test_inside_a_run_closing_a_connection_does_not_checkpoint(tmp_path):
    with run_storage.sqlite_files_kept_open():
        shard = _report_events(tmp_path, 5)
        # the log is still there: no close was the last one, so none checkpointed it away
        assert shard.with_name(shard.name + "-wal").exists()
        assert str(shard) in run_storage._kept_open
    assert run_storage._kept_open is None
    # leaving closed the idle connections: the last close checkpointed the log into the file
    assert not shard.with_name(shard.name + "-wal").exists()


def test_outside_a_run_nothing_is_kept_open(tmp_path):
    shard = _report_events(tmp_path, 2)
    assert run_storage._kept_open is None
    assert not shard.with_name(shard.name + "-wal").exists()


def test_nested_runs_leave_the_connections_to_the_outermost(tmp_path):
    with run_storage.sqlite_files_kept_open():
        with run_storage.sqlite_files_kept_open():
            shard = _report_events(tmp_path, 2)
        assert str(shard) in run_storage._kept_open
    assert run_storage._kept_open is None
