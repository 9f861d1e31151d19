"""The Dagster definitions: they load, form one graph, and carry the quarterly schedule."""

from __future__ import annotations

import dagster as dg


def test_definitions_load_as_one_graph():
    from orchestration.definitions import defs

    keys = {key.to_user_string() for key in defs.resolve_all_asset_keys()}
    assert {
        "raw/opd",
        "raw/anggaran",
        "raw/scheme_parameters",
        "staging/stg_inbox__opd",
        "marts/opd_quarter_ranking",
        "published/quarter",
    } <= keys
    graph = defs.resolve_asset_graph()
    # dbt sources are the ingest assets themselves: no dangling source keys
    staging = graph.get(dg.AssetKey(["staging", "stg_inbox__budget_lines"]))
    assert dg.AssetKey(["raw", "anggaran"]) in staging.parent_keys
    published = graph.get(dg.AssetKey(["published", "quarter"]))
    assert dg.AssetKey(["marts", "opd_quarter_ranking"]) in published.parent_keys


def test_the_asset_graph_has_no_detached_islands():
    """Inbox datasets → raw tables → dbt models → publication read as one connected graph."""
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = set(graph.get_all_asset_keys())
    neighbours = {key: set() for key in keys}
    for key in keys:
        for parent in graph.get(key).parent_keys:
            neighbours[key].add(parent)
            neighbours[parent].add(key)
    reached, todo = set(), [dg.AssetKey(["published", "quarter"])]
    while todo:
        key = todo.pop()
        if key not in reached:
            reached.add(key)
            todo.extend(neighbours[key] - reached)
    assert sorted(k.to_user_string() for k in keys - reached) == []
    assert len(keys) > 50


def test_dbt_tests_are_asset_checks_and_ingest_checks_block():
    from orchestration.definitions import defs

    checks = {key.name: key for key in defs.resolve_asset_graph().asset_check_keys}
    assert any(name.startswith("weights_sum_to_100") for name in checks)
    assert "anggaran_files_accepted" in checks


def test_quarterly_partitions_and_schedule():
    from orchestration.definitions import defs
    from orchestration.partitions import quarterly_partitions

    keys = quarterly_partitions.get_partition_keys_in_range(
        dg.PartitionKeyRange("2024-Q1", "2024-Q4")
    )
    assert keys == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    schedule = defs.resolve_schedule_def("quarterly_refresh_schedule")
    assert schedule.cron_schedule == "0 0 1 */3 *"
    assert schedule.job_name == "quarterly_refresh"


def test_the_schedule_refreshes_the_quarter_that_just_closed():
    import datetime as dt

    from orchestration.definitions import defs

    schedule = defs.resolve_schedule_def("quarterly_refresh_schedule")
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(
            instance=instance,
            scheduled_execution_time=dt.datetime(2024, 10, 1, tzinfo=dt.UTC),
            repository_def=defs.get_repository_def(),
        )
        requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in requests] == ["2024-Q3"]


def test_the_code_location_loads_as_dagster_dev_does_from_a_fresh_shell(tmp_path):
    """`dagster dev` from a shell whose PATH lacks the venv: dbt is found beside Python."""
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "dagster").mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DAGSTER_IS_DEV_CLI": "1",
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "RAPOR_HOME": str(tmp_path / "home"),
    }
    dagster = Path(sys.executable).parent / "dagster"
    found = subprocess.run(
        [dagster, "definitions", "validate", "-m", "orchestration.definitions"],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr[-2000:]
    assert "Validation successful" in found.stderr + found.stdout


def test_the_dbt_process_starts_with_the_rapor_home_as_home(tmp_path, monkeypatch):
    """profiles.yml names the warehouse `~/warehouse/rapor.duckdb` in every home; a stray
    RAPOR_WAREHOUSE must not send a build elsewhere, and this process's environment is restored."""
    import os

    from orchestration.assets.dbt import _dbt_process_home

    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.setenv("RAPOR_WAREHOUSE", "/elsewhere/rapor.duckdb")
    with _dbt_process_home(tmp_path):
        assert os.environ["HOME"] == str(tmp_path)
        assert "RAPOR_WAREHOUSE" not in os.environ
    assert os.environ["HOME"] == "/home/someone"
    assert os.environ["RAPOR_WAREHOUSE"] == "/elsewhere/rapor.duckdb"
