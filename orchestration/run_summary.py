"""What a `quarterly_refresh` run ended with, read back from the Dagster instance: the same
summary for the command line and for runs the schedule or the UI started."""

from __future__ import annotations

from dataclasses import dataclass, field

import dagster as dg

# The publish asset's failures start with this when the gate, not a crash, stopped it.
GATE_MARK = "publication gate"


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    status: str  # published | unchanged | gate_failed | error
    failed_checks: list[str] = field(default_factory=list)
    step_errors: list[str] = field(default_factory=list)
    load_id: str = ""
    publication_version: int | None = None
    # the DuckDB publication is written but PostgreSQL could not be caught up
    postgres_error: str = ""
    # each failed step's error with its causes and stack, for the log and for telling causes apart
    error_details: list[str] = field(default_factory=list)


def failed_error_checks(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    """Error-severity checks that failed in the run so far (the publication gate asks mid-run)."""
    records = instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
    failed = (_failed_check(record.get_dagster_event()) for record in records)
    return [check for check in failed if check]


def _failed_check(event) -> str:
    evaluation = event.event_specific_data
    if evaluation.passed or evaluation.severity != dg.AssetCheckSeverity.ERROR:
        return ""
    return f"{evaluation.asset_key.to_user_string()}: {evaluation.check_name}"


def summarize_run(instance: dg.DagsterInstance, run_id: str) -> RunSummary:
    failed_checks, step_errors, error_details, materialized = [], [], [], {}
    for record in instance.all_logs(run_id):
        event = record.get_dagster_event() if record.is_dagster_event else None
        if event is None:
            continue
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            if failed := _failed_check(event):
                failed_checks.append(failed)
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            error = event.step_failure_data.error if event.step_failure_data else None
            if error:
                step_errors.append(error.message.strip())
                error_details.append(error.to_string())
        elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.event_specific_data.materialization
            materialized[materialization.asset_key] = materialization.metadata
    loaded = materialized.get(dg.AssetKey(["raw", "opd"]), {})
    load_id = loaded["load_id"].value if "load_id" in loaded else ""
    run = instance.get_run_by_id(run_id)
    publication = materialized.get(dg.AssetKey(["published", "quarter"]))
    succeeded = run is not None and run.status == dg.DagsterRunStatus.SUCCESS
    if publication is not None and (succeeded or not failed_checks):
        return RunSummary(
            run_id,
            publication["status"].value,
            failed_checks,
            step_errors,
            load_id,
            publication["publication_version"].value,
            "" if succeeded else "; ".join(step_errors) or "the run failed after publication",
            error_details,
        )
    gate = failed_checks or any(GATE_MARK in error for error in step_errors)
    status = "gate_failed" if gate else "error"
    return RunSummary(
        run_id, status, failed_checks, step_errors, load_id, error_details=error_details
    )
