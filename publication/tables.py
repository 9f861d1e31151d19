"""What is published: the dbt models tagged `published` (every mart), read from dbt's manifest,
so that the dbt project is the one list of published tables, their columns, descriptions, grain
and the columns its blocking tests hold not null."""

from __future__ import annotations

from dataclasses import dataclass

from core.dbt_project import manifest, models_tagged

PUBLISHED_TAG = "published"
# The mart listing the files each quarter was built from: the publication's inputs fingerprint.
INPUT_FILES_TABLE = "quarter_input_files"
# The published mart of the raw rows behind every measure (`rapor trace` reads it).
LINEAGE_TABLE = "measure_lineage"

# The marts' tests look at the quarter being built only; a test narrowed by nothing else holds
# for every published row (each quarter passed it when it was published).
BUILT_QUARTER_FILTER = "quarter_key = (select quarter_key from raw.build_quarter)"


@dataclass(frozen=True)
class PublishedColumn:
    name: str
    data_type: str
    description: str


@dataclass(frozen=True)
class PublishedTable:
    name: str
    description: str
    columns: tuple[PublishedColumn, ...]
    # the `unique` columns of its `column_values` test: the primary key
    grain: tuple[str, ...] = ()
    # the `not_null` columns of its blocking `column_values` tests that no condition narrows
    not_null: frozenset[str] = frozenset()
    # whether the DuckDB publication declares the grain as its primary key (its `meta`)
    duckdb_primary_key: bool = True


def _tests_of(unique_id: str) -> list[dict]:
    return [
        node
        for node in manifest()["nodes"].values()
        if node["resource_type"] == "test"
        and node.get("test_metadata")
        and node.get("attached_node") == unique_id
        and node["config"]["severity"].lower() == "error"
    ]


def _grain(tests: list[dict]) -> tuple[str, ...]:
    for test in tests:
        unique = test["test_metadata"]["kwargs"].get("unique")
        if test["test_metadata"]["name"] == "column_values" and unique:
            return tuple(unique)
    return ()


def _not_null(tests: list[dict]) -> frozenset[str]:
    columns: set[str] = set()
    for test in tests:
        where = (test["config"].get("where") or BUILT_QUARTER_FILTER).strip()
        if test["test_metadata"]["name"] == "column_values" and where == BUILT_QUARTER_FILTER:
            columns.update(test["test_metadata"]["kwargs"].get("not_null", []))
    return frozenset(columns)


def published_tables() -> tuple[PublishedTable, ...]:
    """Every published mart, by name."""
    tables = []
    for node in models_tagged(PUBLISHED_TAG):
        tests = _tests_of(node["unique_id"])
        tables.append(
            PublishedTable(
                node["name"],
                node["description"],
                tuple(
                    PublishedColumn(c["name"], c.get("data_type") or "", c.get("description") or "")
                    for c in node["columns"].values()
                ),
                _grain(tests),
                _not_null(tests),
                node["config"].get("meta", {}).get("duckdb_primary_key", True),
            )
        )
    return tuple(tables)


def published_table_names() -> tuple[str, ...]:
    return tuple(table.name for table in published_tables())
