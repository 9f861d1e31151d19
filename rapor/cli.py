"""`rapor`: a thin command line over the Dagster definitions (it materialises the same assets)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from core.messages import LANGUAGES
from core.quarters import Quarter

FINDINGS_PRINTED = 30


def _home(value: str | None) -> Path:
    return Path(value or os.environ.get("RAPOR_HOME") or ".rapor")


def _print_outcome(outcome, lang: str) -> None:
    from rapor.runner import EXIT_PUBLISHED

    # errors first; the quality report holds every one of them
    findings = sorted(outcome.findings, key=lambda f: f.severity != "error")
    for finding in findings[:FINDINGS_PRINTED]:
        print(f"  {finding.describe(lang)}", file=sys.stderr)
    if len(findings) > FINDINGS_PRINTED:
        print(f"  … {len(findings) - FINDINGS_PRINTED} more in the quality report", file=sys.stderr)
    if outcome.exit_code == EXIT_PUBLISHED:
        warnings = len(outcome.findings) - len(outcome.errors_found)
        print(
            f"{outcome.quarter}: {outcome.status} "
            f"(publication version {outcome.publication_version}"
            f"{f', {warnings} warning(s) in the quality report' if warnings else ''})"
        )
        if outcome.quarterly:
            print(f"  report: {outcome.quarterly.index}")
        if outcome.quarterly_error:
            print(
                f"  the quarterly report was not written: {outcome.quarterly_error}",
                file=sys.stderr,
            )
        return
    if outcome.report:
        print(f"  quality report: {outcome.report.html}", file=sys.stderr)
    print(f"{outcome.quarter}: NOT published ({outcome.status})", file=sys.stderr)
    for check in outcome.failed_checks:
        print(f"  failed check: {check}", file=sys.stderr)
    for error in outcome.errors:
        print(f"  {error.splitlines()[0] if error else error}", file=sys.stderr)
    if outcome.log_path:
        print(f"  full log: {outcome.log_path}", file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    from rapor.runner import run_quarter

    outcome = run_quarter(
        _home(args.home),
        Path(args.inbox),
        Quarter.parse(args.quarter),
        args.scheme,
        args.reason,
        args.lang,
    )
    _print_outcome(outcome, args.lang)
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
    print(f"Report:    {home.reports_dir / latest.key / 'index.html'}")
    print(f"Parquet:   {home.parquet_dir}")
    print(f"Dagster:   DAGSTER_HOME={home.dagster_home} dagster dev -m orchestration.definitions")
    return 0


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
    parser = argparse.ArgumentParser(prog="rapor", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="ingest, build, check and publish one quarter")
    run.add_argument("--inbox", required=True, help="folder with one sub-folder per dataset")
    run.add_argument("--quarter", required=True, help="e.g. 2024-Q3")
    run.add_argument("--home", help="default $RAPOR_HOME, else ./.rapor")
    run.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    run.add_argument("--reason", default="", help="why a published quarter is republished")
    run.add_argument("--lang", choices=LANGUAGES, default="id", help="language of the findings")
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

    report = commands.add_parser(
        "report", help="write the quarterly report (HTML, PDF, xlsx) of a published quarter"
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
    except (ValueError, FileNotFoundError, DemoExtraMissing) as exc:
        print(f"rapor: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
