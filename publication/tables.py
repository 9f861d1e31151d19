"""What is published: the dbt models tagged `published` (every mart), read from dbt's manifest,
so that the dbt project is the one list of published tables, their columns and descriptions."""

from __future__ import annotations

from dataclasses import dataclass

from core.dbt_project import manifest, models_tagged

PUBLISHED_TAG = "published"
# The mart listing the files each quarter was built from: the publication's inputs fingerprint.
INPUT_FILES_TABLE = "quarter_input_files"
# The published mart of the raw rows behind every measure (`rapor trace` reads it).
LINEAGE_TABLE = "measure_lineage"


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
    # the columns of its `unique_combination_of_columns` test; empty for a table without one
    key: tuple[str, ...] = ()


def _unique_keys() -> dict[str, tuple[str, ...]]:
    """Each model's key, as its dbt test declares it."""
    return {
        node["attached_node"]: tuple(node["test_metadata"]["kwargs"]["combination_of_columns"])
        for node in manifest()["nodes"].values()
        if node["resource_type"] == "test"
        and node.get("test_metadata", {}).get("name") == "unique_combination_of_columns"
    }


def published_tables() -> tuple[PublishedTable, ...]:
    """Every published mart, by name."""
    keys = _unique_keys()
    return tuple(
        PublishedTable(
            node["name"],
            node["description"],
            tuple(
                PublishedColumn(c["name"], c.get("data_type") or "", c.get("description") or "")
                for c in node["columns"].values()
            ),
            keys.get(node["unique_id"], ()),
        )
        for node in models_tagged(PUBLISHED_TAG)
    )


def published_table_names() -> tuple[str, ...]:
    return tuple(table.name for table in published_tables())
