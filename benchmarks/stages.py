"""Where a `rapor run` spent its time, per stage, from the Dagster run it recorded in its home and
the wall clock of the process around it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Stages in the order a run goes through them.
STAGES = (
    "start-up",  # interpreter, imports, scheme validation, definitions: process start to run start
    "ingest",  # the `inbox` and `scheme` steps: archive, parse, load into raw.*
    "GE validation",  # the Great Expectations suites (one asset-check step each)
    "dbt",  # dbt build: models and their tests
    "publish",  # the publication gate, the new DuckDB file and the Parquet files
    "other steps",  # any step of the job not named above
    "Dagster between steps",  # run duration not spent inside any step
    "report",  # after the run: run summary, findings and the quality report, process exit
)


def stage_of(step_key: str) -> str:
    if step_key in ("inbox", "scheme"):
        return "ingest"
    if step_key.endswith("_expectations"):
        return "GE validation"
    if step_key == "rapor_dbt_models":
        return "dbt"
    if step_key.startswith("published"):
        return "publish"
    return "other steps"


@dataclass(frozen=True)
class RunProfile:
    seconds: dict[str, float]  # per stage of STAGES
    rows_loaded: int  # rows the ingest loaded into raw.* in this run
    steps: list[tuple[str, float, float]]  # (stage, start, end) of every step, epoch seconds

    def stage_at(self, moment: float) -> str:
        """The stage running at `moment` (epoch seconds)."""
        for stage, start, end in self.steps:
            if start <= moment <= end:
                return stage
        first, last = self.steps[0][1], self.steps[-1][2]
        return (
            "start-up" if moment < first else "report" if moment > last else "Dagster between steps"
        )

    @property
    def ingest_rows_per_s(self) -> float:
        return self.rows_loaded / self.seconds["ingest"] if self.seconds["ingest"] else 0.0


def run_profile(home: Path, started_at: float, ended_at: float) -> RunProfile:
    """The profile of the latest run in `home`'s Dagster instance, which ran from `started_at`
    to `ended_at` (epoch seconds of the process around it)."""
    from dagster import DagsterEventType, DagsterInstance

    with DagsterInstance.from_config(str(home / "dagster")) as instance:
        run_id = instance.get_runs(limit=1)[0].run_id
        records = instance.all_logs(run_id)
    step_started: dict[str, float] = {}
    seconds = dict.fromkeys(STAGES, 0.0)
    run_started = run_ended = None
    rows_loaded = 0
    steps = []
    for record in records:
        if not record.is_dagster_event:
            continue
        event = record.get_dagster_event()
        kind = event.event_type
        if kind == DagsterEventType.RUN_START:
            run_started = record.timestamp
        elif kind in (DagsterEventType.RUN_SUCCESS, DagsterEventType.RUN_FAILURE):
            run_ended = record.timestamp
        elif kind == DagsterEventType.STEP_START:
            step_started[event.step_key] = record.timestamp
        elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            start = step_started.pop(event.step_key)
            seconds[stage_of(event.step_key)] += record.timestamp - start
            steps.append((stage_of(event.step_key), start, record.timestamp))
        elif kind == DagsterEventType.ASSET_MATERIALIZATION:
            rows = event.event_specific_data.materialization.metadata.get("rows_loaded")
            rows_loaded += rows.value if rows is not None else 0
    if run_started is None or run_ended is None:
        raise ValueError(f"the latest run in {home} has no start or end event")
    in_steps = sum(seconds.values())
    seconds["start-up"] = run_started - started_at
    seconds["Dagster between steps"] = run_ended - run_started - in_steps
    seconds["report"] = ended_at - run_ended
    return RunProfile(seconds, rows_loaded, steps)
