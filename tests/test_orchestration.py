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


def test_dbt_tests_are_asset_checks_and_ingest_checks_block():
    from orchestration.definitions import defs

    checks = {key.name: key for key in defs.resolve_asset_graph().asset_check_keys}
    assert any(name.startswith("weights_sum_to_100") for name in checks)
    assert "anggaran_files_accepted" in checks


def test_quarterly_partitions_and_schedule():
    from orchestration.definitions import defs
    from orchestration.partitions import quarterly_partitions

    keys = quarterly_partitions.get_partition_keys_in_range(
        dg.PartitionKeyRange("2024-01-01", "2024-10-01")
    )
    assert keys == ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"]
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
        )
        requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in requests] == ["2024-07-01"]


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
