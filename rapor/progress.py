"""One line per stage of a run as it finishes (ingest, checks, build, publish), with its time and
counts, read from the run's Dagster events while the run goes on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import dagster as dg

from core.messages import Lang, run_text, status_name
from reports.formatting import number

STAGES = ("ingest", "checks", "build", "publish")
STEP_STAGES = {"inbox": "ingest", "scheme": "ingest", "published__quarter": "publish"}
DBT_STEP = "rapor_dbt_models"
POLL_SECONDS = 0.5
STEP_END = (
    dg.DagsterEventType.STEP_SUCCESS,
    dg.DagsterEventType.STEP_FAILURE,
    dg.DagsterEventType.STEP_SKIPPED,
)


def stage_seconds(seconds: float, lang: Lang) -> str:
    """A stage's time as its line shows it, in the run's language (`  8,9` in Indonesian)."""
    return number(seconds, lang, 1).rjust(5)


def stage_of(step_key: str) -> str:
    if step_key.startswith(DBT_STEP):
        return "build"
    return STEP_STAGES.get(step_key, "checks")


@dataclass
class Stage:
    started: float | None = None
    ended: float | None = None
    running: int = 0
    failed: int = 0
    checks: int = 0
    checks_failed: int = 0
    materialized: int = 0
    metadata: dict = field(default_factory=dict)


class Progress:
    """Follows run `run_id` in `instance` on a thread; `say` gets each finished stage's line."""

    def __init__(self, instance, run_id: str, say: Callable[[str], None], lang: Lang) -> None:
        self.instance, self.run_id, self.say, self.lang = instance, run_id, say, lang
        self.stages = {name: Stage() for name in STAGES}
        self.printed: set[str] = set()
        self.cursor = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, daemon=True)

    def __enter__(self) -> Progress:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        if exc[0] is None:
            self._read()
            self._flush(len(STAGES))

    def _follow(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self._read()

    def _read(self) -> None:
        connection = self.instance.get_records_for_run(self.run_id, cursor=self.cursor)
        self.cursor = connection.cursor
        for record in connection.records:
            entry = record.event_log_entry
            if entry.is_dagster_event:
                self._on(entry.get_dagster_event(), entry.timestamp)

    def _on(self, event, at: float) -> None:
        if not event.step_key:
            return
        name = stage_of(event.step_key)
        stage = self.stages[name]
        kind = event.event_type
        if kind == dg.DagsterEventType.STEP_START:
            # a stage is over when the next one starts: steps run one after another
            self._flush(STAGES.index(name))
            stage.started = stage.started or at
            stage.running += 1
        elif kind in STEP_END:
            stage.running = max(stage.running - 1, 0)
            stage.ended = at
            stage.failed += kind == dg.DagsterEventType.STEP_FAILURE
        elif kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            stage.checks += 1
            stage.checks_failed += not event.event_specific_data.passed
        elif kind == dg.DagsterEventType.ASSET_MATERIALIZATION:
            stage.materialized += 1
            for key, value in event.event_specific_data.materialization.metadata.items():
                if isinstance(value.value, int) and key not in ("publication_version",):
                    stage.metadata[key] = stage.metadata.get(key, 0) + value.value
                else:
                    stage.metadata[key] = value.value

    def _flush(self, before: int) -> None:
        for name in STAGES[:before]:
            stage = self.stages[name]
            if name in self.printed or stage.started is None:
                continue
            self.printed.add(name)
            self.say(self.line(name, stage))

    def line(self, name: str, stage: Stage) -> str:
        seconds = (stage.ended or stage.started) - stage.started
        meta = stage.metadata
        if name == "ingest":
            return run_text(
                "stage_ingest",
                self.lang,
                seconds=stage_seconds(seconds, self.lang),
                # the bookkeeping asset carries the file counts, each dataset its rows
                files=meta.get("files_loaded", 0)
                + meta.get("files_already_loaded", 0)
                + meta.get("files_rejected", 0),
                loaded=meta.get("files_loaded", 0),
                already=meta.get("files_already_loaded", 0),
                rejected=meta.get("files_rejected", 0),
                rows=number(meta.get("rows_loaded", 0), self.lang, 0),
                findings=meta.get("findings", 0),
            )
        if name == "checks":
            return run_text(
                "stage_checks",
                self.lang,
                seconds=stage_seconds(seconds, self.lang),
                checks=stage.checks,
                failed=stage.checks_failed,
            )
        if name == "build":
            return run_text(
                "stage_build",
                self.lang,
                seconds=stage_seconds(seconds, self.lang),
                models=stage.materialized,
                tests=stage.checks,
                failed=stage.checks_failed + stage.failed,
            )
        outcome = (
            f"{status_name(meta['status'], self.lang)} v{meta['publication_version']}"
            if "status" in meta
            else run_text("stage_skipped", self.lang)
            if not stage.failed
            else run_text("stage_failed", self.lang)
        )
        return run_text(
            "stage_publish", self.lang, seconds=stage_seconds(seconds, self.lang), outcome=outcome
        )
