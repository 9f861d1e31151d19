"""The publish gate and the atomic publication of a quarter."""

import dagster as dg

from orchestration.partitions import quarter_of, quarterly_partitions
from orchestration.resources import RaporSettings
from rapor.publish import PUBLISHED_TABLES, PublicationRefused, publish_quarter
from rapor.version import code_version


def failed_blocking_checks(context: dg.AssetExecutionContext) -> list[str]:
    """Error-severity checks that failed in this run. Blocking checks stop the steps downstream of
    their asset only; the publication re-reads the whole run before anything reaches BI readers."""
    records = context.instance.all_logs(
        context.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
    )
    failed = []
    for record in records:
        evaluation = record.get_dagster_event().event_specific_data
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            failed.append(f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}")
    return failed


@dg.asset(
    key=["published", "quarter"],
    deps=[dg.AssetKey(["marts", table]) for table in PUBLISHED_TABLES],
    partitions_def=quarterly_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    group_name="publish",
    kinds={"duckdb", "parquet"},
    description="The quarter in `published/rapor.duckdb` (schema marts) and Parquet, swapped in "
    "atomically once every blocking check of the run has passed.",
)
def published_quarter(context: dg.AssetExecutionContext, rapor: RaporSettings):
    failed = failed_blocking_checks(context)
    if failed:
        raise dg.Failure(
            description="publication gate: blocking checks failed, nothing published",
            metadata={"failed_checks": ", ".join(failed)},
        )
    quarter = quarter_of(context)
    try:
        outcome = publish_quarter(
            rapor.paths, quarter, code_version=code_version(), reason=rapor.publication_reason
        )
    except PublicationRefused as refused:
        raise dg.Failure(description=f"publication gate: {refused}") from refused
    context.log.info(f"{quarter}: {outcome.status} as version {outcome.publication_version}")
    return dg.MaterializeResult(
        metadata={
            "status": outcome.status,
            "publication_version": outcome.publication_version,
            "content_sha256": outcome.content_sha256,
            "inputs_sha256": outcome.inputs_sha256,
            "published_db": dg.MetadataValue.path(str(outcome.published_db)),
        }
    )
