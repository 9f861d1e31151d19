"""Why a run did not publish, in the few lines a person acts on: the located findings, the folders
that are missing or empty, the process holding a lock, an unreachable database, the differences a
refused republication found, or the last line of an unexpected error."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from core.findings import Finding
from core.messages import Lang, run_text

# Findings shown on the terminal; every one of them is in the quality report.
FINDINGS_SHOWN = 5
# Text of a step's failure that the publication gate raised (orchestration.run_summary).
GATE_MARK = "publication gate"
DUCKDB_LOCK = re.compile(
    r'Could not set lock on file "(?P<file>[^"]+)": Conflicting lock is held in '
    r"(?P<program>.+?) \(PID (?P<pid>\d+)\)"
)
# PostgreSQL (psycopg, libpq) when the publication database cannot be reached.
UNREACHABLE = re.compile(
    r"(connection failed|could not connect to server|connection refused|"
    r"could not translate host name|timeout expired|no pg_hba\.conf entry|"
    r"password authentication failed)[^\n]*",
    re.IGNORECASE,
)
# What a lock holder probably is, from the name of its program (or of the Python script or
# module it runs).
HOLDER_KINDS = (
    (("dbeaver", "tableau", "metabase", "superset", "powerbi", "excel", "grafana"), "bi_tool"),
    (("rapor",), "rapor"),
    (("dbt",), "dbt"),
    (("duckdb",), "duckdb_cli"),
    (("python",), "python"),
)
# A command line is shown at most this long.
COMMAND_SHOWN = 120


def holder_argv(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def program_name(argv: list[str]) -> str:
    """`rapor` for `python -m rapor.cli` or `.venv/bin/rapor`, `dbeaver` for `/opt/dbeaver/…`."""
    name = Path(argv[0]).name.lower() if argv else ""
    if name.startswith("python") and len(argv) > 1:
        script = argv[2] if argv[1] == "-m" and len(argv) > 2 else argv[1]
        if not script.startswith("-"):
            return Path(script).name.lower().split(".")[0] or name
    return name


def holder_kind(argv: list[str], lang: Lang) -> str:
    if not argv:
        return run_text("holder_gone", lang)
    program = program_name(argv)
    for needles, kind in HOLDER_KINDS:
        if any(needle in program for needle in needles):
            return run_text(f"holder_{kind}", lang)
    return run_text("holder_other", lang)


def lock_cause(text: str, lang: Lang) -> str | None:
    match = DUCKDB_LOCK.search(text)
    if not match:
        return None
    pid = int(match["pid"])
    argv = holder_argv(pid)
    command = " ".join(argv) or match["program"]
    if len(command) > COMMAND_SHOWN:
        command = command[:COMMAND_SHOWN] + "…"
    return run_text(
        "lock_conflict",
        lang,
        file=match["file"],
        pid=pid,
        what=holder_kind(argv, lang),
        command=command,
    )


def finding_lines(findings: list[Finding], inbox: Path | None, lang: Lang) -> list[str]:
    """The errors, first few and the count; missing measures collapse to one line per folder."""
    errors = [f for f in findings if f.severity == "error"]
    lines, located = [], []
    missing_by_folder: dict[str, list[Finding]] = defaultdict(list)
    for finding in errors:
        if finding.rule == "measure_data_missing":
            missing_by_folder[finding.file_name].append(finding)
        else:
            located.append(finding)
    for folder, missing in missing_by_folder.items():
        name = folder.rstrip("/")
        empty = inbox is not None and not _has_files(inbox / name)
        key = "dataset_folder_empty" if empty else "dataset_rows_missing"
        codes = sorted({f.value for f in missing if f.value})
        lines.append(
            run_text(
                key,
                lang,
                folder=f"{name}/",
                count=len(codes) or len(missing),
                examples=", ".join(codes[:FINDINGS_SHOWN]),
            )
        )
    lines += [finding.describe(lang) for finding in located[:FINDINGS_SHOWN]]
    if len(located) > FINDINGS_SHOWN:
        lines.append(run_text("more_findings", lang, count=len(located) - FINDINGS_SHOWN))
    return lines


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(
        p.is_file() and not p.name.startswith((".", "~$")) for p in folder.rglob("*")
    )


def cause_lines(
    findings: list[Finding],
    failed_checks: list[str],
    error_details: list[str],
    inbox: Path | None,
    lang: Lang,
) -> list[str]:
    """The cause of a run that did not publish, most actionable first."""
    lines = finding_lines(findings, inbox, lang)
    for detail in error_details:
        if cause := lock_cause(detail, lang):
            lines.append(cause)
        elif unreachable := UNREACHABLE.search(detail):
            lines.append(run_text("database_unreachable", lang, detail=unreachable[0].strip()))
        elif GATE_MARK in detail and "blocking checks failed" not in detail:
            # a refusal of the gate: its message, with the differences it found
            message = detail.split(GATE_MARK + ": ", 1)[-1].split("\nStack Trace:")[0]
            lines += [line for line in message.strip().splitlines() if line.strip()]
    if not lines:
        lines = [run_text("failed_check", lang, check=check) for check in failed_checks]
    if not lines and error_details:
        lines = [run_text("unexpected_error", lang, last_line=last_line(error_details[0]))]
    return lines


def last_line(error: str) -> str:
    """The message of an error, without its stack: the line a person reads first."""
    message = error.split("\nStack Trace:")[0].strip()
    return message.splitlines()[-1] if message else error.strip()
