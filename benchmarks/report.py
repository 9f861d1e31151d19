"""The benchmark's figures as Markdown: one section per scale in `benchmarks/results.md`, rewritten
when that scale is measured again; the other scales' sections and the notes below them are kept."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from benchmarks.measure import SAMPLE_EVERY_S, Measurement
from benchmarks.stages import STAGES, RunProfile
from core.version import code_version

GIB = 1024**3
SCALES = ("city", "province", "national")
NOTES_MARK = "<!-- notes: written by hand, kept when the sections above are measured again -->"
HEADER = f"""# Benchmarks

Written by `python -m benchmarks.run --scale city|province|national` (`make bench SCALE=…`), one
section per scale. Each contender runs in a fresh process on the same generated inbox:

1. **full**: `rapor run` of one quarter, end to end, on a new home (cold: Dagster, dbt, GE start-up
   included);
2. **incremental**: the same quarter again on that home after one corrected budget file was dropped
   in the inbox (only that file is new);
3. **reference**: `benchmarks/reference.sql`, the published ranking computed straight from the CSV
   files in one DuckDB process: the lower bound;
4. **pandas**: `benchmarks/pandas_peer.py`, the straightforward pandas script, under a time limit.

Every run's index scores, ranks and zones are asserted identical to what the pipeline published
(the incremental publication against the reference on the corrected inbox). Wall time is the
median of the repetitions; peak RSS is the largest over them, of the whole process tree (dbt
runs beside Dagster) sampled every {SAMPLE_EVERY_S} s, and of the largest single process (its
own peak, `VmHWM`, sampled likewise). *Other load* is the CPU the rest of the machine used
meanwhile (other jobs on a shared machine), in cores.
"""


@dataclass
class Contender:
    key: str  # full | incremental | reference | pandas
    label: str
    rows: int  # rows of the files it reads (the pipeline's rate comes from its profiles)
    limit_s: float | None = None
    runs: list[Measurement] = field(default_factory=list)
    profiles: list[RunProfile] = field(default_factory=list)  # pipeline runs only

    @property
    def timed_out(self) -> bool:
        return any(run.timed_out for run in self.runs)

    @property
    def wall_s(self) -> float | None:
        """Median wall time; None when a run hit the time limit."""
        return None if self.timed_out else statistics.median(r.wall_s for r in self.runs)

    @property
    def peak_tree_rss(self) -> int:
        return max(r.peak_tree_rss for r in self.runs)

    @property
    def max_process_rss(self) -> int:
        return max(r.max_process_rss for r in self.runs)

    @property
    def rows_per_s(self) -> float | None:
        """Pipeline: rows loaded ÷ the ingest stage; the others: rows read ÷ wall time."""
        if self.profiles:
            return statistics.median(p.ingest_rows_per_s for p in self.profiles)
        return self.rows / self.wall_s if self.wall_s else None

    def median_stage_s(self, stage: str) -> float:
        return statistics.median(p.seconds[stage] for p in self.profiles)

    def wall_text(self) -> str:
        if self.timed_out:
            return f"> {self.limit_s:.0f} (limit)"
        return f"{self.wall_s:.1f}"

    def peak_stage(self) -> str:
        """The stage running when the whole tree's memory peaked (pipeline runs)."""
        run = max(range(len(self.runs)), key=lambda i: self.runs[i].peak_tree_rss)
        return self.profiles[run].stage_at(self.runs[run].peak_at)


@dataclass
class Benchmark:
    scale: str
    quarter: str
    seed: int
    inbox: Path
    rows: dict[str, int]
    correction: str
    changed_opds: int
    contenders: dict[str, Contender]
    started: dt.datetime


def _gib(size: int) -> str:
    return f"{size / GIB:.2f} GiB"


def machine() -> dict[str, str]:
    meminfo = Path("/proc/meminfo").read_text()
    memory = int(re.search(r"MemTotal:\s+(\d+) kB", meminfo).group(1)) * 1024
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    packages = ("duckdb", "pandas", "dagster", "dbt-core", "dbt-duckdb", "great-expectations")
    return {
        "cores": str(os.cpu_count()),
        "memory": _gib(memory),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "versions": f"Python {platform.python_version()}, "
        + ", ".join(f"{name} {version(name)}" for name in packages),
        "code": code_version(),
    }


def _ratio(numerator: Contender, denominator: Contender) -> str:
    if denominator.wall_s is None:
        return "n/a"
    if numerator.wall_s is None:
        return f"> {numerator.limit_s / denominator.wall_s:.2f}"
    return f"{numerator.wall_s / denominator.wall_s:.2f}"


def _top_stages(contender: Contender, count: int = 3) -> str:
    total = sum(contender.median_stage_s(s) for s in STAGES)
    ranked = sorted(STAGES, key=contender.median_stage_s, reverse=True)[:count]
    return ", ".join(
        f"{s} {contender.median_stage_s(s):.1f} s ({contender.median_stage_s(s) / total:.0%})"
        for s in ranked
    )


def _targets(bench: Benchmark) -> list[str]:
    """The issue's targets that apply at this scale, met or missed, with the costliest stages of
    a missed one."""
    full, incremental = bench.contenders["full"], bench.contenders["incremental"]
    reference, pandas = bench.contenders["reference"], bench.contenders["pandas"]
    if bench.scale not in ("city", "national"):
        return ["none at this scale (the issue sets them for city and national)"]
    city = bench.scale == "city"
    lines = []
    ratio = full.wall_s / reference.wall_s
    limit = 10 if city else 3
    met = ratio <= limit
    lines.append(f"full ≤ {limit} × reference: {ratio:.1f}× — **{_verdict(met)}**")
    if not met:
        lines.append(f"  costliest stages of the full refresh: {_top_stages(full)}")
    if not city:
        met = full.wall_s < pandas.wall_s
        lines.append(
            f"full faster than pandas: {full.wall_s:.1f} s against {pandas.wall_s:.1f} s"
            f" — **{_verdict(met)}**"
        )
        met = full.peak_tree_rss < 2 * GIB
        lines.append(
            f"peak RSS of the full refresh < 2 GiB: {_gib(full.peak_tree_rss)}"
            f" — **{_verdict(met)}**"
        )
        if not met:
            lines.append(f"  the memory peaked during: {full.peak_stage()}")
    share = 0.50 if city else 0.25
    ratio = incremental.wall_s / full.wall_s
    met = ratio < share
    lines.append(f"incremental < {share:.0%} of full: {ratio:.0%} — **{_verdict(met)}**")
    if not met:
        lines.append(f"  costliest stages of the incremental refresh: {_top_stages(incremental)}")
    return lines


def _verdict(met: bool) -> str:
    return "met" if met else "missed"


def render_section(bench: Benchmark, info: dict[str, str], load_before: float) -> str:
    contenders = bench.contenders
    full, incremental = contenders["full"], contenders["incremental"]
    repetitions = len(full.runs)
    lines = [
        f"<!-- scale:{bench.scale} -->",
        f"## {bench.scale} scale, {bench.quarter}",
        "",
        f"- measured {bench.started:%Y-%m-%d %H:%M} UTC on {info['cores']} cores, "
        f"{info['memory']} ({info['cpu']}); load average before the first run "
        f"{load_before:.2f}",
        f"- {info['versions']}; code {info['code']}",
        f"- inbox `{bench.inbox}` (`rapor generate --scale {bench.scale} --seed {bench.seed} "
        f"--years {bench.quarter[:4]}`): {sum(bench.rows.values()):,} rows — "
        + ", ".join(f"{name} {count:,}" for name, count in bench.rows.items()),
        f"- incremental: {bench.correction}; the index of {bench.changed_opds} OPD changed",
        f"- wall time: median of {repetitions} run(s) per contender",
        "",
        "| contender | wall s | peak RSS, tree | peak RSS, largest process | CPU s "
        "| rows/s | other load (cores) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for contender in contenders.values():
        rate = contender.rows_per_s
        lines.append(
            f"| {contender.label} | {contender.wall_text()} | {_gib(contender.peak_tree_rss)} "
            f"| {_gib(contender.max_process_rss)} "
            f"| {statistics.median(r.cpu_s for r in contender.runs):.1f} "
            f"| {f'{rate:,.0f}' if rate else 'n/a'} "
            f"| {statistics.median(r.other_cores for r in contender.runs):.2f} |"
        )
    lines += [
        "",
        "rows/s: the pipeline's rows loaded by its ingest stage ÷ that stage; the reference's and "
        "pandas' rows of the files they read ÷ their wall time.",
        "",
        f"Ratios: **1÷3 (full ÷ reference) {_ratio(full, contenders['reference'])}**, "
        f"**2÷1 (incremental ÷ full) {_ratio(incremental, full)}**, "
        f"**4÷1 (pandas ÷ full) {_ratio(contenders['pandas'], full)}**.",
        "",
        "Stage profile of the pipeline (median seconds; from the Dagster run's step events and "
        "the process's wall clock):",
        "",
        "| stage | full | share | incremental | share |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    full_total = sum(full.median_stage_s(s) for s in STAGES)
    incremental_total = sum(incremental.median_stage_s(s) for s in STAGES)
    for stage in STAGES:
        lines.append(
            f"| {stage} | {full.median_stage_s(stage):.1f} "
            f"| {full.median_stage_s(stage) / full_total:.0%} "
            f"| {incremental.median_stage_s(stage):.1f} "
            f"| {incremental.median_stage_s(stage) / incremental_total:.0%} |"
        )
    lines += ["", "Targets:", ""]
    lines += [
        f"- {line}" if not line.startswith("  ") else f"  - {line.strip()}"
        for line in _targets(bench)
    ]
    lines += ["", f"<!-- /scale:{bench.scale} -->"]
    return "\n".join(lines)


def update_results(path: Path, scale: str, section: str) -> None:
    """Replace `scale`'s section of `path`, keeping the other scales' and the notes."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    sections = {
        name: match.group(0)
        for name in SCALES
        if (match := re.search(rf"<!-- scale:{name} -->.*?<!-- /scale:{name} -->", text, re.S))
    }
    sections[scale] = section
    notes = text.split(NOTES_MARK, 1)[1].strip() if NOTES_MARK in text else ""
    body = "\n\n".join(sections[name] for name in SCALES if name in sections)
    path.write_text(f"{HEADER}\n{body}\n\n{NOTES_MARK}\n\n{notes}\n".rstrip() + "\n", "utf-8")
