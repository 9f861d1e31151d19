"""Run the SQL of a dbt model or macro on DuckDB directly, without dbt: the file is rendered with
the project's own macros, `ref('x')` and `source('s', 'x')` becoming plain table names `x`.

Unit tests of the formulas create those tables with hand-made rows and run the very SQL dbt
builds, in milliseconds (a dbt run per case would cost seconds).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2

DBT_PROJECT = Path(__file__).resolve().parent.parent / "dbt_project"


def _macros() -> str:
    files = sorted((DBT_PROJECT / "macros").glob("*.sql"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def render(sql: str) -> str:
    """`sql` (jinja) rendered as dbt would, with refs and sources as bare table names."""
    template = jinja2.Environment().from_string(_macros() + "\n" + sql)
    return template.render(
        ref=lambda name: name,
        source=lambda _source, table: table,
        config=lambda **_: "",
        is_incremental=lambda: False,
    )


def model_sql(path: str) -> str:
    """The rendered SQL of `models/<path>.sql`."""
    return render((DBT_PROJECT / "models" / f"{path}.sql").read_text(encoding="utf-8"))


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
