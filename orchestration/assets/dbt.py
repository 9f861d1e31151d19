"""dbt models as Dagster assets; dbt tests arrive as asset checks (error severity blocks)."""

import subprocess
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
from dagster_dbt.errors import DagsterDbtCliRuntimeError

from core.dbt_standby import python_module_command
from core.environment import environment
from core.home import Home
from core.quarters import Quarter
from core.scheme import LoadedScheme, load_scheme
from core.warehouse import connect
from ingest.build_quarter import set_build_quarter
from ingest.built_quarters import (
    forget_build,
    inputs_fingerprint,
    record_build,
    recorded_fingerprint,
)
from orchestration.dbt_project import rapor_dbt_project
from orchestration.earlier_indexes import RANKING_MODEL
from orchestration.partitions import quarter_of, quarterly_partitions
from orchestration.resources import RaporSettings

RANKING_NODE = f"model.rapor.{RANKING_MODEL}"
RUN_RESULTS = "run_results.json"


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
    with environment(HOME=str(home), RAPOR_WAREHOUSE=None):
        yield


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
    quarter = quarter_of(context)
    scheme = load_scheme(rapor.scheme)
    with _dbt_process_home(paths.root.resolve()):
        _ensure_earlier_indexes_built(paths, scheme, quarter, context.log)
        with connect(paths.warehouse) as con:
            set_build_quarter(con, quarter)
            fingerprint = inputs_fingerprint(con, quarter, scheme.sha256)
            forget_build(con, quarter)
        _forget_run_results(paths)
        # unit tests check the formulas on hand-made rows (tests/test_dbt_unit_tests.py), not
        # the quarter's data: a production build need not spend its time on them
        invocation = dbt.cli(
            ["build", "--exclude-resource-type", "unit_test"],
            context=context,
            target_path=paths.dbt_target,
        )
        try:
            yield from invocation.stream()
        except DagsterDbtCliRuntimeError:
            # a failed test (the gate) leaves the index built from these inputs all the same
            _record_if_index_built(invocation, paths, quarter, fingerprint)
            raise
        _record_if_index_built(invocation, paths, quarter, fingerprint)


def _ensure_earlier_indexes_built(paths: Home, scheme: LoadedScheme, quarter: Quarter, log) -> None:
    """The index of the quarters of the year before `quarter`, as their inputs give them now, for
    the audit plan: one child process builds those missing or built from other inputs
    (orchestration/earlier_indexes.py); none is started when every one is current (a fingerprint
    is one query, the child's start-up 0.1 s through the standby, 1.5 s without)."""
    stale = []
    with connect(paths.warehouse) as con:
        for earlier in quarter.earlier_in_year:
            fingerprint = inputs_fingerprint(con, earlier, scheme.sha256)
            if recorded_fingerprint(con, earlier) != fingerprint:
                stale.append(f"{earlier.key}={fingerprint}")
    if not stale:
        return
    # through the run's standby when there is one: dbt is imported there already (2 s)
    child = python_module_command(
        "orchestration.earlier_indexes", str(paths.root), str(scheme.path.resolve()), *stale
    )
    built = subprocess.run(
        child,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in built.stdout.splitlines():
        log.info(line)
    if built.returncode != 0:
        raise dg.Failure(description=built.stderr.strip() or f"exit code {built.returncode}")


def _index_built(invocation) -> bool:
    """Whether the invocation built the ranking: dbt writes its run results only once it has run
    something (`_forget_run_results` removes those of an earlier invocation)."""
    if not (Path(invocation.target_path) / RUN_RESULTS).exists():
        return False
    results = invocation.get_artifact(RUN_RESULTS)["results"]
    return any(r["unique_id"] == RANKING_NODE and r["status"] == "success" for r in results)


def _forget_run_results(paths: Home) -> None:
    (paths.dbt_target / RUN_RESULTS).unlink(missing_ok=True)


def _record_if_index_built(invocation, paths: Home, quarter: Quarter, fingerprint: str) -> None:
    if _index_built(invocation):
        with connect(paths.warehouse) as con:
            record_build(con, quarter, fingerprint)
