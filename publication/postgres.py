"""The DuckDB publication copied to PostgreSQL for BI servers: schemas `marts` and `history`, the
same tables, columns and rows, one transaction per quarter (a BI query sees the old quarter or the
new one), bulk-loaded by binary COPY from Arrow batches (ADBC). The DuckDB publication is the
record: this step only ever catches PostgreSQL up with it, so a failed or killed load is
completed by the next one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import adbc_driver_postgresql.dbapi as adbc
import duckdb
import psycopg
from psycopg import sql

from core.home import Home
from core.warehouse import connect
from publication.schema import LOG_TABLE, VERSION_COLUMN, TableSchema, log_schema, published_schemas

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


def publish_to_postgres(home: Home, url: str, only: str = "") -> list[QuarterLoaded]:
    """Load every quarter (or `only` that one) whose published version PostgreSQL does not have
    yet, oldest first."""
    with connect(home.published_db, read_only=True) as con:
        schemas = _schemas(con)
        published = _published_versions(con)
        with _connect(url) as pg:
            done = []
            try:
                _prepare(pg, schemas)
                loaded = _loaded_versions(pg)
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
    return done


def describe(done: Iterable[QuarterLoaded], url: str) -> str:
    loaded = [f"{q.quarter_key} v{q.publication_version} ({q.rows:,} rows)" for q in done]
    return f"PostgreSQL {masked(url)}: " + (", ".join(loaded) if loaded else "up to date")
