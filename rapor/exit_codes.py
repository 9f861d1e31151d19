"""Every exit code of every command, written once: `rapor --help` and each command's `--help`
print them, and the table of docs/interface.md#exit-codes is checked against them
(tests/test_docs.py). The numbers are those the commands return (rapor/runner.py,
rapor/verify.py); argparse itself exits 2 on a command line it cannot read."""

from __future__ import annotations

import textwrap

# command: [(codes, meaning)], in the order the help shows them
EXIT_CODES: dict[str, list[tuple[str, str]]] = {
    "run": [
        ("0", "published, or unchanged (the same result was already published)"),
        (
            "1",
            "any other error: an invalid scheme (before anything is written), PostgreSQL not "
            "updated, an unexpected error (its last line and the log)",
        ),
        ("2", "the publication gate stopped the quarter: nothing published, the cause printed"),
        (
            "3",
            "the home was busy: another refresh held it longer than --wait (named: PID, "
            "quarter, start)",
        ),
        ("130, 143", "interrupted by SIGINT, SIGTERM: dbt stopped with it, nothing published"),
    ],
    "backfill": [
        ("0", "every quarter published or unchanged"),
        ("1", "an invalid range or scheme (nothing run), or an unexpected error (as run)"),
        ("2", "at least one quarter stopped (each named)"),
        ("3", "the home was busy (as run): later quarters not run"),
        ("130, 143", "interrupted (as run): later quarters not run"),
    ],
    "demo": [
        ("0", "every demo quarter published"),
        ("1, 2, 3, 130, 143", "as run, for the first quarter not published (later ones not run)"),
    ],
    "verify": [
        ("0", "identical: the version is reproduced"),
        (
            "1",
            "nothing to verify: an unpublished quarter or version, no manifest, or a rebuild "
            "the gate stopped",
        ),
        ("3", "NOT reproduced: each difference printed"),
    ],
    "trace": [
        ("0", "the trace printed"),
        ("1", "an unpublished quarter or version, or an OPD not ranked in it"),
    ],
    "report": [
        ("0", "the report written"),
        ("1", "an unpublished quarter or version, or no PDF engine (Chromium)"),
    ],
    "publish": [
        ("0", "PostgreSQL holds the published versions"),
        ("1", "no URL, nothing published, or PostgreSQL unreachable"),
    ],
    "generate": [
        ("0", "the files written"),
        ("1", "invalid arguments, or the demo extra not installed"),
    ],
}
USAGE_ERROR = ("2", "a command line it cannot read (argparse: the usage printed)")


# The help is wrapped to this width (a terminal's 100 columns).
WIDTH = 100


def _code_lines(rows: list[tuple[str, str]], indent: str) -> list[str]:
    width = max(len(codes) for codes, _ in rows)
    return [
        textwrap.fill(
            meaning,
            WIDTH,
            initial_indent=f"{indent}{codes:<{width}}  ",
            subsequent_indent=" " * (len(indent) + width + 2),
        )
        for codes, meaning in rows
    ]


def command_epilog(command: str) -> str:
    """The exit codes of one command, for its `--help`."""
    return "\n".join(["exit codes:", *_code_lines(EXIT_CODES[command], "  ")])


def overview_epilog() -> str:
    """Every command's exit codes, for `rapor --help`."""
    lines = ["exit codes (docs/interface.md#exit-codes):"]
    for command, rows in EXIT_CODES.items():
        lines += [f"  rapor {command}", *_code_lines(rows, "    ")]
    lines += ["  every command", *_code_lines([USAGE_ERROR], "    ")]
    return "\n".join(lines)


def markdown_table() -> str:
    """The table of docs/interface.md#exit-codes."""
    lines = ["| command | exit | meaning |", "| --- | --- | --- |"]
    for command, rows in EXIT_CODES.items():
        lines += [f"| `rapor {command}` | {codes} | {meaning} |" for codes, meaning in rows]
    lines.append(f"| every command | {USAGE_ERROR[0]} | {USAGE_ERROR[1]} |")
    return "\n".join(lines)
