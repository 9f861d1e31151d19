"""Streaming CSV output in the canonical inbox format: one sub-folder per dataset, plain `,` CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from core.contract import DATASETS


def rows_per_dataset(sinks: Iterable[tuple[str, object]]) -> dict[str, int]:
    """Data rows written so far per dataset, over every sink (`.rows`) of an inbox writer."""
    counts: dict[str, int] = {}
    for dataset, sink in sinks:
        counts[dataset] = counts.get(dataset, 0) + sink.rows
    return counts


class CsvSink:
    """One open CSV file that rows are streamed into."""

    def __init__(self, handle: IO[str], fields: Sequence[str]) -> None:
        self._writer = csv.writer(handle, lineterminator="\n")
        self._writer.writerow(fields)
        self.rows = 0

    def write(self, rows: Iterable[Sequence[str]]) -> None:
        """Append `rows` (one agency's worth: a batch is held in memory), in the fields' order."""
        batch = list(rows)
        self._writer.writerows(batch)
        self.rows += len(batch)


class InboxWriter:
    """Opens `<out>/<dataset>/<name>.csv` files and counts the rows written per dataset."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._handles: list[IO[str]] = []
        self._sinks: list[tuple[str, CsvSink]] = []

    def open(self, dataset: str, name: str, fields: Sequence[str]) -> CsvSink:
        """A new file of `dataset` with the header `fields`, checked against the input contract."""
        check_fields(dataset, fields)
        path = self.out / dataset / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("w", newline="", encoding="utf-8")
        self._handles.append(handle)
        sink = CsvSink(handle, fields)
        self._sinks.append((dataset, sink))
        return sink

    @property
    def rows(self) -> dict[str, int]:
        """Rows written so far per dataset (headers not counted)."""
        return rows_per_dataset(self._sinks)

    def close(self) -> None:
        for handle in self._handles:
            handle.close()
        self._handles.clear()

    def __enter__(self) -> InboxWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def check_fields(dataset: str, fields: Sequence[str]) -> None:
    """Guard against drift from `core.contract`: canonical names only, every required one."""
    contract = DATASETS[dataset]
    known = {c.name for c in contract.columns} | set(contract.dropped)
    unknown = [f for f in fields if f not in known]
    missing = [c.name for c in contract.columns if c.required and c.name not in fields]
    if unknown or missing:
        raise ValueError(f"{dataset}: unknown columns {unknown}, missing required {missing}")
