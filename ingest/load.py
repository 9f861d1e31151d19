"""Load an inbox into the `raw` schema: one transaction per file, every finding collected."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.archive import archive_copy, archive_path, sha256_of
from ingest.contract import DATASETS, Dataset
from ingest.findings import Finding
from ingest.headers import dropped_headers, match_headers
from ingest.values import RANGE, parse_sql, quote_ident, text_sql
from ingest.warehouse import ensure_raw_schema

TEXT_SUFFIXES = {".csv", ".txt"}
# Past this many rejected values of one rule in one column, the rest are counted, not listed.
SAMPLE_PER_RULE = 50

PERIOD_SQL = {
    "month": ("year", "month"),
    "quarter": ("year", "quarter"),
    "submitted_month": ("year(submitted_at)", "month(submitted_at)"),
    "none": ("0", "0"),
}


@dataclass
class IngestResult:
    load_id: str
    loaded: list[str] = field(default_factory=list)
    already_loaded: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    rows_loaded: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def new_load_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("load-%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_csv_sql(path: Path) -> str:
    return f"read_csv({_sql_literal(str(path))}, header = true, all_varchar = true)"


def inbox_files(inbox: Path) -> list[tuple[Dataset | None, Path]]:
    """Every file of the inbox with the dataset its folder names (None: an unknown folder)."""
    found = []
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir()):
        dataset = DATASETS.get(folder.name.lower())
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if not path.name.startswith("."):
                found.append((dataset, path))
    return found


def ingest_inbox(
    inbox: Path, con: duckdb.DuckDBPyConnection, archive_dir: Path, load_id: str | None = None
) -> IngestResult:
    """Archive, parse and load every new file of the inbox; files already loaded are skipped."""
    result = IngestResult(load_id=load_id or new_load_id())
    if not inbox.is_dir():
        result.findings.append(
            Finding("error", "inbox_missing", "the inbox folder does not exist", str(inbox))
        )
        return result
    ensure_raw_schema(con)
    for dataset, path in inbox_files(inbox):
        relative = str(path.relative_to(inbox))
        if dataset is None:
            result.findings.append(
                Finding(
                    "warning",
                    "unknown_dataset_folder",
                    f"folder {path.parent.name!r} is not a dataset of the input contract; "
                    f"known: {', '.join(DATASETS)}",
                    relative,
                )
            )
            continue
        sha = sha256_of(path)
        status = con.execute(
            "select status from raw.ingested_files where file_sha256 = ?", [sha]
        ).fetchone()
        if status and status[0] == "loaded":
            result.already_loaded.append(relative)
            continue
        findings, rows = _load_file(con, dataset, path, relative, sha, result.load_id, archive_dir)
        result.findings.extend(findings)
        if any(f.severity == "error" for f in findings):
            result.rejected.append(relative)
        else:
            result.loaded.append(relative)
            result.rows_loaded[dataset.name] = result.rows_loaded.get(dataset.name, 0) + rows
    _record_findings(con, result)
    return result


def _record_findings(con: duckdb.DuckDBPyConnection, result: IngestResult) -> None:
    rows = [
        (
            result.load_id,
            f.severity,
            f.rule,
            f.message,
            f.file_name,
            f.dataset,
            f.sheet,
            f.line,
            f.column,
            f.value,
            f.file_sha256,
        )
        for f in result.findings
    ]
    if rows:
        con.executemany(
            "insert into raw.ingest_findings values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )


def _load_file(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    path: Path,
    relative: str,
    sha: str,
    load_id: str,
    archive_dir: Path,
) -> tuple[list[Finding], int]:
    def finding(rule: str, message: str, **where) -> Finding:
        return Finding("error", rule, message, relative, dataset.name, file_sha256=sha, **where)

    if path.suffix.lower() not in TEXT_SUFFIXES:
        return [finding("unsupported_format", f"files of type {path.suffix!r} are not read")], 0
    try:
        headers = [
            d[0] for d in con.execute(f"select * from {_read_csv_sql(path)} limit 0").description
        ]
    except duckdb.Error as exc:
        return [finding("unreadable_file", f"the file cannot be read as CSV: {exc}")], 0
    mapping, missing = match_headers(dataset, headers)
    if missing:
        return [
            finding(
                "missing_required_column",
                f"required column {name!r} not found",
                line=1,
                column=name,
            )
            for name in missing
        ], 0
    selected = ", ".join(
        f"{quote_ident(h)}::varchar as {quote_ident(c)}" for c, h in mapping.items()
    )
    try:
        con.execute(
            f"create or replace temp table _staged as select row_number() over () + 1 as _line, "
            f"{selected} from {_read_csv_sql(path)}"
        )
    except duckdb.Error as exc:
        return [finding("unreadable_file", f"the file cannot be read as CSV: {exc}")], 0
    findings = _value_findings(con, dataset, mapping, finding)
    if findings:
        return findings, 0
    rows = _insert_typed(con, dataset, mapping, sha, relative, load_id, path, archive_dir, headers)
    return [], rows


def _value_findings(con, dataset: Dataset, mapping: dict[str, str], finding) -> list[Finding]:
    checks = []
    for column in dataset.columns:
        if column.name not in mapping:
            continue
        ident = quote_ident(column.name)
        text, parsed = text_sql(ident), parse_sql(column.type, ident)
        if column.required:
            checks.append((column.name, "required_value_missing", f"{text} is null"))
        checks.append(
            (column.name, "unparseable_value", f"{text} is not null and {parsed} is null")
        )
        if column.type in RANGE:
            condition, rule = RANGE[column.type]
            checks.append(
                (column.name, rule, f"{parsed} is not null and not ({condition.format(v=parsed)})")
            )
    findings = []
    for column_name, rule, condition in checks:
        ident = quote_ident(column_name)
        total, sample = con.execute(
            f"select count(*), list({{'line': _line, 'value': {ident}}} order by _line)"
            f"[1:{SAMPLE_PER_RULE}] from _staged where {condition}"
        ).fetchone()
        for item in sample or []:
            findings.append(
                finding(
                    rule,
                    _MESSAGES[rule],
                    line=item["line"],
                    column=column_name,
                    value=item["value"] or "",
                )
            )
        if total > SAMPLE_PER_RULE:
            findings.append(
                finding(
                    rule,
                    f"{total - SAMPLE_PER_RULE} more values break this rule",
                    column=column_name,
                )
            )
    return findings


_MESSAGES = {
    "required_value_missing": "a required value is empty",
    "unparseable_value": "the value cannot be read as the column's type",
    "month_out_of_range": "a month must be 1 to 12",
    "quarter_out_of_range": "a quarter must be 1 to 4",
    "pct_out_of_range": "a percentage must be between 0 and 100",
}


def _insert_typed(con, dataset, mapping, sha, relative, load_id, path, archive_dir, headers) -> int:
    columns = [c for c in dataset.columns if c.name in mapping]
    names = ", ".join(quote_ident(c.name) for c in columns)
    values = ", ".join(parse_sql(c.type, quote_ident(c.name)) for c in columns)
    year_sql, period_sql = PERIOD_SQL[dataset.period_grain]
    target = archive_path(archive_dir, dataset.name, sha, path.name)
    con.begin()
    try:
        con.execute(
            f"insert into raw.{dataset.name} ({names}, _file_sha256, _file_name, _sheet, _line, "
            f"_load_id) select {values}, ?, ?, '', _line, ? from _staged",
            [sha, relative, load_id],
        )
        rows = con.execute("select count(*) from _staged").fetchone()[0]
        con.execute(
            f"insert into raw.file_periods select distinct ?, ?, {year_sql}, {period_sql}, null "
            f"from raw.{dataset.name} where _file_sha256 = ?",
            [sha, dataset.name, sha],
        )
        # A corrected file replaces the rows of the file it supersedes for the same periods.
        con.execute(
            "update raw.file_periods as old set superseded_by = ? "
            "from raw.file_periods as new "
            "where new.file_sha256 = ? and old.file_sha256 <> ? and old.dataset = ? "
            "and old.superseded_by is null and old.year = new.year and old.period = new.period",
            [sha, sha, sha, dataset.name],
        )
        _archive(con, dataset, path, target, headers)
        con.execute(
            "insert or replace into raw.ingested_files values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?)",
            [
                sha,
                dataset.name,
                relative,
                str(target),
                sha256_of(target),
                load_id,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                rows,
            ],
        )
        con.commit()
    except Exception:
        con.rollback()
        raise
    return rows


def _archive(con, dataset: Dataset, path: Path, target: Path, headers: list[str]) -> None:
    """Keep the received file; where it carries personal data, keep it without those columns."""
    pii = dropped_headers(dataset, headers)
    if not pii:
        archive_copy(path, target)
        return
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = ", ".join(quote_ident(h) for h in headers if h not in pii)
    partial = target.with_name(target.name + ".partial")
    con.execute(
        f"copy (select {kept} from {_read_csv_sql(path)}) to {_sql_literal(str(partial))} "
        f"(header, delimiter ',')"
    )
    partial.replace(target)
