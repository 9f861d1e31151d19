"""CSV text read record by record in Python, with the physical line each record starts on.

The slower path: for Windows-1252 files and for any file DuckDB's reader rejects, so that the
rejection can be located line by line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from core.findings import UnreadableFile
from ingest.sniff import UNKNOWN_ENCODING, TextLayout

# Python's csv module refuses fields above 128 KiB; longer cells are reported by the value rules.
csv.field_size_limit(1 << 26)


def csv_records(path: Path, layout: TextLayout) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, fields) of every non-blank record, the header included."""
    with path.open(encoding=layout.encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=layout.delimiter)
        line = 1
        try:
            for fields in reader:
                if any(field.strip() for field in fields):
                    yield line, fields
                line = reader.line_num + 1
        except csv.Error as exc:
            raise UnreadableFile("unreadable_csv", line=line, problem=str(exc)) from exc
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                "unsupported_encoding", line=line, encoding=UNKNOWN_ENCODING
            ) from exc
