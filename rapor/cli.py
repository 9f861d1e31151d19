"""`rapor`: a thin command line over the Dagster definitions (it materialises the same assets)."""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import time
from pathlib import Path

from core.home_lock import DEFAULT_WAIT_SECONDS
from core.messages import DEFAULT_LANG, LANGUAGES, run_text, status_name
from core.quarters import Quarter
from core.scheme import SchemeError
from rapor.exit_codes import command_epilog, overview_epilog

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
    if outcome.postgres_error:
        print(
            run_text(
                "postgres_not_updated",
                lang,
                quarter=outcome.quarter,
                status=status_name(outcome.status, lang),
                version=outcome.publication_version,
            ),
            file=sys.stderr,
        )
        print(f"  {outcome.postgres_error}", file=sys.stderr)
        return
    if outcome.exit_code == EXIT_PUBLISHED:
        warnings = len(outcome.findings) - len(outcome.errors_found)
        counted = run_text("warnings_in_report", lang, count=warnings) if warnings else ""
        print(
            run_text(
                "published",
                lang,
                quarter=outcome.quarter,
                status=status_name(outcome.status, lang),
                version=outcome.publication_version,
                warnings=counted,
            )
        )
        if outcome.quarterly:
            print(f"  {run_text('quarterly_report', lang, path=outcome.quarterly.index)}")
        if outcome.quarterly_error:
            why = run_text("quarterly_report_not_written", lang, error=outcome.quarterly_error)
            print(f"  {why}", file=sys.stderr)
        if verbose and outcome.log_path:
            print(f"  {run_text('full_log', lang, path=outcome.log_path)}")
        return
    print(
        run_text(
            "not_published", lang, quarter=outcome.quarter, status=status_name(outcome.status, lang)
        ),
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
            args.postgres_url or "",
            wait_seconds=args.wait,
            say=None if args.quiet else _terminal_line(sys.stdout),
            on_wait=None if args.quiet else _on_wait(args.lang, sys.stderr),
        )
    except HomeBusy as busy:
        _say_busy(home, busy, args.lang)
        return EXIT_BUSY
    except KeyboardInterrupt as interrupted:
        # stopped before the run began (e.g. while waiting for the home): nothing was written
        return _say_interrupted(quarter, interrupted, args.lang)
    except RunCrashed as crashed:
        return _say_crashed(quarter, crashed, args.lang)
    _print_outcome(outcome, args.lang, args.verbose)
    return outcome.exit_code


def _say_interrupted(quarter: Quarter, interrupted: KeyboardInterrupt, lang: str) -> int:
    """An interruption outside the run (runner.Interrupted is a KeyboardInterrupt)."""
    signal_name = getattr(interrupted, "signal_name", "SIGINT")
    print(run_text("interrupted", lang, quarter=quarter, signal=signal_name), file=sys.stderr)
    # as a shell reports a process ended by a signal: 130 for SIGINT, 143 for SIGTERM
    return 128 + signal.Signals[signal_name]


def _say_crashed(quarter: Quarter, crashed, lang: str) -> int:
    """An unexpected error: its last line and the log, which keeps the traceback."""
    from rapor.runner import EXIT_ERROR

    status = status_name("error", lang)
    print(run_text("not_published", lang, quarter=quarter, status=status), file=sys.stderr)
    print(f"  {run_text('unexpected_error', lang, last_line=crashed)}", file=sys.stderr)
    print(f"  {run_text('full_log', lang, path=crashed.log_path)}", file=sys.stderr)
    return EXIT_ERROR


def _say_busy(home: Path, busy, lang: str) -> None:
    holder = busy.holder
    print(
        run_text(
            "home_busy",
            lang,
            home=home,
            pid=holder.pid or "?",
            quarter=holder.quarter or "?",
            started_at=holder.started_at or "?",
            waited=busy.waited,
        ),
        file=sys.stderr,
    )


def _stopped_because(outcome, lang: str) -> str:
    if outcome.postgres_error:
        return f"published in DuckDB, PostgreSQL not updated: {outcome.postgres_error}"
    if outcome.failed_checks:
        return f"failed check {outcome.failed_checks[0]}" + (
            f" and {len(outcome.failed_checks) - 1} more" if len(outcome.failed_checks) > 1 else ""
        )
    first = next((e.splitlines()[0] for e in outcome.errors if e), "")
    errors = [f.describe(lang) for f in outcome.errors_found]
    return first or (errors[0] if errors else outcome.status)


def cmd_backfill(args: argparse.Namespace) -> int:
    """Every quarter of the range, oldest first, one at a time (one writer per warehouse)."""
    from core.home_lock import HomeBusy
    from rapor.runner import EXIT_BUSY, EXIT_PUBLISHED, RunCrashed, run_quarter
    from reports.pdf import browser_kept

    first, last = Quarter.parse(args.start), Quarter.parse(args.end)
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    quarters = [first]
    while quarters[-1] < last:
        quarters.append(quarters[-1].next())
    counts = {"published": 0, "unchanged": 0, "stopped": 0}
    with browser_kept():
        for quarter in quarters:
            try:
                outcome = run_quarter(
                    _home(args.home),
                    Path(args.inbox),
                    quarter,
                    args.scheme,
                    args.reason,
                    args.lang,
                    args.postgres_url or "",
                )
            except HomeBusy as busy:
                _say_busy(_home(args.home), busy, args.lang)
                return EXIT_BUSY
            except RunCrashed as crashed:
                return _say_crashed(quarter, crashed, args.lang)
            except KeyboardInterrupt as interrupted:
                # before the run began (while waiting for the home): nothing was written
                return _say_interrupted(quarter, interrupted, args.lang)
            if outcome.status == "interrupted":
                _print_outcome(outcome, args.lang)
                return outcome.exit_code
            if outcome.exit_code == EXIT_PUBLISHED:
                counts[outcome.status] += 1
                version = outcome.publication_version
                print(f"{quarter}: {outcome.status} (publication version {version})")
                continue
            counts["stopped"] += 1
            print(f"{quarter}: stopped ({_stopped_because(outcome, args.lang)})")
            if outcome.log_path:
                print(f"  full log: {outcome.log_path}")
            if args.stop_on_failure:
                later = len(quarters) - quarters.index(quarter) - 1
                print(f"  --stop-on-failure: {later} later quarter(s) not run")
                break
    print(
        f"backfill {first} … {last}: {counts['published']} published, "
        f"{counts['unchanged']} unchanged, {counts['stopped']} stopped"
    )
    return 0 if counts["stopped"] == 0 else 2


def cmd_publish(args: argparse.Namespace) -> int:
    """Catch PostgreSQL up with the DuckDB publication, without rebuilding anything."""
    from core.home import Home
    from publication.postgres import URL_VARIABLE, PostgresUnreachable, publish_to_postgres
    from publication.publish import published_quarter_keys

    url = args.postgres_url or os.environ.get(URL_VARIABLE, "")
    if not url:
        raise ValueError(f"rapor publish needs --postgres-url URL (or ${URL_VARIABLE})")
    home = Home(_home(args.home).resolve())
    if not home.published_db.exists():
        raise FileNotFoundError(f"nothing is published yet: {home.published_db} does not exist")
    quarter = Quarter.parse(args.quarter)
    if quarter.key not in published_quarter_keys(home):
        raise ValueError(f"{quarter} is not published in {home.published_db}: rapor run it first")
    try:
        load = publish_to_postgres(home, url, quarter.key)
    except PostgresUnreachable as unreachable:
        print(f"rapor: {unreachable}", file=sys.stderr)
        return 1
    for reshaped in load.reshaped:
        print(f"PostgreSQL {reshaped}")
    if not load.quarters:
        print(f"{quarter}: PostgreSQL already holds the published version")
    for done in load.quarters:
        print(
            f"{done.quarter_key}: version {done.publication_version} loaded into PostgreSQL "
            f"({done.rows:,} rows)"
        )
    return 0


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
    from core.home_lock import HomeBusy
    from rapor.runner import EXIT_BUSY, EXIT_PUBLISHED, RunCrashed, run_quarter
    from reports.pdf import browser_kept
    from reports.ranking_table import format_ranking, ranking_rows

    generate = _demo_generator()
    home = Home(_home(args.home).resolve())
    inbox = home.root / "inbox"
    summary = generate(inbox, scale="city", seed=args.seed, years=(2024, 2025))
    print(f"Demo region: {summary.opds} OPD, inbox {inbox}")
    quarters = [Quarter(year, q) for year in (2024, 2025) for q in (1, 2, 3, 4)]
    with browser_kept():
        for quarter in quarters:
            try:
                outcome = run_quarter(home.root, inbox, quarter, args.scheme, lang=args.lang)
            except HomeBusy as busy:
                _say_busy(home.root, busy, args.lang)
                return EXIT_BUSY
            except RunCrashed as crashed:
                return _say_crashed(quarter, crashed, args.lang)
            except KeyboardInterrupt as interrupted:
                # before the run began (while waiting for the home): nothing was written
                return _say_interrupted(quarter, interrupted, args.lang)
            _print_outcome(outcome, args.lang)
            if outcome.exit_code != EXIT_PUBLISHED:
                return outcome.exit_code
    latest = quarters[-1]
    print(f"\nRapor kinerja OPD {latest} ({args.scheme or 'magelang'}):\n")
    print(format_ranking(ranking_rows(home.published_db, latest.key)))
    print(f"\nPublished: {home.published_db} (schema marts)")
    print(f"Report:    {home.reports_dir / latest.key / 'index.html'}")
    print(f"Parquet:   {home.parquet_dir}")
    print(f"Dagster:   DAGSTER_HOME={home.dagster_home} dagster dev -m orchestration.definitions")
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    """A published rank back to its raw rows (audit/trace.py); only the publication is read."""
    import json

    from audit.trace import TraceError, render_text, trace, write_html
    from core.home import Home

    home = Home(_home(args.home))
    try:
        traced = trace(home.published_db, args.quarter, args.opd, args.version)
    except TraceError as exc:
        print(f"rapor trace: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(traced, indent=2, ensure_ascii=False))
    elif args.format == "html":
        print(write_html(home, traced))
    else:
        print(render_text(traced, rows=args.rows), end="")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Rebuild a published version from its archive and manifest and compare (rapor/verify.py)."""
    from core.home import Home
    from rapor.verify import EXIT_ERROR, VerifyError, verify

    try:
        result = verify(Home(_home(args.home)), args.quarter, args.version)
    except VerifyError as exc:
        print(f"rapor verify: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(result.describe())
    return result.exit_code


def cmd_report(args: argparse.Namespace) -> int:
    from core.home import Home
    from reports.pdf import PdfUnavailable
    from reports.quarterly import write_quarterly_report
    from reports.report_data import ReportUnavailable

    try:
        report = write_quarterly_report(
            Home(_home(args.home).resolve()), Quarter.parse(args.quarter), args.lang, args.version
        )
    except (ReportUnavailable, PdfUnavailable) as exc:
        print(f"rapor: {exc}", file=sys.stderr)
        return 1
    print(f"{args.quarter}: report {report.index} ({len(report.cards)} OPD cards)")
    print(f"  workbook {report.workbook}")
    print(f"  PDF      {report.pdf}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapor",
        description=__doc__,
        epilog=overview_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser(
        "run",
        help="ingest, build, check and publish one quarter",
        epilog=command_epilog("run"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--inbox", required=True, help="folder with one sub-folder per dataset")
    run.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    run.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    run.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    run.add_argument("--reason", default="", help="why a published quarter is republished")
    run.add_argument("--lang", choices=LANGUAGES, default="id", help="language of the findings")
    run.add_argument(
        "--postgres-url",
        help="also publish to this PostgreSQL (libpq URL; default $RAPOR_POSTGRES_URL)",
    )
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

    publish = commands.add_parser(
        "publish",
        help="copy a published quarter to PostgreSQL, without rebuilding it",
        epilog=command_epilog("publish"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    publish.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    publish.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    publish.add_argument("--postgres-url", help="libpq URL (default $RAPOR_POSTGRES_URL)")
    publish.set_defaults(func=cmd_publish)

    backfill = commands.add_parser(
        "backfill",
        help="run a range of quarters, oldest first, one at a time",
        epilog=command_epilog("backfill"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    backfill.add_argument("--from", dest="start", required=True, help="first quarter, e.g. 2024-Q1")
    backfill.add_argument("--to", dest="end", required=True, help="last quarter, e.g. 2025-Q4")
    backfill.add_argument("--inbox", required=True, help="folder with one sub-folder per dataset")
    backfill.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    backfill.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    backfill.add_argument("--reason", default="", help="why published quarters are republished")
    backfill.add_argument(
        "--lang", choices=LANGUAGES, default="id", help="language of the findings"
    )
    backfill.add_argument("--postgres-url", help="also publish to this PostgreSQL")
    backfill.add_argument(
        "--stop-on-failure", action="store_true", help="stop at the first quarter not published"
    )
    backfill.set_defaults(func=cmd_backfill)

    demo = commands.add_parser(
        "demo",
        help="generate a demo city and run 2024-Q1 … 2025-Q4",
        epilog=command_epilog("demo"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    demo.add_argument("--lang", choices=LANGUAGES, default="id", help="language of the findings")
    demo.set_defaults(func=cmd_demo)

    gen = commands.add_parser(
        "generate",
        help="write synthetic inbox files",
        epilog=command_epilog("generate"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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

    tracer = commands.add_parser(
        "trace",
        help="a published rank back to the raw rows behind it",
        epilog=command_epilog("trace"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    tracer.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    tracer.add_argument("--opd", required=True, help="the OPD code")
    tracer.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    tracer.add_argument("--format", choices=("text", "json", "html"), default="text")
    tracer.add_argument("--rows", action="store_true", help="list every raw row (text format)")
    tracer.add_argument("--version", type=int, help="publication version (default the latest)")
    tracer.set_defaults(func=cmd_trace)

    check = commands.add_parser(
        "verify",
        help="rebuild a published version from the archive and compare it, exit 3 if not",
        epilog=command_epilog("verify"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    check.add_argument("--version", type=int, help="publication version (default the latest)")
    check.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    check.set_defaults(func=cmd_verify)

    report = commands.add_parser(
        "report",
        help="write the quarterly report (HTML, PDF, xlsx) of a published quarter",
        epilog=command_epilog("report"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    report.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    report.add_argument("--lang", choices=LANGUAGES, default="id", help="language of the report")
    report.add_argument(
        "--version", type=int, help="publication version to report (default the latest)"
    )
    report.set_defaults(func=cmd_report)
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


def command() -> None:
    """The `rapor` command: `main`, then an end without the interpreter's teardown. A run leaves
    about 3 700 modules and 430 000 objects, which took 1.4 s to free at every exit; by then the
    command has closed every file and database it opened, and the exit handlers still run."""
    code = main()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    command()
