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


def test_the_event_log_keeps_an_engine_per_file_a_few_runs_at_most(tmp_path):
    """One engine per SQLite file instead of one per event, for the index and the latest runs
    only; the files are Dagster's own: its default storage reads the same events."""
    from dagster import DagsterInstance
    from dagster._core.storage.dagster_run import DagsterRun, DagsterRunStatus

    run_ids = [f"0f0f0f0f-0000-0000-0000-00000000001{i}" for i in range(6)]
    with dagster_instance(Home(tmp_path)) as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, run_storage.SqliteEventLogStorageKeepingEngines)
        for run_id in run_ids:
            run = instance.add_run(
                DagsterRun(
                    job_name="quarterly_refresh", run_id=run_id, status=DagsterRunStatus.STARTED
                )
            )
            for i in range(3):
                instance.report_engine_event(f"event {i}", run)
        kept = list(storage._engines)
        assert kept[-run_storage.KEPT_RUN_ENGINES :] == run_ids[-run_storage.KEPT_RUN_ENGINES :]
        assert len([shard for shard in kept if shard in run_ids]) == run_storage.KEPT_RUN_ENGINES
    assert storage._engines == {}
    with DagsterInstance.from_config(str(tmp_path / "dagster")) as default:
        assert type(default.event_log_storage).__name__ == "SqliteEventLogStorage"
        assert [len(default.all_logs(run_id)) for run_id in run_ids] == [3] * len(run_ids)
