"""Header matching: case-insensitive after trimming and collapsing spaces, `_`, `.` and `/`."""

from __future__ import annotations

import re

from core.contract import Dataset

_SEPARATORS = re.compile(r"[\s_./]+")


def normalize_header(text: object) -> str:
    return _SEPARATORS.sub("_", str(text if text is not None else "").strip().lower()).strip("_")


def match_headers(dataset: Dataset, headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """Map canonical column name → the file's own header; also list the required columns missing.

    Unknown headers (and the personal-data columns every dataset drops) are simply not mapped. An
    OPD named by `opd_name` stands for the required `opd_code`.
    """
    by_normal: dict[str, str] = {}
    for header in headers:
        by_normal.setdefault(normalize_header(header), header)
    mapping: dict[str, str] = {}
    for column in dataset.header_columns:
        for candidate in (column.name, *column.aliases):
            found = by_normal.get(normalize_header(candidate))
            if found is not None and found not in mapping.values():
                mapping[column.name] = found
                break
    named = set(mapping) | ({"opd_code"} if "opd_name" in mapping else set())
    missing = [name for name in dataset.required if name not in named]
    return mapping, missing


def recognised_count(dataset: Dataset, cells: list[object]) -> int:
    """How many cells of a row name a column of the dataset: how a header row is recognised."""
    mapping, _ = match_headers(dataset, [str(c) for c in cells if c not in (None, "")])
    return len(mapping)


def dropped_headers(dataset: Dataset, headers: list[str]) -> list[str]:
    dropped = {normalize_header(name) for name in dataset.dropped}
    return [h for h in headers if normalize_header(h) in dropped]
