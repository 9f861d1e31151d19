"""The hand-computed cases of the formulas (docs/methodology.md), written as dbt unit tests beside
the models they test (`models/**/_*__unit_tests.yml`), and the rounding agreement of the Monte
Carlo (`tests/assert_index_hundredths_round_as_the_published_index.sql`, also run by every
build).

Unit tests need the tested models' parents in the warehouse, for their column types: a fresh
warehouse gets the raw schema, a scheme and the quarter, then every model built empty. The
production build excludes unit tests (orchestration/assets/dbt.py)."""

from __future__ import annotations

import json
from pathlib import Path

from core.quarters import Quarter
from core.scheme import load_scheme
from core.warehouse import connect
from ingest.build_quarter import set_build_quarter
from ingest.raw_schema import ensure_raw_schema
from ingest.scheme_tables import write_scheme
from tests.dbt_runs import WAREHOUSE_FILE, create_table, query, run_dbt, target_path
from tests.dbt_runs import connect as connect_test_warehouse

ROUNDING_TEST = "assert_index_hundredths_round_as_the_published_index"


def test_unit_tests_and_rounding_agreement_pass(tmp_path: Path):
    quarter = Quarter(2024, 2)
    with connect(tmp_path / WAREHOUSE_FILE) as con:
        ensure_raw_schema(con)
        write_scheme(con, load_scheme("magelang"), quarter)
        set_build_quarter(con, quarter)
    built = run_dbt(tmp_path, "run", "--empty")
    assert built.returncode == 0, built.stdout + built.stderr

    tested = run_dbt(tmp_path, "test", "--select", "test_type:unit", ROUNDING_TEST)
    # dbt prints each failure: the expected and actual rows that differ
    assert tested.returncode == 0, tested.stdout + tested.stderr

    target = target_path(tmp_path)
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    passed = {r["unique_id"] for r in results if r["status"] == "pass"}
    defined = set(json.loads((target / "manifest.json").read_text(encoding="utf-8"))["unit_tests"])
    # none silently left out of the selection or skipped
    assert defined and {u for u in passed if u.startswith("unit_test.")} == defined
    assert f"test.rapor.{ROUNDING_TEST}" in passed


def test_column_values_names_each_row_that_is_empty_or_breaks_a_bound_or_the_accepted_values(
    tmp_path: Path,
):
    """The model-level rule test (macros/generic_tests/column_values.sql), on hand-made rows of
    stg_scheme__components: every column filled, weight within 0–100 (inclusive), measure among
    the scheme's measures, one row per quarter and component; an empty value breaks only the
    first rule; a component held twice is named once, whatever its rows' other values."""
    compiled = run_dbt(
        tmp_path, "compile", "--select", "stg_scheme__components,test_name:column_values"
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    manifest = json.loads((target_path(tmp_path) / "manifest.json").read_text(encoding="utf-8"))
    (sql,) = [
        node["compiled_code"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and node.get("test_metadata", {}).get("name") == "column_values"
        and node["attached_node"] == "model.rapor.stg_scheme__components"
    ]
    with connect_test_warehouse(tmp_path) as con:
        create_table(
            con,
            "staging.stg_scheme__components",
            [
                {"component": c, "measure": m, "weight": w, "quarter_key": "2024-Q1", "position": 1}
                for c, m, w in (
                    ("a", "budget_absorption", 40.0),
                    ("b", "physical_progress", 100.0),
                    ("c", "p3dn_usage", 0.0),
                    ("d", "it's", 50.0),
                    ("e", "assessed", 100.5),
                    ("f", "bonus", -1.0),
                    ("g", None, None),
                    ("d", "assessed", 50.0),
                    ("h", "assessed", 10.0),
                    ("h", "assessed", 10.0),
                )
            ],
        )
        broken = query(con, sql)
    assert sorted((row["component"], row["broken_columns"]) for row in broken) == [
        ("d", "measure"),
        ("d", "unique (quarter_key, component)"),
        ("e", "weight"),
        ("f", "weight, measure"),
        ("g", "measure, weight"),
        ("h", "unique (quarter_key, component)"),
    ]
