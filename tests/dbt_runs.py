"""dbt run by the tests on a warehouse of their own, and the SQL of models as dbt compiles it.

Each caller gives a working directory: the warehouse is `rapor.duckdb` there (dbt-duckdb names
the database after the file, so compiled refs read `"rapor"."<schema>"."<model>"`), and dbt's
target and logs stay there too, never in the shared `dbt_project/target` that other test workers
read. The hand-computed cases of the formulas are dbt unit tests (`unit_tests:` in the models'
YAML, run by tests/test_dbt_unit_tests.py); the compiled SQL serves the checks fixed rows cannot
express: properties over generated inputs, statistics over many draws.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb

from core.dbt_project import DBT_PROJECT_DIR, dbt_executable

WAREHOUSE_FILE = "rapor.duckdb"


def run_dbt(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """`dbt <args>` on `workdir`'s warehouse, its target and logs in `workdir`; not checked."""
    return subprocess.run(
        [
            dbt_executable(),
            *args,
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target_path(workdir)),
            "--log-path",
            str(workdir / "dbt_logs"),
        ],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "RAPOR_WAREHOUSE": str(workdir / WAREHOUSE_FILE)},
        capture_output=True,
        text=True,
        check=False,
    )


def target_path(workdir: Path) -> Path:
    return workdir / "dbt_target"


def compiled_models(workdir: Path, *models: str) -> dict[str, str]:
    """The SQL of `models` by name, as dbt compiles it for `workdir`'s warehouse; compiled before
    any model is built there, an incremental model compiles as its full build."""
    result = run_dbt(workdir, "compile", "--select", *models)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((target_path(workdir) / "manifest.json").read_text(encoding="utf-8"))
    nodes = manifest["nodes"].values()
    return {n["name"]: n["compiled_code"] for n in nodes if n["name"] in models}


def connect(workdir: Path) -> duckdb.DuckDBPyConnection:
    """`workdir`'s warehouse, with the schemas the compiled refs read."""
    con = duckdb.connect(str(workdir / WAREHOUSE_FILE))
    for schema in ("raw", "staging", "intermediate", "marts"):
        con.execute(f"create schema if not exists {schema}")
    return con


def create_table(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict]) -> None:
    """Table `name` from `rows` (every row with the same keys), replacing any earlier one."""
    columns = list(rows[0])
    values = ", ".join("(" + ", ".join("?" for _ in columns) + ")" for _ in rows)
    names = ", ".join(columns)
    con.execute(
        f"create or replace table {name} as select * from (values {values}) as t({names})",
        [row[c] for row in rows for c in columns],
    )


def query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
