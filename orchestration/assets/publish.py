"""The publish gate and the atomic publication of a quarter."""

import dagster as dg

from core.messages import run_text
from core.version import code_version
from orchestration.jobs import REASON_TAG
from orchestration.partitions import quarter_of, quarterly_partitions
from orchestration.resources import RaporSettings
from orchestration.run_summary import failed_error_checks
from publication.differences import SHOWN
from publication.publish import PublicationRefused, publish_quarter
from publication.tables import published_table_names


def refusal_text(refused: PublicationRefused, quarter_key: str, lang: str) -> str:
    """The refusal, and under it a line per table that differs (first few, and the count)."""
    if not refused.version:
        return str(refused)
    lines = [run_text("republication_refused", lang, quarter=quarter_key, version=refused.version)]
    for difference in refused.differences[:SHOWN]:
        keys = ", ".join(difference.keys[:SHOWN])
        if len(difference.keys) > SHOWN:
            keys += f" (+{len(difference.keys) - SHOWN})"
        lines.append(
            run_text(
                "table_differs",
                lang,
                table=difference.table,
                count=difference.rows,
                keys=keys or "-",
                columns=", ".join(difference.columns[:SHOWN]) or "-",
            )
        )
    if len(refused.differences) > SHOWN:
        more = len(refused.differences) - SHOWN
        lines.append(run_text("more_tables_differ", lang, count=more))
    return "\n".join(lines)


@dg.asset(
    key=["published", "quarter"],
    # the inbox's findings decide, through the blocking ingest checks, whether anything is
    # published: without this edge they would float apart in the asset graph
    deps=[dg.AssetKey(["marts", table]) for table in published_table_names()]
    + [dg.AssetKey(["raw", "ingest_findings"])],
    partitions_def=quarterly_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    group_name="publish",
    kinds={"duckdb", "parquet"},
    description="The quarter in `published/rapor.duckdb` (schema marts) and Parquet, swapped in "
    "atomically once every blocking check of the run has passed.",
)
def published_quarter(context: dg.AssetExecutionContext, rapor: RaporSettings):
    # blocking checks stop only the steps downstream of their asset: re-read the whole run
    failed = failed_error_checks(context.instance, context.run_id)
    if failed:
        raise dg.Failure(
            description="publication gate: blocking checks failed, nothing published",
            metadata={"failed_checks": ", ".join(failed)},
        )
    quarter = quarter_of(context)
    reason = rapor.publication_reason or context.run.tags.get(REASON_TAG, "")
    try:
        outcome = publish_quarter(rapor.paths, quarter, code_version=code_version(), reason=reason)
    except PublicationRefused as refused:
        raise dg.Failure(
            description=f"publication gate: {refusal_text(refused, quarter.key, rapor.lang)}"
        ) from refused
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
