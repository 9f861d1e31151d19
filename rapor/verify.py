"""`rapor verify`: reproduce a published version of a quarter from its archive and manifest.

The archived inputs are checked against the manifest's sha256s, then loaded into a scratch home
(a temporary folder) as the files they were received as (name, sha256, load), in the order of
their original loads, and the quarter is run there with the manifest's scheme file and the
current code (the run path of `rapor run`). Every published table
of that version is compared with the rebuilt one, row by row and column by column, in DuckDB.
The publication, the warehouse and the archive of the home are only read."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.environment import environment
from core.home import Home
from core.quarters import Quarter
from core.sql import quote_ident, sql_literal
from core.version import git_state
from core.warehouse import connect
from ingest.archive import sha256_of
from ingest.load import ingest_archived_file
from publication.manifest import installed_packages
from publication.tables import published_tables

EXIT_IDENTICAL, EXIT_ERROR, EXIT_DIFFERENT = 0, 1, 3
# The version number is the publication's, not the rebuild's (its first).
NOT_COMPARED = ("publication_version",)
# Differences listed per table at most; the count says how many there were.
SHOWN_PER_TABLE = 20


class VerifyError(Exception):
    """Nothing to verify: an unpublished quarter or version."""


@dataclass
class Verification:
    quarter_key: str
    version: int
    tables: int = 0
    rows: int = 0
    differences: list[str] = field(default_factory=list)
    drift: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_DIFFERENT if self.differences else EXIT_IDENTICAL

    def describe(self) -> str:
        if self.differences:
            head = f"{self.quarter_key} version {self.version}: NOT reproduced"
            lines = [head, *(f"  {d}" for d in self.differences)]
        else:
            counted = f"{self.tables} tables, {self.rows} rows"
            where = " on different code" if self.drift else ""
            lines = [f"{self.quarter_key} version {self.version}: identical{where} ({counted})"]
        lines += [f"  {d}" for d in self.drift]
        return "\n".join(lines)


def _manifest(home: Home, quarter_key: str, version: int | None) -> dict:
    if not home.published_db.exists():
        raise VerifyError(f"nothing is published yet: {home.published_db} does not exist")
    with connect(home.published_db, read_only=True) as con:
        logged = con.execute(
            "select quarter_key, publication_version, manifest from marts.publication_log "
            "where status = 'published' order by 1, 2"
        ).fetchall()
    versions = {v: text for q, v, text in logged if q == quarter_key}
    if not versions:
        quarters = ", ".join(sorted({q for q, _, _ in logged})) or "none"
        raise VerifyError(f"{quarter_key} is not published; published quarters: {quarters}")
    chosen = max(versions) if version is None else version
    if chosen not in versions:
        numbers = ", ".join(str(v) for v in sorted(versions))
        raise VerifyError(f"{quarter_key} has no version {chosen}; published versions: {numbers}")
    if not versions[chosen]:
        raise VerifyError(f"{quarter_key} version {chosen} was published without a manifest")
    return json.loads(versions[chosen])


def _archive_differences(home: Home, manifest: dict) -> list[str]:
    found = []
    for entry in manifest["inputs"]:
        path = home.archive / entry["archive_path"]
        if not path.exists():
            found.append(f"archive file missing: {path} ({entry['file_name']})")
        elif sha256_of(path) != entry["archive_sha256"]:
            found.append(
                f"archive file changed: {path} ({entry['file_name']}): sha256 {sha256_of(path)}, "
                f"manifest {entry['archive_sha256']}"
            )
    return found


def _drift(manifest: dict) -> list[str]:
    """How the running code and packages differ from the publication's."""
    found = []
    commit, dirty = git_state()
    code = manifest["code"]
    if (commit, dirty) != (code["git_commit"], code["git_dirty"]):
        shown = {True: "+dirty", False: ""}
        found.append(
            f"code differs: published with {code['git_commit']}{shown[code['git_dirty']]}, "
            f"rebuilt with {commit}{shown[dirty]}"
        )
    running = installed_packages()
    changed = [
        f"{name} {manifest['packages'].get(name, '–')} → {running.get(name, '–')}"
        for name in sorted(set(running) | set(manifest["packages"]))
        if running.get(name) != manifest["packages"].get(name)
    ]
    if changed:
        found.append("packages differ: " + ", ".join(changed))
    return found


def _rebuild(home: Home, manifest: dict, scratch: Path) -> Path:
    """The quarter run in `scratch` from the archive; returns the rebuilt publication."""
    from rapor.runner import run_quarter

    quarter = Quarter.parse(manifest["quarter_key"])
    rebuilt = Home(scratch / "home")
    inbox = scratch / "inbox"
    # in the order of the original loads (the OPD master first within one, as ingest reads an
    # inbox), so that a later file supersedes an earlier one as it did
    entries = sorted(
        manifest["inputs"], key=lambda e: (e["load_id"], e["dataset"] != "opd", e["file_name"])
    )
    with connect(rebuilt.warehouse) as con:
        for entry in entries:
            archived = home.archive / entry["archive_path"]
            loaded = ingest_archived_file(
                con,
                entry["dataset"],
                archived,
                entry["file_name"],
                entry["sha256"],
                rebuilt.archive,
                entry["load_id"],
                kept_copy=archived.name != Path(entry["file_name"]).name,
            )
            if loaded.errors:
                raise VerifyError(
                    f"{archived} ({entry['file_name']}) no longer loads: "
                    + loaded.errors[0].describe()
                )
    inbox.mkdir(parents=True)
    scheme = scratch / "scheme" / manifest["scheme"]["file_name"]
    scheme.parent.mkdir(parents=True)
    scheme.write_bytes(manifest["scheme"]["file_text"].encode())
    # the rebuild's runs stay in the scratch home
    with environment(DAGSTER_HOME=None):
        outcome = run_quarter(rebuilt.root, inbox, quarter, scheme)
    if outcome.publication_version is None:
        failures = [*outcome.failed_checks, *(e.splitlines()[0] for e in outcome.errors if e)]
        raise VerifyError(
            f"the rebuild of {quarter.key} was not published ({outcome.status}): "
            + "; ".join(failures[:5])
        )
    return rebuilt.published_db


def _compare(published_db: Path, rebuilt_db: Path, quarter_key: str, version: int, result) -> None:
    with duckdb.connect() as con:
        con.execute(f"attach {sql_literal(published_db)} as published (read_only)")
        con.execute(f"attach {sql_literal(rebuilt_db)} as rebuilt (read_only)")
        for table in published_tables():
            columns = [c.name for c in table.columns if c.name not in NOT_COMPARED]
            key = list(table.grain)
            values = [c for c in columns if c not in key]
            old = (
                f"(select * from published.history.{table.name} "
                f"where quarter_key = $q and publication_version = $v)"
            )
            new = f"(select * from rebuilt.marts.{table.name} where quarter_key = $q)"
            on = " and ".join(f"p.{quote_ident(k)} = r.{quote_ident(k)}" for k in key)
            shown_key = " || ', ' || ".join(
                f"'{k}=' || coalesce(coalesce(p.{quote_ident(k)}, r.{quote_ident(k)})::varchar, '')"
                for k in key
            )
            checks = " union all ".join(
                f"select {shown_key} as row_key, '{c}' as column_name, "
                f"p.{quote_ident(c)}::varchar as published, r.{quote_ident(c)}::varchar as rebuilt "
                f"from {old} as p join {new} as r on {on} "
                f"where p.{quote_ident(c)} is distinct from r.{quote_ident(c)}"
                for c in values
            )
            params = {"q": quarter_key, "v": version}
            found = con.execute(
                f"select {shown_key} as row_key, case when p.quarter_key is null then 'rebuilt' "
                f"else 'published' end as side from {old} as p full join {new} as r on {on} "
                f"where p.quarter_key is null or r.quarter_key is null order by 1",
                params,
            ).fetchall()
            differences = [
                f"{table.name} [{k}]: row only in the {side} version" for k, side in found
            ]
            if checks:
                differences += [
                    f"{table.name} [{k}] {column}: published {p!r}, rebuilt {r!r}"
                    for k, column, p, r in con.execute(f"{checks} order by 1, 2", params).fetchall()
                ]
            result.tables += 1
            result.rows += con.execute(f"select count(*) from {old}", params).fetchone()[0]
            result.differences += differences[:SHOWN_PER_TABLE]
            if len(differences) > SHOWN_PER_TABLE:
                result.differences.append(
                    f"{table.name}: … {len(differences) - SHOWN_PER_TABLE} more differences"
                )


def verify(home: Home, quarter_key: str, version: int | None = None) -> Verification:
    manifest = _manifest(home, quarter_key, version)
    result = Verification(quarter_key, manifest["publication_version"])
    result.drift = _drift(manifest)
    missing = [e for e in manifest["inputs"] if not (home.archive / e["archive_path"]).exists()]
    result.differences += _archive_differences(home, manifest)
    if missing:
        return result  # nothing to rebuild from
    with tempfile.TemporaryDirectory(prefix="rapor-verify-") as scratch:
        rebuilt = _rebuild(home, manifest, Path(scratch))
        _compare(home.published_db, rebuilt, quarter_key, result.version, result)
    return result
