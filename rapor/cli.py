"""`rapor`: a thin command line over the Dagster definitions (it materialises the same assets)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from core.home_lock import DEFAULT_WAIT_SECONDS
from core.messages import DEFAULT_LANG, LANGUAGES, run_text
from core.quarters import Quarter
from core.scheme import SchemeError

FINDINGS_PRINTED = 30


def _home(value: str | None) -> Path:
    return Path(value or os.environ.get("RAPOR_HOME") or ".rapor")


def _terminal_line(stream):
    """Progress goes to the terminal the command started on (the run sends its own output to
    its log file meanwhile)."""

    def say(line: str) -> None:
        print(line, file=stream, flush=True)

    return say


def _print_outcome(outcome, lang: str, verbose: bool = False) -> None:
    from rapor.runner import EXIT_PUBLISHED

    if verbose:
        # every finding, errors first; the quality report holds every one of them
        findings = sorted(outcome.findings, key=lambda f: f.severity != "error")
        for finding in findings[:FINDINGS_PRINTED]:
            print(f"  {finding.describe(lang)}", file=sys.stderr)
        if len(findings) > FINDINGS_PRINTED:
            more = len(findings) - FINDINGS_PRINTED
            print(f"  {run_text('more_findings', lang, count=more)}", file=sys.stderr)
    for note in outcome.notes:
        print(note)
    if outcome.status == "interrupted":
        key = "interrupted_after_publication" if outcome.publication_version else "interrupted"
        signal_name = outcome.interrupted_by or "signal"
        print(
            run_text(
                key,
                lang,
                quarter=outcome.quarter,
                signal=signal_name,
                version=outcome.publication_version,
            ),
            file=sys.stderr,
        )
        return
    if outcome.exit_code == EXIT_PUBLISHED:
        warnings = len(outcome.findings) - len(outcome.errors_found)
        counted = run_text("warnings_in_report", lang, count=warnings) if warnings else ""
        print(
            run_text(
                "published",
                lang,
                quarter=outcome.quarter,
                status=outcome.status,
                version=outcome.publication_version,
                warnings=counted,
            )
        )
        if verbose and outcome.log_path:
            print(f"  {run_text('full_log', lang, path=outcome.log_path)}")
        return
    print(
        run_text("not_published", lang, quarter=outcome.quarter, status=outcome.status),
        file=sys.stderr,
    )
    print(f"  {run_text('cause', lang)}", file=sys.stderr)
    for line in outcome.cause:
        print(f"    {line}", file=sys.stderr)
    if outcome.report:
        print(f"  {run_text('quality_report', lang, path=outcome.report.html)}", file=sys.stderr)
    if outcome.log_path:
        print(f"  {run_text('full_log', lang, path=outcome.log_path)}", file=sys.stderr)


def _on_wait(lang: str, stream):
    def tell(holder) -> None:
        print(
            run_text(
                "waiting_for_lock",
                lang,
                pid=holder.pid or "?",
                quarter=holder.quarter or "?",
                started_at=holder.started_at or "?",
            ),
            file=stream,
            flush=True,
        )

    return tell


def cmd_run(args: argparse.Namespace) -> int:
    from core.home_lock import HomeBusy
    from rapor.runner import (
        EXIT_BUSY,
        EXIT_ERROR,
        EXIT_INTERRUPTED,
        Interrupted,
        RunCrashed,
        run_quarter,
    )

    home = _home(args.home)
    quarter = Quarter.parse(args.quarter)
    try:
        outcome = run_quarter(
            home,
            Path(args.inbox),
            quarter,
            args.scheme,
            args.reason,
            args.lang,
            wait_seconds=args.wait,
            say=None if args.quiet else _terminal_line(sys.stdout),
            on_wait=None if args.quiet else _on_wait(args.lang, sys.stderr),
        )
    except HomeBusy as busy:
        holder = busy.holder
        print(
            run_text(
                "home_busy",
                args.lang,
                home=home,
                pid=holder.pid or "?",
                quarter=holder.quarter or "?",
                started_at=holder.started_at or "?",
                waited=busy.waited,
            ),
            file=sys.stderr,
        )
        return EXIT_BUSY
    except (Interrupted, KeyboardInterrupt) as interrupted:
        # stopped before the run began (e.g. while waiting for the home): nothing was written
        signal_name = getattr(interrupted, "signal_name", "SIGINT")
        print(
            run_text("interrupted", args.lang, quarter=quarter, signal=signal_name), file=sys.stderr
        )
        return EXIT_INTERRUPTED
    except RunCrashed as crashed:
        print(
            run_text("not_published", args.lang, quarter=quarter, status="error"), file=sys.stderr
        )
        print(f"  {run_text('unexpected_error', args.lang, last_line=crashed)}", file=sys.stderr)
        print(f"  {run_text('full_log', args.lang, path=crashed.log_path)}", file=sys.stderr)
        return EXIT_ERROR
    _print_outcome(outcome, args.lang, args.verbose)
    return outcome.exit_code


def _demo_generator():
    """The demo generator is its own package, with the `demo` extra for what only it needs."""
    try:
        from demo import generate
    except ModuleNotFoundError as missing:
        raise DemoExtraMissing(
            f"the demo generator needs {missing.name!r}: pip install 'rapor[demo]'"
        ) from missing
    return generate


class DemoExtraMissing(RuntimeError):
    pass


def cmd_generate(args: argparse.Namespace) -> int:
    generate = _demo_generator()

    years = tuple(int(y) for y in args.years.split(","))
    started = time.perf_counter()
    summary = generate(
        Path(args.out), scale=args.scale, seed=args.seed, years=years, style=args.style
    )
    elapsed = time.perf_counter() - started
    print(
        f"{summary.regions} region(s), {summary.opds} OPD written to {summary.out} "
        f"in {elapsed:.1f}s"
    )
    for dataset, rows in summary.rows.items():
        print(f"  {dataset:<14} {rows:>12,} rows")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from core.home import Home
    from rapor.runner import EXIT_PUBLISHED, run_quarter
    from reports.ranking_table import format_ranking, ranking_rows

    generate = _demo_generator()
    home = Home(_home(args.home).resolve())
    inbox = home.root / "inbox"
    summary = generate(inbox, scale="city", seed=args.seed, years=(2024, 2025))
    print(f"Demo region: {summary.opds} OPD, inbox {inbox}")
    quarters = [Quarter(year, q) for year in (2024, 2025) for q in (1, 2, 3, 4)]
    for quarter in quarters:
        outcome = run_quarter(home.root, inbox, quarter, args.scheme, lang=args.lang)
        _print_outcome(outcome, args.lang)
        if outcome.exit_code != EXIT_PUBLISHED:
            return outcome.exit_code
    latest = quarters[-1]
    print(f"\nRapor kinerja OPD {latest} ({args.scheme or 'magelang'}):\n")
    print(format_ranking(ranking_rows(home.published_db, latest.key)))
    print(f"\nPublished: {home.published_db} (schema marts)")
    print(f"Parquet:   {home.parquet_dir}")
    print(f"Dagster:   DAGSTER_HOME={home.dagster_home} dagster dev -m orchestration.definitions")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rapor", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="ingest, build, check and publish one quarter")
    run.add_argument("--inbox", required=True, help="folder with one sub-folder per dataset")
    run.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    run.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    run.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    run.add_argument("--reason", default="", help="why a published quarter is republished")
    run.add_argument("--lang", choices=LANGUAGES, default="id", help="language of the findings")
    run.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT_SECONDS,
        help="seconds to wait for another run of the same home before refusing "
        f"(default {DEFAULT_WAIT_SECONDS:.0f})",
    )
    chatter = run.add_mutually_exclusive_group()
    chatter.add_argument(
        "--quiet", action="store_true", help="only the outcome (and its cause), no progress"
    )
    chatter.add_argument(
        "--verbose", action="store_true", help="also every finding and the log's path"
    )
    run.set_defaults(func=cmd_run)

    demo = commands.add_parser("demo", help="generate a demo city and run 2024-Q1 … 2025-Q4")
    demo.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    demo.add_argument("--lang", choices=LANGUAGES, default="id", help="language of the findings")
    demo.set_defaults(func=cmd_demo)

    gen = commands.add_parser("generate", help="write synthetic inbox files")
    gen.add_argument("--scale", choices=("city", "province", "national"), default="city")
    gen.add_argument("--out", required=True)
    gen.add_argument("--seed", type=int, default=7)
    gen.add_argument("--years", default="2024,2025", help="comma-separated, e.g. 2024,2025")
    gen.add_argument(
        "--style",
        choices=("canonical", "messy"),
        default="canonical",
        help="canonical: one plain CSV per dataset and year; messy: the same rows (same seed, "
        "same published marts) as real exports are written: xlsx with title and total rows, "
        "';' and tab CSV in UTF-8 with BOM or Windows-1252, Indonesian numbers, dates, "
        "months and quarters, agencies by name or alias, Indonesian headers",
    )
    gen.set_defaults(func=cmd_generate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SchemeError as refused:
        # one line per problem: the file, the key path and the rule, in the run's language
        for line in refused.lines(getattr(args, "lang", DEFAULT_LANG)):
            print(f"rapor: {line}", file=sys.stderr)
        return 1
    except (ValueError, FileNotFoundError, DemoExtraMissing) as exc:
        print(f"rapor: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
