"""Great Expectations suites as blocking asset checks on the raw tables, per quarter: an `error`
rule that fails stops everything downstream; a `warning` is published and shown in the report."""

import dagster as dg

from core.contract import DATASETS
from core.warehouse import connect
from orchestration.partitions import quarter_of, quarterly_partitions
from orchestration.resources import RaporSettings

# Located failing rows shown in the check's metadata; all of them are in raw.quality_findings.
FINDINGS_SHOWN = 20


def run_suite(context: dg.AssetCheckExecutionContext, rapor: RaporSettings, suite_name: str):
    # Great Expectations is imported here, not when the definitions load: it is slow to import.
    from data_quality.record import record
    from data_quality.reuse import inputs_fingerprint, recorded_outcome
    from data_quality.suites import all_suites
    from data_quality.validate import validate

    quarter = quarter_of(context)
    suite = all_suites()[suite_name]
    with connect(rapor.paths.warehouse) as con:
        fingerprint = inputs_fingerprint(con, suite, quarter, rapor.lang)
        outcome = recorded_outcome(con, suite, quarter, fingerprint) or validate(
            con, suite, quarter, rapor.lang
        )
        record(con, outcome, context.run.run_id, fingerprint)
    if outcome.validated_run_id:
        context.log.info(
            f"{suite_name}: inputs unchanged since run {outcome.validated_run_id}, "
            "its outcome stands"
        )
    for finding in outcome.findings:
        (context.log.error if finding.severity == "error" else context.log.warning)(
            finding.describe(rapor.lang)
        )
    failed = outcome.errors or outcome.warnings
    return dg.AssetCheckResult(
        passed=not failed,
        severity=dg.AssetCheckSeverity.ERROR if outcome.errors else dg.AssetCheckSeverity.WARN,
        metadata={
            "rows_validated": outcome.rows,
            "validated_in_run": outcome.validated_run_id or context.run.run_id,
            "rules": len(outcome.rules),
            "rules_failed": ", ".join(f"{r.rule} ({r.failed_rows})" for r in failed) or "none",
            "findings": dg.MetadataValue.md(
                "\n".join(f"- {f.describe(rapor.lang)}" for f in outcome.findings[:FINDINGS_SHOWN])
                or "none"
            ),
        },
    )


def suite_check(suite_name: str, asset: str, description: str, additional_deps=()):
    @dg.asset_check(
        asset=dg.AssetKey(["raw", asset]),
        name=f"{suite_name}_expectations",
        description=description,
        blocking=True,
        partitions_def=quarterly_partitions,
        additional_deps=list(additional_deps),
    )
    def _check(context: dg.AssetCheckExecutionContext, rapor: RaporSettings):
        return run_suite(context, rapor, suite_name)

    return _check


quality_checks = [
    # inbox datasets load in one step, so the OPD master is there when these run
    suite_check(
        name,
        name,
        f"Great Expectations suite `{name}`: the value rules of `{name}/` on the quarter's rows.",
    )
    for name in DATASETS
] + [
    suite_check(
        "coverage",
        "scheme_components",
        "Every OPD active in the quarter has rows for every measure its scheme needs.",
        additional_deps=[dg.AssetKey(["raw", name]) for name in DATASETS]
        + [dg.AssetKey(["raw", "scheme_parameters"])],
    )
]
