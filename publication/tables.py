"""What is published: the dbt models tagged `published` (every mart), read from dbt's manifest,
so that the dbt project is the one list of published tables, their columns and descriptions."""

from __future__ import annotations

from dataclasses import dataclass

from core.dbt_project import models_tagged

PUBLISHED_TAG = "published"
# The mart listing the files each quarter was built from: the publication's inputs fingerprint.
INPUT_FILES_TABLE = "quarter_input_files"


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


def published_tables() -> tuple[PublishedTable, ...]:
    """Every published mart, by name."""
    return tuple(
        PublishedTable(
            node["name"],
            node["description"],
            tuple(
                PublishedColumn(c["name"], c.get("data_type") or "", c.get("description") or "")
                for c in node["columns"].values()
            ),
        )
        for node in models_tagged(PUBLISHED_TAG)
    )


def published_table_names() -> tuple[str, ...]:
    return tuple(table.name for table in published_tables())
