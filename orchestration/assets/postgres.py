"""The publication copied to PostgreSQL for BI servers, after the DuckDB publication (the record).
Part of the definitions only when `RAPOR_POSTGRES_URL` is set; the URL stays in the environment,
so the Dagster UI shows the variable's name, never the password."""

import dagster as dg

from orchestration.assets.publish import published_quarter
from orchestration.partitions import quarterly_partitions
from orchestration.resources import PostgresTarget, RaporSettings
from publication.postgres import PostgresUnreachable, describe, masked, publish_to_postgres

# The failure of this step is the run's only failure once the DuckDB publication is written.
POSTGRES_MARK = "PostgreSQL"


@dg.asset(
    key=["published", "postgres"],
    deps=[published_quarter],
    partitions_def=quarterly_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    group_name="publish",
    kinds={"postgres"},
    description="Every quarter of the DuckDB publication that PostgreSQL lacks, loaded into its "
    "schemas marts and history, one transaction per quarter.",
)
def published_postgres(
    context: dg.AssetExecutionContext, rapor: RaporSettings, postgres: PostgresTarget
):
    try:
        load = publish_to_postgres(rapor.paths, postgres.url)
    except PostgresUnreachable as unreachable:
        raise dg.Failure(description=str(unreachable)) from None
    context.log.info(describe(load, postgres.url))
    loaded = load.quarters
    return dg.MaterializeResult(
        metadata={
            "postgres": masked(postgres.url),
            "quarters_loaded": ", ".join(q.quarter_key for q in loaded) or "none (up to date)",
            "rows_loaded": sum(q.rows for q in loaded),
            "tables_reshaped": "; ".join(map(str, load.reshaped)) or "none",
        }
    )
