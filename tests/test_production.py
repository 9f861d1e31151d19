"""Production publication (docs/deploy.md): the published DuckDB file is readable by DuckDB 1.x and
carries the dbt contract.

A small region scored by the `assessed_only` test scheme, published once for the whole module.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import venv
from pathlib import Path

import dagster as dg
import duckdb
import psycopg
import pytest

from core.home import Home
from core.quarters import Quarter
from core.warehouse import table_digest
from orchestration.run_summary import summarize_run
from publication.publish import STORAGE_VERSION
from publication.schema import Column, TableSchema
from publication.tables import LINEAGE_TABLE, published_tables
from rapor.cli import main
from rapor.runner import EXIT_GATE_FAILED, EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import ASSESSED_ONLY, assessed_scores, published_region, write_rows
from tests.postgres_server import RAPOR_PASSWORD, READER_PASSWORD

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCHEME = ASSESSED_ONLY
QUARTER = Quarter(2025, 1)
OPDS = ["P1", "P2", "P3", "P4"]
# the DuckDB that BI drivers and desktop tools bundle
OLD_DUCKDB = "duckdb>=1.4,<1.5"


def _scores(scores: list[str]) -> list[dict]:
    return assessed_scores(QUARTER.year, QUARTER.quarter, dict(zip(OPDS, scores, strict=True)))


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    scores = dict(zip(OPDS, ["80", "70", "60", "50"], strict=True))
    return published_region(tmp_path_factory.mktemp("production"), 2025, 1, scores)


@pytest.fixture(scope="module")
def old_duckdb(tmp_path_factory) -> Path:
    """A Python with DuckDB 1.x, installed apart from the project's."""
    where = tmp_path_factory.mktemp("duckdb1") / "venv"
    venv.create(where, with_pip=True)
    python = where / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", OLD_DUCKDB], check=True, capture_output=True
    )
    return python


READ_EVERY_TABLE = """
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)
tables = con.execute("select schema_name, table_name from duckdb_tables() order by 1, 2").fetchall()
print(json.dumps({
    "version": duckdb.__version__,
    "rows": {f"{s}.{t}": len(con.execute(f"select * from {s}.{t}").fetchall()) for s, t in tables},
}))
"""


def test_duckdb_1x_opens_the_publication_and_reads_every_table(region, old_duckdb):
    _, home = region
    found = subprocess.run(
        [old_duckdb, "-c", READ_EVERY_TABLE, str(home.published_db)],
        check=True,
        capture_output=True,
        text=True,
    )
    read = json.loads(found.stdout)
    assert read["version"].startswith("1.4")
    expected = {f"{s}.{t.name}" for s in ("marts", "history") for t in published_tables()}
    assert set(read["rows"]) == expected | {"marts.publication_log"}
    with duckdb.connect(str(home.published_db), read_only=True) as con:
        for name, rows in read["rows"].items():
            assert rows == con.execute(f"select count(*) from {name}").fetchone()[0], name
        assert read["rows"]["marts.opd_quarter_ranking"] == len(OPDS)
        (storage,) = con.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'rapor'"
        ).fetchone()
    # DuckDB names the oldest release of the file's format ("v1.0.0+"), not the one asked for
    assert STORAGE_VERSION.startswith("v1.") and storage.startswith("v1.")


def test_the_publication_carries_keys_not_null_and_comments_of_the_dbt_contract(region):
    _, home = region
    with duckdb.connect(str(home.published_db), read_only=True) as con:
        for table in published_tables():
            columns = {
                name: (nullable, comment)
                for name, nullable, comment in con.execute(
                    "select column_name, is_nullable, comment from duckdb_columns() "
                    "where schema_name = 'marts' and table_name = ?",
                    [table.name],
                ).fetchall()
            }
            for column in table.columns:
                nullable, comment = columns[column.name]
                assert comment == column.description, (table.name, column.name)
                expected_nullable = column.name not in table.not_null | set(table.grain)
                assert nullable == expected_nullable, (table.name, column.name)
            for schema, key in (
                ("marts", table.grain),
                ("history", (*table.grain, "publication_version")),
            ):
                constraints = con.execute(
                    "select constraint_column_names from duckdb_constraints() "
                    "where schema_name = ? and table_name = ? and constraint_type = 'PRIMARY KEY'",
                    [schema, table.name],
                ).fetchall()
                expected = [(list(key),)] if table.duckdb_primary_key else []
                assert constraints == expected, (schema, table.name)


def test_only_the_lineage_goes_without_a_duckdb_key_index():
    """Its grain is still tested before publication, and PostgreSQL's primary key."""
    assert [t.name for t in published_tables() if not t.duckdb_primary_key] == [LINEAGE_TABLE]
    table = TableSchema("t", "", (Column("k", "VARCHAR", True, ""),), ("k",), duckdb_key=False)
    assert 'primary key ("k")' in table.ddl("marts", "postgres")[0]
    assert "primary key" not in table.ddl("marts", "duckdb")[0]


def test_every_published_table_declares_its_grain():
    """Its primary key: a model without a blocking uniqueness test could not be published."""
    assert [table.name for table in published_tables() if not table.grain] == []


def test_published_rows_are_the_warehouse_rows_value_for_value(region):
    _, home = region
    with duckdb.connect(str(home.published_db), read_only=True) as con:
        con.execute(f"attach '{home.warehouse}' as work (read_only)")
        for table in published_tables():
            names = [
                name
                for (name,) in con.execute(
                    "select column_name from duckdb_columns() where database_name = 'work' "
                    "and schema_name = 'marts' and table_name = ? order by column_index",
                    [table.name],
                ).fetchall()
            ]
            columns = ", ".join(f'"{name}"' for name in names)
            for schema in ("marts", "history"):
                published = table_digest(
                    con, f"(select {columns} from rapor.{schema}.{table.name})"
                )
                built = table_digest(
                    con,
                    f"(select {columns} from work.marts.{table.name} "
                    f"where quarter_key = '{QUARTER.key}')",
                )
                assert published == built, (schema, table.name)


# --- PostgreSQL: a real server (the `postgres` fixture, tests/conftest.py) ---


def _duckdb_rows(home: Home) -> dict[str, tuple[list[str], list[tuple]]]:
    found = {}
    with duckdb.connect(str(home.published_db), read_only=True) as con:
        for schema, table in con.execute(
            "select schema_name, table_name from duckdb_tables() order by 1, 2"
        ).fetchall():
            cursor = con.execute(f"select * from {schema}.{table}")
            names = [d[0] for d in cursor.description]
            found[f"{schema}.{table}"] = (names, sorted(cursor.fetchall(), key=_order))
    return found


def _postgres_rows(url: str, tables) -> dict[str, tuple[list[str], list[tuple]]]:
    found = {}
    with psycopg.connect(url) as pg:
        for name in tables:
            cursor = pg.execute(f"select * from {name}")
            names = [d.name for d in cursor.description]
            found[name] = (names, sorted(cursor.fetchall(), key=_order))
    return found


def _publish(home: Home, url: str) -> int:
    """`rapor publish`: PostgreSQL caught up from the DuckDB publication."""
    return main(
        ["publish", "--quarter", QUARTER.key, "--home", str(home.root), "--postgres-url", url]
    )


def _order(row: tuple) -> tuple:
    return tuple(str(value) for value in row)


def test_rapor_publish_copies_every_table_row_for_row_to_postgres(region, postgres, capsys):
    _, home = region
    code = _publish(home, postgres.rapor_url)
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert f"{QUARTER.key}: version 1 loaded into PostgreSQL" in printed.out
    assert RAPOR_PASSWORD not in printed.out + printed.err
    expected = _duckdb_rows(home)
    assert _postgres_rows(postgres.rapor_url, expected) == expected
    with psycopg.connect(postgres.rapor_url) as pg:
        types = dict(
            pg.execute(
                "select attname, format_type(atttypid, atttypmod) from pg_attribute "
                "where attrelid = 'marts.opd_quarter_ranking'::regclass and attnum > 0"
            ).fetchall()
        )
        (comment,) = pg.execute(
            "select col_description('marts.opd_quarter_ranking'::regclass, ordinal_position) "
            "from information_schema.columns where table_schema = 'marts' "
            "and table_name = 'opd_quarter_ranking' and column_name = 'opd_code'"
        ).fetchone()
        (key,) = pg.execute(
            "select pg_get_constraintdef(oid) from pg_constraint "
            "where conrelid = 'history.opd_quarter_ranking'::regclass and contype = 'p'"
        ).fetchone()
    assert types["opd_code"] == "text" and types["index_score"] == "numeric(5,2)"
    assert types["rank"] == "integer" and types["publication_version"] == "integer"
    assert comment == "Agency code from the OPD master."
    assert key == "PRIMARY KEY (quarter_key, opd_code, publication_version)"
    # a second catch-up finds nothing to do
    assert _publish(home, postgres.rapor_url) == 0
    assert "already holds" in capsys.readouterr().out


def test_the_reader_role_reads_marts_and_history_and_writes_nothing(region, postgres):
    with psycopg.connect(postgres.admin_url) as admin:
        admin.execute(f"alter role rapor_reader password '{READER_PASSWORD}'")
    reader = postgres.url("rapor_reader", READER_PASSWORD)
    with psycopg.connect(reader, autocommit=True) as pg:
        assert pg.execute("select count(*) from marts.opd_quarter_ranking").fetchone()[0] == 4
        assert pg.execute("select count(*) from history.opd_quarter_ranking").fetchone()[0] == 4
        for statement in (
            "delete from marts.opd_quarter_ranking",
            "insert into marts.publication_log (quarter_key) values ('x')",
            "update history.opd_quarter_ranking set opd_name = 'x'",
            "create table marts.mine (a int)",
            "create table public.mine (a int)",
            "drop table marts.opd_quarter_ranking",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                pg.execute(statement)


def test_unreachable_postgres_is_one_plain_message_without_the_password(region, capsys):
    _, home = region
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    url = f"postgresql://rapor:{RAPOR_PASSWORD}@127.0.0.1:{closed}/rapor"
    code = _publish(home, url)
    err = capsys.readouterr().err
    assert code == 1
    assert f"PostgreSQL at 127.0.0.1:{closed}" in err and "Connection refused" in err
    assert f"postgresql://rapor:***@127.0.0.1:{closed}/rapor" in err
    assert RAPOR_PASSWORD not in err
    # a quarter never published is named, nothing is loaded
    never = ["publish", "--quarter", "2019-Q1", "--home", str(home.root), "--postgres-url", url]
    assert main(never) == 1
    assert "2019-Q1 is not published" in capsys.readouterr().err


def _dagster_home_on_postgres(tmp_path: Path, postgres, monkeypatch) -> Path:
    """The deployed instance (deploy/dagster.yaml), its storage in the test server."""
    home = tmp_path / "dagster"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster.yaml", home / "dagster.yaml")
    for name, value in {
        "DAGSTER_HOME": str(home),
        "DAGSTER_PG_USERNAME": "rapor",
        "DAGSTER_PG_PASSWORD": RAPOR_PASSWORD,
        "DAGSTER_PG_HOST": "127.0.0.1",
        "DAGSTER_PG_PORT": str(postgres.port),
        "DAGSTER_PG_DB": "dagster",
    }.items():
        monkeypatch.setenv(name, value)
    return home


def test_a_failed_load_leaves_the_previous_version_and_the_next_catch_up_completes(
    region, postgres, tmp_path, monkeypatch
):
    """Run on the Dagster instance as deployed, with its run storage in PostgreSQL."""
    inbox, home = region
    dagster_home = _dagster_home_on_postgres(tmp_path, postgres, monkeypatch)
    before = _postgres_rows(postgres.rapor_url, _duckdb_rows(home))
    # the last table of the quarter's transaction refuses rows: the server aborts the load
    with psycopg.connect(postgres.admin_url) as admin:
        admin.execute(
            "create function refuse() returns trigger language plpgsql as "
            "$$ begin raise exception 'disk full'; end $$"
        )
        admin.execute(
            "create trigger refuse before insert on history.physical_progress "
            "for each statement execute function refuse()"
        )
    write_rows(inbox, "komponen", "nilai_tw1.csv", _scores(["81", "70", "60", "50"]))
    outcome = run_quarter(
        home.root, inbox, QUARTER, SCHEME, reason="koreksi", postgres_url=postgres.rapor_url
    )
    assert outcome.status == "published" and outcome.publication_version == 2
    assert outcome.exit_code != EXIT_PUBLISHED
    assert "disk full" in outcome.postgres_error
    assert RAPOR_PASSWORD not in outcome.postgres_error
    assert RAPOR_PASSWORD not in outcome.log_path.read_text(encoding="utf-8")
    assert _postgres_rows(postgres.rapor_url, before) == before
    # the run is recorded in PostgreSQL: read back, with the quarter as its partition
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        run = instance.get_run_by_id(outcome.run_id)
        assert run.tags["dagster/partition"] == QUARTER.key
        assert run.status == dg.DagsterRunStatus.FAILURE
        summary = summarize_run(instance, outcome.run_id)
        assert (summary.status, summary.publication_version) == ("published", 2)
    with psycopg.connect(postgres.url("rapor", RAPOR_PASSWORD, "dagster")) as pg:
        events = pg.execute("select count(*) from event_logs where run_id = %s", [run.run_id])
        assert events.fetchone()[0] > 0
        leaked = pg.execute(
            "select count(*) from event_logs where event like %s", [f"%{RAPOR_PASSWORD}%"]
        )
        assert leaked.fetchone()[0] == 0
    with psycopg.connect(postgres.admin_url) as admin:
        admin.execute("drop trigger refuse on history.physical_progress")
    assert _publish(home, postgres.rapor_url) == 0
    expected = _duckdb_rows(home)
    assert _postgres_rows(postgres.rapor_url, expected) == expected
    assert expected["marts.opd_quarter_ranking"] != before["marts.opd_quarter_ranking"]


def _postgres_digests(url: str) -> dict[str, tuple[int, str]]:
    """{schema.table: (rows, md5 of the rows in order)} of every table PostgreSQL holds."""
    found = {}
    with psycopg.connect(url) as pg:
        tables = pg.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'history') order by 1, 2"
        ).fetchall()
        for schema, table in tables:
            rows = "string_agg(t::text, e'\\n' order by t::text)"
            found[f"{schema}.{table}"] = pg.execute(
                f'select count(*), md5(coalesce({rows}, \'\')) from "{schema}"."{table}" as t'
            ).fetchone()
    return found


def test_a_run_the_gate_stopped_changes_nothing_in_postgres(region, postgres):
    inbox, home = region
    assert _publish(home, postgres.rapor_url) == 0
    before = _postgres_digests(postgres.rapor_url)
    assert set(before) == set(_duckdb_rows(home))
    assert before["marts.publication_log"][0] > 0 and before["history.opd_quarter_ranking"][0] > 0
    bad = write_rows(
        inbox,
        "komponen",
        "nilai_tw1_salah.csv",
        [{**row, "score": "8O"} for row in _scores(["80", "70", "60", "50"])[:1]],
    )
    try:
        outcome = run_quarter(
            home.root, inbox, QUARTER, SCHEME, reason="koreksi", postgres_url=postgres.rapor_url
        )
    finally:
        bad.unlink()
    assert outcome.status == "gate_failed" and outcome.exit_code == EXIT_GATE_FAILED
    assert outcome.postgres_error == ""
    assert _postgres_digests(postgres.rapor_url) == before


def _postgres_rows_by_name(url: str, tables) -> dict[str, tuple[set[str], list[tuple]]]:
    """Like `_postgres_rows`, each table's columns read in the DuckDB publication's order: a
    column added to an older table comes last in PostgreSQL."""
    found = {}
    with psycopg.connect(url) as pg:
        for name, (columns, _) in tables.items():
            every = {d.name for d in pg.execute(f"select * from {name} limit 0").description}
            cursor = pg.execute(f"select {', '.join(columns)} from {name}")
            found[name] = (every, sorted(cursor.fetchall(), key=_order))
    return found


def test_postgres_tables_of_an_older_shape_are_brought_to_the_contract(region, postgres, capsys):
    """A newer Rapor publishes a column the tables in PostgreSQL lack, or of another type."""
    _, home = region
    assert _publish(home, postgres.rapor_url) == 0
    capsys.readouterr()
    with psycopg.connect(postgres.rapor_url) as pg:
        # the ranking as an older Rapor created it: without the (nullable) `consequence_label`
        pg.execute("alter table marts.opd_quarter_ranking drop column consequence_label")
        # the scores' history as a double, where the contract says numeric(5,2)
        pg.execute(
            "alter table history.opd_quarter_ranking alter column index_score type double precision"
        )
    assert _publish(home, postgres.rapor_url) == 0
    printed = capsys.readouterr().out.splitlines()
    expected = _duckdb_rows(home)
    current = len(expected["marts.opd_quarter_ranking"][1])
    every_version = len(expected["history.opd_quarter_ranking"][1])
    assert printed == [
        f"PostgreSQL marts.opd_quarter_ranking: added column(s) consequence_label, {current} rows "
        "reloaded from the DuckDB publication",
        "PostgreSQL history.opd_quarter_ranking: rebuilt (column index_score double precision "
        f"not null, the contract says numeric(5,2) not null), {every_version} rows reloaded from "
        "the DuckDB publication",
        f"{QUARTER.key}: PostgreSQL already holds the published version",
    ]
    assert _postgres_rows_by_name(postgres.rapor_url, expected) == {
        name: (set(columns), rows) for name, (columns, rows) in expected.items()
    }
    with psycopg.connect(postgres.rapor_url) as pg:
        (comment,) = pg.execute(
            "select col_description('marts.opd_quarter_ranking'::regclass, attnum) "
            "from pg_attribute where attrelid = 'marts.opd_quarter_ranking'::regclass "
            "and attname = 'consequence_label'"
        ).fetchone()
        (kind,) = pg.execute(
            "select format_type(atttypid, atttypmod) from pg_attribute "
            "where attrelid = 'history.opd_quarter_ranking'::regclass and attname = 'index_score'"
        ).fetchone()
    ranking = {t.name: t for t in published_tables()}["opd_quarter_ranking"]
    described = {c.name: c.description for c in ranking.columns}
    assert comment == described["consequence_label"] and kind == "numeric(5,2)"
    # the rebuilt table is readable by BI tools again
    with psycopg.connect(postgres.admin_url) as admin:
        admin.execute(f"alter role rapor_reader password '{READER_PASSWORD}'")
    with psycopg.connect(postgres.url("rapor_reader", READER_PASSWORD)) as reader:
        count = reader.execute("select count(*) from history.opd_quarter_ranking").fetchone()
    assert count == (every_version,)
    # the tables now have the contract's shape: the next catch-up changes nothing
    assert _publish(home, postgres.rapor_url) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{QUARTER.key}: PostgreSQL already holds the published version"
    ]
