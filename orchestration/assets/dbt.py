"""dbt models as Dagster assets; dbt tests arrive as asset checks (error severity blocks)."""

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from core.warehouse import connect
from ingest.build_quarter import set_build_quarter
from orchestration.dbt_project import rapor_dbt_project
from orchestration.partitions import quarter_of, quarterly_partitions
from orchestration.resources import RaporSettings


class RaporDbtTranslator(DagsterDbtTranslator):
    """Models keyed `<layer schema>/<model>`; sources keyed onto the ingest assets (`raw/<table>`)
    so the asset graph is one piece."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        schema = dbt_resource_props.get("config", {}).get("schema") or dbt_resource_props["schema"]
        return dg.AssetKey([schema, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


@contextmanager
def _dbt_process_home(home: Path) -> Iterator[None]:
    """While the dbt process starts (it inherits this process's environment), HOME is the Rapor
    home: profiles.yml names the warehouse `~/warehouse/rapor.duckdb` in every home, so dbt
    keeps the parse made at setup (a profile naming each home's own file would be parsed anew
    in each, 6 s). A RAPOR_WAREHOUSE left in the environment must not send the build elsewhere."""
    saved = {name: os.environ.get(name) for name in ("HOME", "RAPOR_WAREHOUSE")}
    os.environ["HOME"] = str(home)
    os.environ.pop("RAPOR_WAREHOUSE", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dbt_assets(
    manifest=rapor_dbt_project.manifest_path,
    project=rapor_dbt_project,
    partitions_def=quarterly_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    dagster_dbt_translator=RaporDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
    ),
)
def rapor_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, rapor: RaporSettings):
    paths = rapor.paths
    with connect(paths.warehouse) as con:
        set_build_quarter(con, quarter_of(context))
    with _dbt_process_home(paths.root.resolve()):
        # unit tests check the formulas on hand-made rows (tests/test_dbt_unit_tests.py), not
        # the quarter's data: a production build need not spend its time on them
        invocation = dbt.cli(
            ["build", "--exclude-resource-type", "unit_test"],
            context=context,
            target_path=paths.dbt_target,
        )
    yield from invocation.stream()
