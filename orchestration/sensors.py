"""The quality report of every `quarterly_refresh` run the schedule or the UI started, published
or stopped by the gate, and the quarterly report of every published one (the command line
writes its own, from the same summary)."""

import dagster as dg

from core.quarters import Quarter
from orchestration.jobs import quarterly_refresh
from orchestration.resources import RaporSettings
from orchestration.run_summary import summarize_run
from reports.quality_report import write_quality_report
from reports.quarterly import write_quarterly_report


def write_report_of_run(context: dg.RunStatusSensorContext, rapor: RaporSettings):
    run = context.dagster_run
    partition = run.tags.get("dagster/partition")
    if not partition:
        return dg.SkipReason(f"run {run.run_id} built no quarter")
    summary = summarize_run(context.instance, run.run_id)
    paths = write_quality_report(
        rapor.paths,
        Quarter.parse(partition),
        run.run_id,
        summary.status,
        summary.failed_checks,
        summary.load_id,
        rapor.lang,
    )
    context.log.info(f"quality report of run {run.run_id}: {paths.html}")
    if summary.status in ("published", "unchanged"):
        report = write_quarterly_report(rapor.paths, Quarter.parse(partition), rapor.lang)
        context.log.info(f"quarterly report of run {run.run_id}: {report.index}")
    return None


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[quarterly_refresh],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes the quality report and the quarterly report of a published (or "
    "unchanged) quarter.",
)
def quality_report_when_published(context: dg.RunStatusSensorContext, rapor: RaporSettings):
    return write_report_of_run(context, rapor)


@dg.run_failure_sensor(
    monitored_jobs=[quarterly_refresh],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes the quality report of a quarter the gate (or an error) stopped.",
)
def quality_report_when_stopped(context: dg.RunFailureSensorContext, rapor: RaporSettings):
    return write_report_of_run(context, rapor)
