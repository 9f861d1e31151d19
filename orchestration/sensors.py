"""The quality report of every `quarterly_refresh` run the schedule or the UI started, published
or stopped by the gate, the quarterly report of every published one (the command line writes its
own, from the same summary), and the sensor that refreshes the quarters a late or corrected inbox
file touches."""

import datetime as dt
import hashlib
import json
from pathlib import Path

import dagster as dg

from core.quarters import Quarter
from ingest.archive import archive_path, sha256_of
from ingest.load import inbox_files
from ingest.periods import quarters_of_files
from orchestration.jobs import REASON_TAG, quarterly_refresh
from orchestration.partitions import quarter_of_run
from orchestration.resources import RaporSettings
from orchestration.run_summary import summarize_run
from publication.publish import published_quarter_keys
from reports.quality_report import write_quality_report
from reports.quarterly import write_quarterly_report


def write_report_of_run(context: dg.RunStatusSensorContext, rapor: RaporSettings):
    run = context.dagster_run
    quarter = quarter_of_run(run.tags)
    if quarter is None:
        return dg.SkipReason(f"run {run.run_id} built no quarter")
    summary = summarize_run(context.instance, run.run_id)
    paths = write_quality_report(
        rapor.paths,
        quarter,
        run.run_id,
        summary.status,
        summary.failed_checks,
        summary.load_id,
        rapor.lang,
    )
    context.log.info(f"quality report of run {run.run_id}: {paths.html}")
    if summary.status in ("published", "unchanged"):
        report = write_quarterly_report(rapor.paths, quarter, rapor.lang)
        context.log.info(f"quarterly report of run {run.run_id}: {report.index}")
    return None


# The report sensors watch every run of the code location, not only the job `quarterly_refresh`:
# the runs of an asset backfill (the UI's backfill of a range of quarters) belong to Dagster's
# implicit asset job.
@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes the quality report and the quarterly report of a published (or "
    "unchanged) quarter.",
)
def quality_report_when_published(context: dg.RunStatusSensorContext, rapor: RaporSettings):
    return write_report_of_run(context, rapor)


@dg.run_failure_sensor(
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes the quality report of a quarter the gate (or an error) stopped.",
)
def quality_report_when_stopped(context: dg.RunFailureSensorContext, rapor: RaporSettings):
    return write_report_of_run(context, rapor)


def _inbox_state(inbox: Path, known: dict) -> dict[str, list]:
    """{path in the inbox: [dataset, size, mtime_ns, sha256]}; a file whose size and time are
    unchanged keeps the sha256 already known (the inbox is not hashed whole every minute)."""
    state = {}
    for dataset, path in inbox_files(inbox):
        if dataset is None:
            continue
        name, stat = str(path.relative_to(inbox)), path.stat()
        before = known.get(name)
        same = before and before[1:3] == [stat.st_size, stat.st_mtime_ns]
        sha = before[3] if same else sha256_of(path)
        state[name] = [dataset.name, stat.st_size, stat.st_mtime_ns, sha]
    return state


def late_file_requests(
    rapor: RaporSettings, cursor: str | None, today: dt.date
) -> tuple[list[dg.RunRequest], str]:
    """Run requests for the quarters touched by files not yet loaded, and the new cursor."""
    inbox = Path(rapor.inbox)
    known = json.loads(cursor) if cursor else {}
    state = _inbox_state(inbox, known) if inbox.is_dir() else {}
    handled = {entry[3] for entry in known.values()}
    fresh = {
        name: entry
        for name, entry in state.items()
        if entry[3] not in handled
        and not archive_path(rapor.paths.archive, entry[0], entry[3], "").exists()
    }
    published = published_quarter_keys(rapor.paths)
    # a new or corrected OPD master changes the scope and names of the published quarters its
    # agencies are active in (docs/decisions.md)
    candidates = [Quarter.parse(key) for key in published]
    quarters = quarters_of_files(inbox, [inbox / n for n in fresh], candidates) if fresh else {}
    touched: dict[Quarter, list[str]] = {}
    for name in fresh:
        for quarter in quarters.get(inbox / name, ()):
            # an open quarter is refreshed by the schedule once it closes
            if quarter.key in published or quarter.end_exclusive <= today:
                touched.setdefault(quarter, []).append(name)
    requests = []
    for quarter, names in sorted(touched.items()):
        shas = "\n".join(sorted(state[name][3] for name in names))
        files = ", ".join(Path(name).name for name in sorted(names))
        requests.append(
            dg.RunRequest(
                run_key=f"late:{quarter}:{hashlib.sha256(shas.encode()).hexdigest()}",
                partition_key=quarter.key,
                tags={REASON_TAG: f"late file: {files}"},
            )
        )
    return requests, json.dumps(state, sort_keys=True)


@dg.sensor(
    job=quarterly_refresh,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Refreshes each published or closed quarter that a new or corrected inbox file "
    "touches (worked out from the file's own rows; an OPD master touches the published quarters "
    "its agencies are active in), with the reason 'late file: <name>'.",
)
def late_files(context: dg.SensorEvaluationContext, rapor: RaporSettings):
    requests, cursor = late_file_requests(rapor, context.cursor, dt.datetime.now(dt.UTC).date())
    context.update_cursor(cursor)
    return requests or dg.SkipReason("no new or corrected file touches a closed quarter")
