"""Write–audit–publish: a checked quarter is copied from the working warehouse into a new file that
replaces `published/rapor.duckdb` atomically, so BI readers never see a half-written quarter and a
killed run leaves the last publication as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.home import Home
from core.quarters import Quarter
from core.sql import sql_literal
from core.warehouse import connect, memory_settings, table_digest
from publication.differences import differences
from publication.manifest import build_manifest, manifest_text, write_manifest_file
from publication.schema import (
    LOG_TABLE,
    VERSION_COLUMN,
    TableSchema,
    column_types,
    log_schema,
    published_schemas,
)
from publication.tables import INPUT_FILES_TABLE, LINEAGE_TABLE, published_table_names

# The oldest storage format of the features used (primary keys, comments): DuckDB 1.1 and later
# read the publication, as the BI drivers and desktop tools that bundle DuckDB 1.x do.
STORAGE_VERSION = "v1.1.0"


class PublicationRefused(Exception):
    """The quarter may not be published as it is (a gate, not a crash); a refused republication
    carries what differs from the publication in force."""

    def __init__(self, message: str, version: int = 0, found=()) -> None:
        super().__init__(message)
        self.version = version
        self.differences = list(found)


@dataclass(frozen=True)
class PublicationOutcome:
    quarter_key: str
    status: str  # published | unchanged
    publication_version: int
    content_sha256: str
    inputs_sha256: str
    published_db: Path


@dataclass(frozen=True)
class _Candidate:
    scheme_name: str
    scheme_sha256: str
    inputs_sha256: str
    content_sha256: str


def _candidate(home: Home, quarter: Quarter) -> _Candidate:
    """Fingerprints of what the working warehouse built for the quarter."""
    with connect(home.warehouse, read_only=True) as con:
        scheme_name, scheme_sha = con.execute(
            "select scheme_name, scheme_sha256 from raw.scheme_parameters where quarter_key = ?",
            [quarter.key],
        ).fetchone()
        files = con.execute(
            f"select distinct file_sha256 from marts.{INPUT_FILES_TABLE} "
            "where quarter_key = ? order by 1",
            [quarter.key],
        ).fetchall()
        content = hashlib.sha256()
        # the result, not where it came from: a file exported again with the same numbers
        # changes the lineage only, and the published version keeps the lineage it was built from
        for table in published_table_names():
            if table == LINEAGE_TABLE:
                continue
            digest = table_digest(con, f"marts.{table}", "quarter_key = ?", (quarter.key,))
            content.update(f"{table}:{digest}\n".encode())
    inputs = hashlib.sha256("\n".join(row[0] for row in files).encode()).hexdigest()
    return _Candidate(scheme_name, scheme_sha, inputs, content.hexdigest())


def _last_publication(home: Home, quarter: Quarter) -> tuple[int, str] | None:
    """The quarter's latest version and its content fingerprint. A version published before the
    manifest and the lineage existed gives no fingerprint: an identical result is published
    again (with a reason), so that it can be traced and verified."""
    if not home.published_db.exists():
        return None
    with connect(home.published_db, read_only=True) as con:
        has_manifest = con.execute(
            "select count(*) from information_schema.columns where table_schema = 'marts' "
            "and table_name = 'publication_log' and column_name = 'manifest'"
        ).fetchone()[0]
        manifest = "manifest" if has_manifest else "null"
        row = con.execute(
            f"select publication_version, if({manifest} is null, '', content_sha256) "
            "from marts.publication_log where quarter_key = ? and status = 'published' "
            "order by publication_version desc limit 1",
            [quarter.key],
        ).fetchone()
    return row


def remove_leftovers(home: Home) -> list[Path]:
    """Files and folders a killed publication left behind; none of them is ever read."""
    found: list[Path] = []
    if home.published_dir.exists():
        found += home.published_dir.glob(".rapor.duckdb.*.partial*")
        found += home.published_dir.glob("manifests/*/.v*.json.*.partial")
    if home.parquet_dir.exists():
        found += home.parquet_dir.glob("*/.quarter_key=*.partial")
        found += home.parquet_dir.glob("*/.quarter_key=*.stale")
    for path in found:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return found


def publish_quarter(
    home: Home, quarter: Quarter, code_version: str, reason: str = ""
) -> PublicationOutcome:
    remove_leftovers(home)
    candidate = _candidate(home, quarter)
    previous = _last_publication(home, quarter)
    if previous is not None and previous[1] == candidate.content_sha256:
        _ensure_parquet(home, quarter, previous[0])
        _ensure_manifest_file(home, quarter, previous[0])
        return PublicationOutcome(
            quarter.key,
            "unchanged",
            previous[0],
            candidate.content_sha256,
            candidate.inputs_sha256,
            home.published_db,
        )
    if previous is not None and not reason.strip():
        raise PublicationRefused(
            f"{quarter.key} is already published as version {previous[0]} and the new result "
            'differs: republishing needs a reason (rapor run … --reason "…")',
            previous[0],
            differences(home.published_db, home.warehouse, quarter.key),
        )
    version = 1 if previous is None else previous[0] + 1
    _write_new_file(home, quarter, candidate, version, code_version, reason.strip())
    _ensure_parquet(home, quarter, version)
    _ensure_manifest_file(home, quarter, version)
    return PublicationOutcome(
        quarter.key,
        "published",
        version,
        candidate.content_sha256,
        candidate.inputs_sha256,
        home.published_db,
    )


def _write_new_file(
    home: Home,
    quarter: Quarter,
    candidate: _Candidate,
    version: int,
    code_version: str,
    reason: str,
) -> None:
    """A new file in the storage format above, with the contract's keys, `not null` and comments:
    the previous publication's rows are copied into it, the quarter's replaced."""
    home.published_dir.mkdir(parents=True, exist_ok=True)
    partial = home.published_dir / f".rapor.duckdb.{uuid.uuid4().hex}.partial"
    try:
        # bounded like every other connection: a national quarter's rows spill instead of swelling
        con = duckdb.connect(config=memory_settings(home.warehouse))
        try:
            con.execute(
                f"attach {sql_literal(partial)} as pub (storage_version '{STORAGE_VERSION}')"
            )
            con.execute(f"attach {sql_literal(home.warehouse)} as work (read_only)")
            previous = home.published_db.exists()
            if previous:
                con.execute(f"attach {sql_literal(home.published_db)} as previous (read_only)")
            con.execute("use pub")
            con.execute("create schema marts; create schema history")
            current = published_schemas(con, "work", "marts", history=False)
            versions = published_schemas(con, "work", "marts", history=True)
            con.begin()
            for schema, tables in (("marts", (*current, log_schema())), ("history", versions)):
                kept = column_types(con, "previous", schema) if previous else {}
                for table in tables:
                    for statement in table.ddl(schema, "duckdb"):
                        con.execute(statement)
                    if table.name in kept:
                        _copy_previous(con, schema, table, kept[table.name], quarter)
            for table in current:
                columns = ", ".join(f'"{name}"' for name in table.column_names)
                source = ", ".join(
                    f"{version}::integer" if name == VERSION_COLUMN else f'"{name}"'
                    for name in table.column_names
                )
                for schema in ("marts", "history"):
                    # history: every version ever published stays queryable
                    con.execute(
                        f"insert into {schema}.{table.name} ({columns}) select {source} "
                        f"from work.marts.{table.name} where quarter_key = ?",
                        [quarter.key],
                    )
            published_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            manifest = build_manifest(
                con,
                quarter,
                version,
                published_at.isoformat(),
                candidate.content_sha256,
                candidate.inputs_sha256,
                reason,
            )
            con.execute(
                "insert into marts.publication_log (quarter_key, publication_version, "
                "published_at, scheme_name, scheme_sha256, inputs_sha256, content_sha256, "
                "code_version, status, reason, manifest) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?)",
                [
                    quarter.key,
                    version,
                    published_at,
                    candidate.scheme_name,
                    candidate.scheme_sha256,
                    candidate.inputs_sha256,
                    candidate.content_sha256,
                    code_version,
                    reason or None,
                    manifest_text(manifest),
                ],
            )
            con.commit()
            con.execute("use memory")
            for catalog in ("work", "previous", "pub") if previous else ("work", "pub"):
                con.execute(f"detach {catalog}")
        finally:
            con.close()
        os.replace(partial, home.published_db)
    finally:
        for leftover in (partial, partial.with_name(partial.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _copy_previous(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: TableSchema,
    previous_columns: dict[str, str],
    quarter: Quarter,
) -> None:
    """The previous publication's rows of `table`; in `marts`, those of the other quarters."""
    columns = ", ".join(f'"{name}"' for name in table.column_names if name in previous_columns)
    replaced = schema == "marts" and table.name != LOG_TABLE
    con.execute(
        f"insert into {schema}.{table.name} ({columns}) select {columns} "
        f"from previous.{schema}.{table.name} where {'quarter_key <> ?' if replaced else 'true'}",
        [quarter.key] if replaced else [],
    )


def _ensure_manifest_file(home: Home, quarter: Quarter, version: int) -> None:
    """The version's manifest as a file beside the publication, from the log (a run killed
    after the swap writes it on the next run)."""
    with connect(home.published_db, read_only=True) as con:
        row = con.execute(
            "select manifest from marts.publication_log "
            "where quarter_key = ? and publication_version = ?",
            [quarter.key, version],
        ).fetchone()
    if row and row[0]:
        write_manifest_file(home, quarter.key, version, row[0])


def _ensure_parquet(home: Home, quarter: Quarter, version: int) -> None:
    """Each table's quarter as `parquet/<table>/quarter_key=<Q>/data.parquet`, swapped in whole."""
    with connect(home.published_db, read_only=True) as con:
        for table in published_table_names():
            target = home.parquet_dir / table / f"quarter_key={quarter.key}"
            marker = target / f"_version_{version}"
            if marker.exists():
                continue
            fresh = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
            fresh.mkdir(parents=True)
            con.execute(
                f"copy (select * exclude (quarter_key) from marts.{table} "
                f"where quarter_key = '{quarter.key}') "
                f"to {sql_literal(fresh / 'data.parquet')} (format parquet)"
            )
            (fresh / f"_version_{version}").touch()
            stale = target.with_name(f".{target.name}.{uuid.uuid4().hex}.stale")
            if target.exists():
                target.rename(stale)
            fresh.rename(target)
            shutil.rmtree(stale, ignore_errors=True)


def published_quarter_keys(home: Home) -> set[str]:
    """The quarters the DuckDB publication holds."""
    if not home.published_db.exists():
        return set()
    with connect(home.published_db, read_only=True) as con:
        rows = con.execute("select distinct quarter_key from marts.publication_log").fetchall()
    return {row[0] for row in rows}
