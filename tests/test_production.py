"""Production publication (docs/deploy.md): the published DuckDB file is readable by DuckDB 1.x and
carries the dbt contract.

A small region scored by the `assessed_only` test scheme, published once for the whole module.
"""

from __future__ import annotations

import json
import subprocess
import venv
from pathlib import Path

import duckdb
import pytest

from core.home import Home
from core.quarters import Quarter
from core.warehouse import table_digest
from publication.publish import STORAGE_VERSION
from publication.tables import published_tables
from rapor.runner import EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import opd_row, write_rows

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
QUARTER = Quarter(2025, 1)
OPDS = ["P1", "P2", "P3", "P4"]
# the DuckDB that BI drivers and desktop tools bundle
OLD_DUCKDB = "duckdb>=1.4,<1.5"


def _scores(scores: list[str], quarter: Quarter = QUARTER) -> list[dict]:
    return [
        {
            "year": quarter.year,
            "quarter": quarter.quarter,
            "opd_code": code,
            "component": "nilai",
            "score": score,
            "assessor": "Inspektorat",
        }
        for code, score in zip(OPDS, scores, strict=True)
    ]


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("production")
    inbox, home = root / "inbox", root / "home"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in OPDS])
    write_rows(inbox, "komponen", "nilai_tw1.csv", _scores(["80", "70", "60", "50"]))
    outcome = run_quarter(home, inbox, QUARTER, SCHEME)
    assert outcome.exit_code == EXIT_PUBLISHED, outcome.errors
    return inbox, Home(home)


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
                (constraint,) = con.execute(
                    "select constraint_column_names from duckdb_constraints() "
                    "where schema_name = ? and table_name = ? and constraint_type = 'PRIMARY KEY'",
                    [schema, table.name],
                ).fetchone()
                assert tuple(constraint) == key, (schema, table.name)


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
