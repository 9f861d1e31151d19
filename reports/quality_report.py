"""The quality report of a run (JSON for machines, HTML for people): every failed and warned rule
with file, sheet, line, column, value and rule, the checks that stopped publication, and the
per-OPD completeness matrix of the quarter."""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.contract import DATASETS
from core.home import Home
from core.messages import DEFAULT_LANG, Lang, word
from core.quarters import Quarter

SHOWN_FINDING_FIELDS = (
    "severity",
    "rule",
    "message",
    "file_name",
    "sheet",
    "line",
    "column",
    "value",
)

# What each OPD has in the quarter, per dataset (months for the monthly ones): the measure and
# the quarter's rows, among the dataset's current rows.
COMPLETENESS = {
    "anggaran": ("count(distinct r.month)", "r.year = {y} and r.month between {m1} and {m3}"),
    "fisik": ("count(distinct r.month)", "r.year = {y} and r.month between {m1} and {m3}"),
    "indikator": ("count(*)", "r.year = {y} and r.quarter = {q}"),
    "revisi_target": ("count(*)", "r.year = {y} and r.quarter = {q}"),
    "pengaduan": (
        "count(*)",
        "r.submitted_at >= timestamp '{start}' and r.submitted_at < timestamp '{end}'",
    ),
    "p3dn": ("count(*)", "r.year = {y} and r.quarter = {q}"),
    "komponen": ("count(*)", "r.year = {y} and r.quarter = {q}"),
}


# Each run's report is kept in its own folder under `reports/<quarter>/runs/`.
RUNS_FOLDER = "runs"
# A run with one of these statuses leaves its result as the publication in force.
IN_FORCE_STATUSES = ("published", "unchanged")


@dataclass(frozen=True)
class ReportPaths:
    json: Path
    html: Path


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'raw' and table_name = ?",
            [name],
        ).fetchone()[0]
    )


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _completeness(con: duckdb.DuckDBPyConnection, quarter: Quarter) -> list[dict]:
    """One row per OPD of the master: what each dataset holds for it in the quarter."""
    if not _table_exists(con, "opd"):
        return []
    params = {
        "y": quarter.year,
        "q": quarter.quarter,
        "m1": quarter.first_month,
        "m3": quarter.last_month,
        "start": quarter.start,
        "end": quarter.end_exclusive,
    }
    columns = []
    for name, (measure, where) in COMPLETENESS.items():
        columns.append(
            f"(select {measure} from {DATASETS[name].current_rows} as r "
            f"where {where.format(**params)} and r.opd_code = master.opd_code) as {name}"
        )
    return _dicts(
        con,
        f"select master.opd_code, any_value(master.opd_name) as opd_name, {', '.join(columns)} "
        f"from {DATASETS['opd'].current_rows} as master "
        "group by master.opd_code order by master.opd_code",
        [],
    )


def collect(
    home: Home, quarter: Quarter, run_id: str, status: str, failed_checks: list[str], load_id: str
) -> dict:
    """The report's content, read from the warehouse's ingest and quality tables."""
    report: dict = {
        "quarter_key": quarter.key,
        "run_id": run_id,
        "status": status,
        "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "failed_checks": failed_checks,
        "ingest_findings": [],
        "rules": [],
        "findings": [],
        "completeness": [],
    }
    if not home.warehouse.exists():
        return report
    columns = ", ".join(f'"{c}"' for c in SHOWN_FINDING_FIELDS)
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        if load_id and _table_exists(con, "ingest_findings"):
            report["ingest_findings"] = _dicts(
                con,
                f"select dataset, {columns} from raw.ingest_findings where load_id = ? "
                "order by severity, file_name, line",
                [load_id],
            )
        if _table_exists(con, "quality_results"):
            report["rules"] = _dicts(
                con,
                'select suite, rule, severity, "column", message, expectation, checked_rows, '
                "failed_rows from raw.quality_results where quarter_key = ? and run_id = ? "
                "order by failed_rows = 0, severity, suite, rule",
                [quarter.key, run_id],
            )
            report["findings"] = _dicts(
                con,
                f"select f.suite, {', '.join(f'f.{c}' for c in columns.split(', '))} "
                "from raw.quality_findings as f where f.quarter_key = ? and exists ("
                "select 1 from raw.quality_results as r where r.quarter_key = f.quarter_key "
                "and r.suite = f.suite and r.run_id = ?) order by f.severity, f.file_name, f.line",
                [quarter.key, run_id],
            )
        report["completeness"] = _completeness(con, quarter)
    return report


def write_quality_report(
    home: Home,
    quarter: Quarter,
    run_id: str,
    status: str,
    failed_checks: list[str] | None = None,
    load_id: str = "",
    lang: Lang = DEFAULT_LANG,
) -> ReportPaths:
    """Write the run's report, `<home>/reports/<quarter>/runs/<time>-<status>-<run>/quality.json`
    and `quality.html` (a run's own folder is reused when its report is written again), in `lang`:
    the findings' messages were written in the run's language. `reports/<quarter>/quality.*` then
    show the publication in force, and the attempts after it."""
    report = collect(home, quarter, run_id, status, failed_checks or [], load_id)
    report["lang"] = lang
    runs = home.reports_dir / quarter.key / RUNS_FOLDER
    folder = next(runs.glob(f"*-{run_id[:8]}"), None) if runs.exists() else None
    if folder is None:
        folder = runs / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{status}-{run_id[:8]}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(folder / "quality.json", folder / "quality.html")
    _replace(paths.json, json.dumps(report, indent=2, ensure_ascii=False, default=str))
    _replace(paths.html, render_html(report, lang))
    write_quarter_index(home, quarter, lang)
    return paths


def _attempts(home: Home, quarter: Quarter) -> list[dict]:
    """Every run's report of the quarter, oldest first."""
    runs = home.reports_dir / quarter.key / RUNS_FOLDER
    found = []
    for path in sorted(runs.glob("*/quality.json")) if runs.exists() else []:
        report = json.loads(path.read_text(encoding="utf-8"))
        found.append(
            {
                "run_id": report["run_id"],
                "status": report["status"],
                "written_at": report["written_at"],
                "report": f"{RUNS_FOLDER}/{path.parent.name}/quality.html",
                "_report": report,
            }
        )
    return found


def write_quarter_index(home: Home, quarter: Quarter, lang: Lang = DEFAULT_LANG) -> ReportPaths:
    """`reports/<quarter>/quality.*`: the report of the run whose result is in force (the last
    that published, or found its result unchanged), else of the last attempt; with the attempts
    after it and their outcome."""
    attempts = _attempts(home, quarter)
    in_force = [i for i, a in enumerate(attempts) if a["status"] in IN_FORCE_STATUSES]
    shown = in_force[-1] if in_force else len(attempts) - 1
    report = dict(attempts[shown]["_report"])
    report["later_attempts"] = [
        {k: v for k, v in attempt.items() if k != "_report"} for attempt in attempts[shown + 1 :]
    ]
    folder = home.reports_dir / quarter.key
    paths = ReportPaths(folder / "quality.json", folder / "quality.html")
    _replace(paths.json, json.dumps(report, indent=2, ensure_ascii=False, default=str))
    _replace(paths.html, render_html(report, lang))
    return paths


def remove_partial_reports(home: Home, quarter: Quarter) -> None:
    """What an interrupted report write left (each report is written aside, then renamed)."""
    folder = home.reports_dir / quarter.key
    if folder.exists():
        for partial in folder.rglob("*.partial"):
            partial.unlink(missing_ok=True)


def _replace(path: Path, text: str) -> None:
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _table(rows: list[dict], empty: str) -> str:
    if not rows:
        return f"<p>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in r.values())
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _later_attempts(attempts: list[dict], lang: Lang) -> str:
    if not attempts:
        return ""
    items = "".join(
        f'<li><a href="{html.escape(a["report"])}">{html.escape(a["written_at"])}</a>: '
        f"{html.escape(a['status'])} (run {html.escape(a['run_id'])})</li>"
        for a in attempts
    )
    return f"<h2>{html.escape(word('report_later_attempts', lang))}</h2><ul>{items}</ul>"


def render_html(report: dict, lang: Lang = DEFAULT_LANG) -> str:
    def heading(key: str) -> str:
        return html.escape(word(key, lang))

    failed_rules = [r for r in report["rules"] if r["failed_rows"]]
    status = html.escape(report["status"])
    checks = "".join(f"<li>{html.escape(c)}</li>" for c in report["failed_checks"])
    title = f"{heading('report_title')} {html.escape(report['quarter_key'])}"
    located = report["ingest_findings"] + report["findings"]
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 2rem; }}
table {{ border-collapse: collapse; margin-bottom: 1.5rem; }}
th, td {{ border: 1px solid #ccc; padding: .25rem .5rem; font-size: .9rem; text-align: left; }}
th {{ background: #eee; }}
</style></head><body>
<h1>{title}</h1>
<p>{heading("report_status")}: <strong>{status}</strong> · run {html.escape(report["run_id"])}
 · {html.escape(report["written_at"])}</p>
<h2>{heading("report_stopping_checks")}</h2>
{f"<ul>{checks}</ul>" if checks else f"<p>{heading('report_none')}</p>"}
<h2>{heading("report_failed_rules")}</h2>
{_table(failed_rules, word("report_all_passed" if report["rules"] else "report_no_rules", lang))}
{_later_attempts(report.get("later_attempts", []), lang)}
<h2>{heading("report_rows")}</h2>
{_table(located, word("report_no_rows", lang))}
<h2>{heading("report_completeness")}</h2>
{_table(report["completeness"], word("report_no_master", lang))}
<h2>{heading("report_all_rules")}</h2>
{_table(report["rules"], word("report_no_rules", lang))}
</body></html>
"""
