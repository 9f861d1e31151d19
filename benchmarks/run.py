"""The benchmark: for one scale, on the same generated files, time the full refresh of a quarter
(`rapor run`, cold), its incremental refresh after one corrected file, the reference lower bound
(`reference.sql`) and the pandas peer; assert that all four rank identically; print the figures
and write them to `benchmarks/results.md`.

    python -m benchmarks.run --scale city|province|national [--quarter 2024-Q4] [--repeat 3]
        [--pandas-limit 900] [--inbox DIR] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.inputs import corrected_inbox, dataset_rows, generated_inbox
from benchmarks.measure import Measurement, run_measured
from benchmarks.reference import reference_ranking
from benchmarks.report import Benchmark, Contender, machine, render_section, update_results
from benchmarks.scores import RankedOpd, published_ranking, ranking_differences, read_ranking
from benchmarks.stages import run_profile
from core.quarters import Quarter

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results.md")
# The datasets the Magelang scheme scores from: what the reference and the pandas peer read.
SCHEME_DATASETS = ("opd", "anggaran", "fisik", "indikator", "revisi_target", "p3dn")
DIFFERENCES_SHOWN = 20


class RankingMismatch(Exception):
    """A contender ranked the quarter differently from the pipeline's publication."""


def _child_env() -> dict[str, str]:
    # each run keeps its Dagster instance in its own home, never the user's
    return {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "RAPOR_HOME")}


def _rapor_run(inbox: Path, quarter: Quarter, home: Path, reason: str = "") -> list[str]:
    script = Path(sys.executable).with_name("rapor")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rapor.cli"]
    command += ["run", "--inbox", str(inbox), "--quarter", quarter.key, "--home", str(home)]
    return command + (["--reason", reason] if reason else [])


def _script(module: str, inbox: Path, quarter: Quarter, out: Path) -> list[str]:
    command = [sys.executable, "-m", module, "--inbox", str(inbox), "--quarter", quarter.key]
    return [*command, "--out", str(out)]


def _assert_same(what: str, expected: list[RankedOpd], actual: list[RankedOpd]) -> None:
    differences = ranking_differences(expected, actual)
    if differences:
        shown = "\n  ".join(differences[:DIFFERENCES_SHOWN])
        raise RankingMismatch(
            f"{what}: {len(differences)} OPD ranked differently from the publication:\n  {shown}"
        )


def _succeeded(run: Measurement, what: str) -> Measurement:
    if run.returncode != 0:
        raise RuntimeError(f"{what} exited {run.returncode}; see {run.log}")
    return run


def benchmark(
    scale: str,
    quarter: Quarter,
    repeat: int,
    pandas_limit_s: float,
    workdir: Path,
    inbox: Path | None,
    seed: int,
) -> Benchmark:
    started = dt.datetime.now(dt.UTC)
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    inbox = inbox.resolve() if inbox else generated_inbox(workdir, scale, quarter, seed)
    rows = dataset_rows(inbox)
    correction = corrected_inbox(inbox, workdir, quarter)
    read_rows = sum(rows.get(name, 0) for name in SCHEME_DATASETS)
    contenders = {
        # the pipeline's rows/s is that of its ingest stage, from its run profiles
        "full": Contender("full", "1. full refresh (`rapor run`, new home)", 0),
        "incremental": Contender("incremental", "2. incremental (one corrected file)", 0),
        "reference": Contender("reference", "3. reference (`reference.sql`, DuckDB)", read_rows),
        "pandas": Contender("pandas", "4. pandas peer", read_rows, limit_s=pandas_limit_s),
    }
    env = _child_env()
    changed_opds = 0
    for repetition in range(repeat):
        home = workdir / f"home-{repetition}"
        shutil.rmtree(home, ignore_errors=True)
        print(f"[{repetition + 1}/{repeat}] full refresh …", flush=True)
        full = _succeeded(
            run_measured(_rapor_run(inbox, quarter, home), logs / f"full-{repetition}.log", env),
            "rapor run (full)",
        )
        contenders["full"].runs.append(full)
        contenders["full"].profiles.append(run_profile(home, full.started_at, full.ended_at))
        published = published_ranking(home / "published" / "rapor.duckdb", quarter.key)

        print(f"[{repetition + 1}/{repeat}] incremental refresh …", flush=True)
        incremental = _succeeded(
            run_measured(
                _rapor_run(correction.inbox, quarter, home, "benchmark: corrected budget file"),
                logs / f"incremental-{repetition}.log",
                env,
            ),
            "rapor run (incremental)",
        )
        contenders["incremental"].runs.append(incremental)
        contenders["incremental"].profiles.append(
            run_profile(home, incremental.started_at, incremental.ended_at)
        )
        if repetition == 0:
            republished = published_ranking(home / "published" / "rapor.duckdb", quarter.key)
            _assert_same(
                "reference on the corrected inbox",
                republished,
                reference_ranking(correction.inbox, quarter),
            )
            before = {opd.opd_code: opd.index_score for opd in published}
            changed_opds = sum(before.get(o.opd_code) != o.index_score for o in republished)
        shutil.rmtree(home, ignore_errors=True)

        for key, module in (
            ("reference", "benchmarks.reference"),
            ("pandas", "benchmarks.pandas_peer"),
        ):
            contender = contenders[key]
            if contender.timed_out:
                continue
            print(f"[{repetition + 1}/{repeat}] {key} …", flush=True)
            out = workdir / f"{key}.csv"
            out.unlink(missing_ok=True)
            run = run_measured(
                _script(module, inbox, quarter, out),
                logs / f"{key}-{repetition}.log",
                env,
                cwd=REPO,
                limit_s=contender.limit_s,
            )
            contender.runs.append(run)
            if not run.timed_out:
                _succeeded(run, key)
                _assert_same(key, published, read_ranking(out))
    return Benchmark(
        scale,
        quarter.key,
        seed,
        inbox,
        rows,
        correction.describe(),
        changed_opds,
        contenders,
        started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--scale", choices=("city", "province", "national"), default="city")
    parser.add_argument("--quarter", type=Quarter.parse, default=Quarter(2024, 4))
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender (median)")
    parser.add_argument(
        "--pandas-limit", type=float, default=900, help="seconds before the pandas peer is killed"
    )
    parser.add_argument("--inbox", type=Path, help="reuse these files instead of generating")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workdir", type=Path, help="homes, logs, the generated inbox (default: a temp folder)"
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    workdir = args.workdir or Path(tempfile.gettempdir()) / "rapor-bench" / args.scale
    load_before = os.getloadavg()[0]
    try:
        result = benchmark(
            args.scale,
            args.quarter,
            args.repeat,
            args.pandas_limit,
            workdir.resolve(),
            args.inbox,
            args.seed,
        )
    except (RankingMismatch, RuntimeError) as failure:
        print(f"benchmark failed: {failure}", file=sys.stderr)
        return 1
    # a national run takes most of an hour: keep its figures even if writing them fails
    (workdir / "result.pickle").write_bytes(pickle.dumps((result, load_before)))
    section = render_section(result, machine(), load_before)
    print(section)
    update_results(args.results, args.scale, section)
    print(f"\nwritten to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
