"""The inbox and the scheme, loaded into `raw.*`; rejected input blocks everything downstream."""

from pathlib import Path

import dagster as dg

from core.contract import DATASETS
from core.scheme import load_scheme
from core.scheme_tables import SCHEME_TABLES
from core.warehouse import connect
from ingest.load import IngestResult, ingest_inbox
from ingest.scheme_tables import write_scheme
from orchestration.partitions import quarter_of, quarterly_partitions
from orchestration.resources import HomeLock, RaporSettings

BOOKKEEPING = ("ingested_files", "file_periods", "ingest_findings")
# Shown in the check's metadata; the full list is in raw.ingest_findings and the quality report.
FINDINGS_SHOWN = 20


def _check_name(dataset: str) -> str:
    return f"{dataset}_files_accepted"


@dg.multi_asset(
    name="inbox",
    specs=[
        dg.AssetSpec(
            ["raw", name],
            group_name="ingest",
            kinds={"duckdb"},
            description=f"Inbox folder `{name}/`, typed, with the provenance of every row.",
        )
        for name in DATASETS
    ]
    + [
        dg.AssetSpec(
            ["raw", name],
            group_name="ingest",
            kinds={"duckdb"},
            description="Ingest bookkeeping: files, periods they hold, findings.",
        )
        for name in BOOKKEEPING
    ],
    check_specs=[
        dg.AssetCheckSpec(
            _check_name(name),
            asset=["raw", name],
            blocking=True,
            description=f"Every file of `{name}/` was read without an error finding.",
        )
        for name in DATASETS
    ],
    partitions_def=quarterly_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
)
def inbox(context: dg.AssetExecutionContext, rapor: RaporSettings, home_lock: HomeLock):
    """Archive, parse and load every new inbox file (a file may hold any period). Requiring
    `home_lock` holds the home's lock from the run's start to its end."""
    paths = rapor.paths
    with connect(paths.warehouse) as con:
        result = ingest_inbox(Path(rapor.inbox), con, paths.archive, lang=rapor.lang)
    context.log.info(
        f"load {result.load_id}: {len(result.loaded)} loaded, {len(result.already_loaded)} "
        f"already loaded, {len(result.rejected)} rejected"
    )
    for finding in result.findings:
        (context.log.error if finding.severity == "error" else context.log.warning)(
            finding.describe(rapor.lang)
        )
    # the files' counts once, on the files' bookkeeping: the command line's progress adds them up
    files = {
        "files_loaded": len(result.loaded),
        "files_already_loaded": len(result.already_loaded),
        "files_rejected": len(result.rejected),
        "findings": len(result.findings),
    }
    for name in (*DATASETS, *BOOKKEEPING):
        yield dg.MaterializeResult(
            asset_key=["raw", name],
            metadata={"load_id": result.load_id, "rows_loaded": result.rows_loaded.get(name, 0)}
            | (files if name == "ingested_files" else {}),
        )
    yield from _dataset_checks(result, rapor.lang)


def _dataset_checks(result: IngestResult, lang: str):
    for name in DATASETS:
        # findings not tied to one dataset (e.g. a missing inbox) block through the OPD master
        errors = [
            f for f in result.errors if f.dataset == name or (not f.dataset and name == "opd")
        ]
        warnings = [f for f in result.warnings if f.dataset == name]
        yield dg.AssetCheckResult(
            asset_key=["raw", name],
            check_name=_check_name(name),
            passed=not errors,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "errors": len(errors),
                "warnings": len(warnings),
                "findings": dg.MetadataValue.md(
                    "\n".join(f"- {f.describe(lang)}" for f in (errors + warnings)[:FINDINGS_SHOWN])
                    or "none"
                ),
            },
        )


@dg.multi_asset(
    name="scheme",
    specs=[
        dg.AssetSpec(
            ["raw", table.name],
            group_name="ingest",
            kinds={"duckdb"},
            description=table.description,
        )
        for table in SCHEME_TABLES
    ],
    partitions_def=quarterly_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
)
def scheme(context: dg.AssetExecutionContext, rapor: RaporSettings):
    """Validate the scheme file and record it, with its sha256, for the quarter."""
    loaded = load_scheme(rapor.scheme)
    quarter = quarter_of(context)
    with connect(rapor.paths.warehouse) as con:
        write_scheme(con, loaded, quarter)
    for table in SCHEME_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", table.name],
            metadata={"scheme": loaded.scheme.name, "scheme_sha256": loaded.sha256},
        )
