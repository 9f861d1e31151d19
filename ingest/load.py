"""Load an inbox into the `raw` schema: one transaction per file, every finding collected."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.contract import DATASETS, PERIOD_SQL, Dataset
from core.findings import Finding, Severity, UnreadableFile, shown_value
from core.messages import DEFAULT_LANG, Lang, text, type_name, word
from core.sql import quote_ident, sql_literal
from ingest.archive import archive_copy, archive_path, sha256_of
from ingest.numbers import decide_conventions
from ingest.opd_names import current_master, resolve_opd_names
from ingest.raw_schema import ensure_raw_schema
from ingest.staging import Staged, stage, stage_kept_copy
from ingest.values import (
    NUMBER_TYPES,
    RANGE,
    install_macros,
    parse_sql,
    plausible_years,
    text_sql,
)

# The archive's name of a file with personal data: its rows as read, without those columns.
KEPT_COPY_SUFFIX = ".kept.csv"
# Past this many rejected values of one rule in one column, the rest are counted, not listed.
SAMPLE_PER_RULE = 50
# No value of the contract is longer; a longer cell is a pasted document, not a value.
MAX_CELL_CHARACTERS = 4000


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


def inbox_files(inbox: Path) -> list[tuple[Dataset | None, Path]]:
    """Every file of the inbox with the dataset its folder names (None: an unknown folder). The
    OPD master comes first: the other datasets may name their OPD, resolved against it."""
    found = []
    folders = sorted(
        (p for p in inbox.iterdir() if p.is_dir()), key=lambda p: (p.name.lower() != "opd", p.name)
    )
    for folder in folders:
        dataset = DATASETS.get(folder.name.lower())
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            # hidden files, and the `~$…` owner file Excel keeps beside a workbook while it is
            # open (never data), are not read
            if not path.name.startswith((".", "~$")):
                found.append((dataset, path))
    return found


def ingest_inbox(
    inbox: Path,
    con: duckdb.DuckDBPyConnection,
    archive_dir: Path,
    load_id: str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> IngestResult:
    """Archive, parse and load every new file of the inbox; files already loaded are skipped.
    Every file is read, whatever the others hold: the findings of the whole inbox come at once."""
    result = IngestResult(load_id=load_id or new_load_id())
    ensure_raw_schema(con)
    if not inbox.is_dir():
        result.findings.append(
            Finding("error", "inbox_missing", text("inbox_missing", lang), str(inbox))
        )
        # recorded like any finding, so that the run's outcome and report name it
        _record_findings(con, result)
        return result
    install_macros(con)
    for dataset, path in inbox_files(inbox):
        relative = str(path.relative_to(inbox))
        if dataset is None:
            message = text(
                "unknown_dataset_folder", lang, folder=path.parent.name, known=", ".join(DATASETS)
            )
            result.findings.append(Finding("warning", "unknown_dataset_folder", message, relative))
            continue
        sha = sha256_of(path)
        status = con.execute(
            "select status from raw.ingested_files where file_sha256 = ?", [sha]
        ).fetchone()
        if status and status[0] == "loaded":
            result.already_loaded.append(relative)
            continue
        reader = _FileLoad(con, dataset, path, relative, sha, result.load_id, archive_dir, lang)
        findings, rows = reader.load()
        result.findings.extend(findings)
        if any(f.severity == "error" for f in findings):
            result.rejected.append(relative)
        elif rows:
            result.loaded.append(relative)
            result.rows_loaded[dataset.name] = result.rows_loaded.get(dataset.name, 0) + rows
    _record_findings(con, result)
    return result


def ingest_archived_file(
    con: duckdb.DuckDBPyConnection,
    dataset_name: str,
    path: Path,
    file_name: str,
    sha256: str,
    archive_dir: Path,
    load_id: str,
    kept_copy: bool,
) -> IngestResult:
    """Load one archived file as the file it was received as (`file_name`, `sha256`): what
    `rapor verify` rebuilds from. A kept copy (the archive's copy of a file with personal data)
    is read at the sheets and lines of the original."""
    result = IngestResult(load_id=load_id)
    ensure_raw_schema(con)
    install_macros(con)
    dataset = DATASETS[dataset_name]
    reader = _FileLoad(con, dataset, path, file_name, sha256, load_id, archive_dir, DEFAULT_LANG)
    reader.kept_copy = kept_copy
    findings, rows = reader.load()
    result.findings.extend(findings)
    if any(f.severity == "error" for f in findings):
        result.rejected.append(file_name)
    elif rows:
        result.loaded.append(file_name)
        result.rows_loaded[dataset.name] = rows
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


@dataclass
class _FileLoad:
    """One file: staged as text, checked, then typed into `raw.<dataset>` in one transaction."""

    con: duckdb.DuckDBPyConnection
    dataset: Dataset
    path: Path
    relative: str
    sha: str
    load_id: str
    archive_dir: Path
    lang: Lang
    # the number convention decided for each number column (numbers.py)
    conventions: dict[str, str | None] = field(default_factory=dict)
    # the file is the archive's copy of a file with personal data (ingest_archived_file)
    kept_copy: bool = False

    def finding(
        self,
        rule: str,
        severity: Severity = "error",
        sheet: str | None = "",
        line: int | None = None,
        column: str = "",
        value: object = "",
        message: str | None = None,
        **params: object,
    ) -> Finding:
        return Finding(
            severity,
            rule,
            message or text(rule, self.lang, column=column, **params),
            self.relative,
            self.dataset.name,
            sheet or "",
            line,
            column,
            shown_value(value),
            self.sha,
        )

    def load(self) -> tuple[list[Finding], int]:
        with tempfile.TemporaryDirectory(prefix="rapor-ingest-") as workdir:
            try:
                if self.kept_copy:
                    staged = stage_kept_copy(self.con, self.dataset, self.path)
                else:
                    staged = stage(self.con, self.dataset, self.path, Path(workdir))
            except UnreadableFile as exc:
                return [self.finding(exc.rule, line=exc.line, **exc.params)], 0
            if staged.missing:
                return self._missing_columns(staged), 0
            staged.rows -= self._drop_blank_rows(staged)
            if staged.rows == 0:
                return [self.finding("no_data_rows", "warning")], 0
            kept_copy = Path(workdir) / "kept.csv"
            if staged.personal_data:
                self._write_kept_copy(staged, kept_copy)
            findings = self._personal_data_findings()
            if "opd_name" in staged.columns:
                master = current_master(self.con)
                findings += resolve_opd_names(self.con, master, self.finding, self.lang)
                if "opd_code" not in staged.columns:
                    staged.columns.append("opd_code")
            findings += self._value_findings(staged)
            if any(f.severity == "error" for f in findings):
                return findings, 0
            rows = self._insert_typed(staged, kept_copy if staged.personal_data else self.path)
            return findings, rows

    def _drop_blank_rows(self, staged: Staged) -> int:
        """Rows without a single value are blank lines, whatever separators they hold (`;;;;`
        at the end of an export, a sheet's formatted but empty tail): not rows."""
        empty = " and ".join(f"{text_sql(quote_ident(c))} is null" for c in staged.columns)
        return self.con.execute(
            f"delete from _staged where {empty} and _nik_column is null"
        ).fetchone()[0]

    def _missing_columns(self, staged: Staged) -> list[Finding]:
        hint = word("or_opd_name", self.lang)
        return [
            self.finding(
                "missing_required_column",
                sheet=missing.sheet,
                line=missing.line,
                column=name,
                hint=hint if name == "opd_code" and self.dataset.name != "opd" else "",
            )
            for missing in staged.missing
            for name in missing.columns
        ]

    def _personal_data_findings(self) -> list[Finding]:
        """A NIK-like value outside the dropped columns blocks the file; the value is masked."""
        rows = self.con.execute(
            "select _nik_column, arg_min(_sheet, _line), min(_line) "
            "from _staged where _nik_column is not null group by _nik_column order by 3"
        ).fetchall()
        return [
            self.finding(
                "personal_data_in_column", sheet=sheet, line=line, column=column, value="*" * 16
            )
            for column, sheet, line in rows
        ]

    def _write_kept_copy(self, staged: Staged, target: Path) -> None:
        """What the archive keeps of a file with personal data: the rows as read (sheet, line and
        the contract's columns), before any OPD name is resolved."""
        columns = "".join(f", {quote_ident(c)}" for c in staged.columns)
        self.con.execute(
            f"copy (select _sheet, _line{columns} from _staged order by _sheet, _line) "
            f"to {sql_literal(str(target))} (header, delimiter ',')"
        )

    def _value_findings(self, staged: Staged) -> list[Finding]:
        """Parse every value once into `_typed` (the stored types, plus whether each cell held
        text), then count every rule's failures in one scan and locate the failing cells."""
        present = [c for c in self.dataset.columns if c.name in staged.columns]
        numbers = [c.name for c in present if c.type in NUMBER_TYPES]
        conventions = decide_conventions(self.con, "_staged", numbers, self.finding)
        findings = [c.finding for c in conventions.values() if c.finding]
        self.conventions = {name: c.convention for name, c in conventions.items()}
        readable = [c for c in present if self.conventions.get(c.name, "en") is not None]
        typed = []
        for column in readable:
            ident = quote_ident(column.name)
            parsed = parse_sql(column.type, ident, self.conventions.get(column.name) or "en")
            typed.append(f"{parsed} as {ident}")
        for name in staged.columns:
            ident = quote_ident(name)
            typed.append(f"{text_sql(ident)} is not null as {quote_ident(name + '__given')}")
            typed.append(
                f"coalesce(length({ident}) > {MAX_CELL_CHARACTERS}, false) "
                f"as {quote_ident(name + '__long')}"
            )
        self.con.execute(
            f"create or replace temp table _typed as select _sheet, _line, {', '.join(typed)} "
            "from _staged"
        )
        checks: list[tuple[str, str, str, dict]] = [
            (name, "value_too_long", quote_ident(name + "__long"), {"limit": MAX_CELL_CHARACTERS})
            for name in staged.columns
        ]
        for column in readable:
            ident, given = quote_ident(column.name), quote_ident(column.name + "__given")
            if column.required:
                missing = f"not {given}"
                if column.name == "opd_code" and "opd_name" in staged.columns:
                    # a name that did not resolve is reported as such, not as a missing code
                    missing += f" and not {quote_ident('opd_name__given')}"
                checks.append((column.name, "required_value_missing", missing, {}))
            checks.append(
                (
                    column.name,
                    "unparseable_value",
                    f"{given} and {ident} is null",
                    {"type": type_name(column.type, self.lang)},
                )
            )
            if column.type in RANGE:
                condition, rule = RANGE[column.type]
                checks.append((column.name, rule, f"not ({condition.format(v=ident)})", {}))
            # the OPD master's validity window may start long ago: an agency founded in 1950
            dated = column.type in ("date", "ts") and self.dataset.name != "opd"
            if column.name == "year" or dated:
                year = ident if column.name == "year" else f"year({ident})"
                first, last = plausible_years()
                checks.append(
                    (
                        column.name,
                        "year_implausible",
                        f"not ({year} between {first} and {last})",
                        {"first": first, "last": last},
                    )
                )
        counts = self.con.execute(
            "select "
            + ", ".join(f"count(*) filter (where {c})" for _, _, c, _ in checks)
            + " from _typed"
        ).fetchone()
        for (column, rule, condition, params), total in zip(checks, counts, strict=True):
            if total:
                findings += self._located(column, rule, condition, params, total)
        return findings

    def _located(self, column: str, rule: str, condition: str, params: dict, total: int):
        """The first failing cells of a rule, with their text as received."""
        sample = self.con.execute(
            f"select s._sheet, s._line, s.{quote_ident(column)} "
            f"from (select _sheet, _line from _typed where {condition}) as failing "
            f"join _staged as s using (_sheet, _line) "
            f"order by s._sheet, s._line limit {SAMPLE_PER_RULE}"
        ).fetchall()
        found = []
        for sheet, line, value in sample:
            extra = {"length": len(value)} if rule == "value_too_long" else {}
            found.append(
                self.finding(
                    rule,
                    sheet=sheet,
                    line=line,
                    column=column,
                    value=value or "",
                    **params,
                    **extra,
                )
            )
        if total > SAMPLE_PER_RULE:
            more = text("more_values", self.lang, count=total - SAMPLE_PER_RULE)
            found.append(self.finding(rule, column=column, message=more))
        return found

    def _insert_typed(self, staged: Staged, archived_from: Path) -> int:
        con, dataset, sha = self.con, self.dataset, self.sha
        names = ", ".join(quote_ident(c.name) for c in dataset.columns if c.name in staged.columns)
        year_sql, period_sql = PERIOD_SQL[dataset.period_grain]
        name = self.path.name if archived_from == self.path else self.path.stem + KEPT_COPY_SUFFIX
        target = archive_path(self.archive_dir, dataset.name, sha, name)
        con.begin()
        try:
            con.execute(
                f"insert into raw.{dataset.name} ({names}, _file_sha256, _file_name, _sheet, "
                f"_line, _load_id) select {names}, ?, ?, _sheet, _line, ? from _typed",
                [sha, self.relative, self.load_id],
            )
            con.execute(
                f"insert into raw.file_periods select distinct ?, ?, {year_sql}, {period_sql}, "
                f"null from raw.{dataset.name} where _file_sha256 = ?",
                [sha, dataset.name, sha],
            )
            # A corrected file replaces the rows of the file it supersedes for the same periods.
            con.execute(
                "update raw.file_periods as old set superseded_by = ? "
                "from raw.file_periods as new "
                "where new.file_sha256 = ? and old.file_sha256 <> ? and old.dataset = ? "
                "and old.superseded_by is null and old.year = new.year "
                "and old.period = new.period",
                [sha, sha, sha, dataset.name],
            )
            archive_copy(archived_from, target)
            con.execute(
                "insert or replace into raw.ingested_files "
                "values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?)",
                [
                    sha,
                    dataset.name,
                    self.relative,
                    str(target),
                    sha256_of(target),
                    self.load_id,
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    staged.rows,
                ],
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        return staged.rows
