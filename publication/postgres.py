"""The DuckDB publication copied to PostgreSQL for BI servers: schemas `marts` and `history`, the
same tables, columns and rows, one transaction per quarter (a BI query sees the old quarter or the
new one), bulk-loaded by binary COPY from Arrow batches (ADBC). The DuckDB publication is the
record: this step only ever catches PostgreSQL up with it, so a failed or killed load is
completed by the next one; tables an older Rapor created are first brought to the current
contract."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import duckdb

from core.home import Home
from core.warehouse import connect
from publication.schema import LOG_TABLE, VERSION_COLUMN, TableSchema, log_schema, published_schemas

# The drivers are imported by the functions that talk to PostgreSQL: a second of start-up that
# a run without PostgreSQL does not pay.
if TYPE_CHECKING:
    import psycopg

READER_ROLE = "rapor_reader"
BATCH_ROWS = 100_000
URL_VARIABLE = "RAPOR_POSTGRES_URL"


class PostgresUnreachable(Exception):
    """PostgreSQL could not be reached, refused the login or the load (the message names host
    and port, never the password)."""


@dataclass(frozen=True)
class QuarterLoaded:
    quarter_key: str
    publication_version: int
    rows: int


@dataclass(frozen=True)
class Reshaped:
    """A PostgreSQL table brought to the current contract (a newer Rapor changed its columns):
    `added` columns (nullable, at the end: `alter table add column`), else rebuilt from the
    contract's DDL (`why` says what differed); its rows reloaded from the DuckDB publication."""

    table: str
    added: tuple[str, ...]
    why: str
    rows: int

    def __str__(self) -> str:
        did = f"added column(s) {', '.join(self.added)}" if self.added else f"rebuilt ({self.why})"
        return f"{self.table}: {did}, {self.rows:,} rows reloaded from the DuckDB publication"


@dataclass(frozen=True)
class PostgresLoad:
    quarters: list[QuarterLoaded]
    reshaped: list[Reshaped]


def masked(url: str) -> str:
    """The URL as it may be shown: `postgresql://user:***@host:port/db`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{user}:***@{host}{port}").geturl()


def _without_password(message: str, url: str) -> str:
    password = urlsplit(url).password
    return message.replace(password, "***") if password else message


def _connect(url: str) -> psycopg.Connection:
    import psycopg

    parts = urlsplit(url)
    try:
        return psycopg.connect(url, connect_timeout=10)
    except psycopg.OperationalError as error:
        server = re.sub(r"\s+", " ", str(error)).strip()
        raise PostgresUnreachable(
            f"PostgreSQL at {parts.hostname or 'localhost'}:{parts.port or 5432} "
            f"({masked(url)}) is unreachable: {_without_password(server, url)}. The DuckDB "
            "publication is the record; `rapor publish --quarter Q --postgres-url URL` (or the "
            "next run) catches PostgreSQL up"
        ) from None


def _schemas(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[TableSchema, ...]]:
    return {
        "marts": (*published_schemas(con, "rapor", "marts", history=False), log_schema()),
        "history": published_schemas(con, "rapor", "history", history=True),
    }


def _prepare(pg: psycopg.Connection, schemas: dict[str, tuple[TableSchema, ...]]) -> None:
    """Schemas, tables and the read-only role, created once; a second call changes nothing."""
    from psycopg import sql

    with pg.transaction():
        exists = pg.execute("select 1 from pg_roles where rolname = %s", [READER_ROLE]).fetchone()
        if not exists:
            # BI tools log in with it once an administrator gives it a password
            pg.execute(sql.SQL("create role {} login").format(sql.Identifier(READER_ROLE)))
        present = set(
            pg.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema in ('marts', 'history')"
            ).fetchall()
        )
        for schema, tables in schemas.items():
            pg.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
            for table in tables:
                if (schema, table.name) not in present:
                    for statement in table.ddl(schema, "postgres"):
                        pg.execute(statement)
            reader = sql.Identifier(READER_ROLE)
            name = sql.Identifier(schema)
            pg.execute(sql.SQL("grant usage on schema {} to {}").format(name, reader))
            every_table = sql.SQL("grant select on all tables in schema {} to {}")
            pg.execute(every_table.format(name, reader))


# how PostgreSQL's `format_type` spells the types `Column.postgres_type` writes
_SPELLED = {"timestamp": "timestamp without time zone"}
_SHAPES = """
select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
from pg_attribute as a
join pg_class as c on c.oid = a.attrelid
join pg_namespace as n on n.oid = c.relnamespace
where n.nspname in ('marts', 'history') and c.relkind = 'r' and a.attnum > 0
    and not a.attisdropped
order by n.nspname, c.relname, a.attnum
"""
_KEYS = """
select n.nspname, c.relname, array(
    select a.attname from unnest(k.conkey) with ordinality as key_column (attnum, position)
    join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = key_column.attnum
    order by key_column.position
)
from pg_constraint as k
join pg_class as c on c.oid = k.conrelid
join pg_namespace as n on n.oid = c.relnamespace
where n.nspname in ('marts', 'history') and k.contype = 'p'
"""


@dataclass(frozen=True)
class _Change:
    schema: str
    table: TableSchema
    added: tuple[str, ...]
    why: str


def _changes(pg: psycopg.Connection, schemas: dict[str, tuple[TableSchema, ...]]) -> list[_Change]:
    """The tables whose columns (name, type, not null) or primary key in PostgreSQL are not the
    contract's. Nullable columns it lacks are added in place (last: PostgreSQL cannot put a
    column between two others; the loads and BI tools name columns, so their order is not part
    of the shape); any other difference rebuilds the table."""
    found: dict[tuple[str, str], dict[str, tuple]] = {}
    for schema, table, column, kind, not_null in pg.execute(_SHAPES).fetchall():
        found.setdefault((schema, table), {})[column] = (kind, not_null)
    keys = {(schema, table): tuple(key) for schema, table, key in pg.execute(_KEYS).fetchall()}
    changes = []
    for schema, tables in schemas.items():
        for table in tables:
            have, key = found[(schema, table.name)], keys.get((schema, table.name), ())
            wanted = {
                c.name: (_SPELLED.get(c.postgres_type, c.postgres_type), c.not_null)
                for c in table.columns
            }
            if have == wanted and key == table.key:
                continue
            missing = [name for name in wanted if name not in have]
            kept = {name: shape for name, shape in wanted.items() if name in have}
            if key == table.key and kept == have and not any(wanted[n][1] for n in missing):
                changes.append(_Change(schema, table, tuple(missing), ""))
            else:
                changes.append(_Change(schema, table, (), _differences(have, wanted, key, table)))
    return changes


def _differences(have: dict, wanted: dict, key: tuple, table: TableSchema) -> str:
    """What PostgreSQL's table has that the contract does not, said plainly."""

    def spelled(shape: tuple) -> str:
        return shape[0] + (" not null" if shape[1] else "")

    said = [f"column {n} missing" for n in wanted if n not in have]
    said += [f"column {n} not in the contract" for n in have if n not in wanted]
    said += [
        f"column {n} {spelled(have[n])}, the contract says {spelled(wanted[n])}"
        for n in wanted
        if n in have and have[n] != wanted[n]
    ]
    if key != table.key:
        said.append(f"primary key ({', '.join(key)}), the contract says ({', '.join(table.key)})")
    return "; ".join(said)


def _reshape(
    url: str,
    con: duckdb.DuckDBPyConnection,
    changes: list[_Change],
    loaded: dict[str, int],
) -> list[Reshaped]:
    """One transaction: each changed table altered or rebuilt, and its rows replaced by the
    DuckDB publication's rows of the versions PostgreSQL holds (the per-quarter catch-up then
    goes on from there): a BI query sees the old shape and rows or the new ones."""
    import adbc_driver_postgresql.dbapi as adbc

    versions = [{"quarter_key": q, "version": v} for q, v in sorted(loaded.items())]
    done = []
    with adbc.connect(url) as target, target.cursor() as cursor:
        for change in changes:
            schema, table = change.schema, change.table
            name = f'"{schema}"."{table.name}"'
            if change.added:
                for column in table.columns:
                    if column.name in change.added:
                        quoted = f'"{column.name}"'
                        cursor.execute(
                            f"alter table {name} add column {quoted} {column.postgres_type}"
                        )
                        if column.description:
                            text = column.description.replace("'", "''")
                            cursor.execute(f"comment on column {name}.{quoted} is '{text}'")
                cursor.execute(f"delete from {name}")
            else:
                cursor.execute(f"drop table {name}")
                for statement in table.ddl(schema, "postgres"):
                    cursor.execute(statement)
                cursor.execute(f'grant select on {name} to "{READER_ROLE}"')
            # a quarter's marts rows are its history rows of the version PostgreSQL holds
            source = "marts" if table.name == LOG_TABLE else "history"
            same = "=" if schema == "marts" and table.name != LOG_TABLE else "<="
            selected = ", ".join(f'"{n}"' for n in table.column_names)
            rows = 0
            if versions:
                held = (
                    "select 1 from (select unnest(?, recursive := true)) as held "
                    f"where held.quarter_key = t.quarter_key and t.{VERSION_COLUMN} {same} "
                    "held.version"
                )
                batches = con.sql(
                    f"select {selected} from {source}.{table.name} as t where exists ({held})",
                    params=[versions],
                ).to_arrow_reader(BATCH_ROWS)
                rows = cursor.adbc_ingest(table.name, batches, mode="append", db_schema_name=schema)
            done.append(Reshaped(f"{schema}.{table.name}", change.added, change.why, rows))
        target.commit()
    return done


def _published_versions(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(
        con.execute(
            "select quarter_key, max(publication_version) from marts.publication_log "
            "where status = 'published' group by quarter_key order by quarter_key"
        ).fetchall()
    )


def _loaded_versions(pg: psycopg.Connection) -> dict[str, int]:
    return dict(
        pg.execute(
            "select quarter_key, max(publication_version) from marts.publication_log "
            "where status = 'published' group by quarter_key"
        ).fetchall()
    )


def _load_quarter(
    url: str,
    con: duckdb.DuckDBPyConnection,
    schemas: dict[str, tuple[TableSchema, ...]],
    quarter_key: str,
    loaded: int,
) -> int:
    """One transaction: the quarter's current rows replace PostgreSQL's, and the versions it lacks
    are added, each table streamed as Arrow batches into binary COPY (`adbc_ingest`)."""
    import adbc_driver_postgresql.dbapi as adbc

    rows = 0
    with adbc.connect(url) as target, target.cursor() as cursor:
        for schema, tables in schemas.items():
            for table in tables:
                name = f'"{schema}"."{table.name}"'
                if schema == "marts" and table.name != LOG_TABLE:
                    cursor.execute(f"delete from {name} where quarter_key = $1", [quarter_key])
                    where, params = "quarter_key = ?", [quarter_key]
                else:
                    where = f"quarter_key = ? and {VERSION_COLUMN} > ?"
                    params = [quarter_key, loaded]
                selected = ", ".join(f'"{n}"' for n in table.column_names)
                batches = con.sql(
                    f"select {selected} from {schema}.{table.name} where {where}", params=params
                ).to_arrow_reader(BATCH_ROWS)
                rows += cursor.adbc_ingest(
                    table.name, batches, mode="append", db_schema_name=schema
                )
        target.commit()
    return rows


def publish_to_postgres(home: Home, url: str, only: str = "") -> PostgresLoad:
    """Bring PostgreSQL's tables to the current contract, then load every quarter (or `only`
    that one) whose published version PostgreSQL does not have yet, oldest first."""
    import adbc_driver_postgresql.dbapi as adbc
    import psycopg

    with connect(home.published_db, read_only=True) as con:
        schemas = _schemas(con)
        published = _published_versions(con)
        with _connect(url) as pg:
            done: list[QuarterLoaded] = []
            reshaped: list[Reshaped] = []
            try:
                _prepare(pg, schemas)
                loaded = _loaded_versions(pg)
                changes = _changes(pg, schemas)
                pg.commit()
                if changes:
                    reshaped = _reshape(url, con, changes, loaded)
                for quarter_key, version in published.items():
                    if loaded.get(quarter_key, 0) >= version or only not in ("", quarter_key):
                        continue
                    rows = _load_quarter(url, con, schemas, quarter_key, loaded.get(quarter_key, 0))
                    done.append(QuarterLoaded(quarter_key, version, rows))
            except (psycopg.Error, adbc.Error) as error:
                parts = urlsplit(url)
                loaded_text = ", ".join(q.quarter_key for q in done) or "none"
                raise PostgresUnreachable(
                    f"PostgreSQL at {parts.hostname}:{parts.port or 5432} ({masked(url)}) refused "
                    f"the load, rolled back (quarters loaded before it: {loaded_text}): "
                    f"{_without_password(str(error).strip(), url)}"
                ) from None
    return PostgresLoad(done, reshaped)


def describe(load: PostgresLoad, url: str) -> str:
    loaded = [f"{q.quarter_key} v{q.publication_version} ({q.rows:,} rows)" for q in load.quarters]
    said = [*map(str, load.reshaped), *loaded]
    return f"PostgreSQL {masked(url)}: " + ("; ".join(said) if said else "up to date")
