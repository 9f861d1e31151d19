"""Header matching: case-insensitive after trimming and collapsing spaces, `_`, `.` and `/`."""

from __future__ import annotations

import re

from ingest.contract import Dataset

_SEPARATORS = re.compile(r"[\s_./]+")


def normalize_header(text: str) -> str:
    return _SEPARATORS.sub("_", str(text).strip().lower()).strip("_")


def match_headers(dataset: Dataset, headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """Map canonical column name → the file's own header; also list the required columns missing.

    Unknown headers (and the personal-data columns the dataset drops) are simply not mapped.
    """
    by_normal: dict[str, str] = {}
    for header in headers:
        by_normal.setdefault(normalize_header(header), header)
    mapping: dict[str, str] = {}
    for column in dataset.columns:
        for candidate in (column.name, *column.aliases):
            found = by_normal.get(normalize_header(candidate))
            if found is not None and found not in mapping.values():
                mapping[column.name] = found
                break
    missing = [c.name for c in dataset.columns if c.required and c.name not in mapping]
    return mapping, missing


def dropped_headers(dataset: Dataset, headers: list[str]) -> list[str]:
    dropped = {normalize_header(name) for name in dataset.dropped}
    return [h for h in headers if normalize_header(h) in dropped]
