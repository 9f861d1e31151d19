"""What a received file is, before it is read: a workbook, CSV text (its encoding and delimiter),
or something Rapor does not read, said in a clerk's words rather than a traceback."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from core.contract import Dataset
from core.findings import UnreadableFile
from ingest.headers import recognised_count

TEXT_SUFFIXES = {".csv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
# The old binary Excel format; also what a password-protected .xlsx is (an OLE compound file).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SAMPLE_BYTES = 1 << 16
DELIMITERS = (",", ";", "\t")
# Text has few control characters besides tab and line ends; binary data has many.
CONTROL_SHARE_OF_BINARY = 0.05

Encoding = Literal["utf-8", "utf-8-sig", "cp1252"]
# How a file that decodes as neither is named in `unsupported_encoding`.
UNKNOWN_ENCODING = "(not UTF-8, not Windows-1252)"


@dataclass(frozen=True)
class TextLayout:
    encoding: Encoding
    delimiter: str
    header: tuple[str, ...] = ()


def file_kind(path: Path) -> Literal["text", "workbook"]:
    """Which reader reads `path`; raises `UnreadableFile` for what none reads."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(len(OLE_MAGIC))
    if not head and suffix in WORKBOOK_SUFFIXES | TEXT_SUFFIXES:
        # a zero-byte file, whatever its name says (a copy that failed, a save cut short)
        raise UnreadableFile("empty_file")
    if suffix == ".xls" or (suffix in WORKBOOK_SUFFIXES and head.startswith(OLE_MAGIC)):
        raise UnreadableFile("unsupported_workbook")
    if suffix in WORKBOOK_SUFFIXES:
        if not head.startswith(ZIP_MAGIC):
            raise UnreadableFile("damaged_workbook")
        return "workbook"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise UnreadableFile("unsupported_format", suffix=suffix or "(none)")


def text_layout(path: Path, dataset: Dataset) -> TextLayout:
    """Encoding and delimiter of a CSV file, from its first 64 KiB."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise UnreadableFile("empty_file")
    if sample.startswith(ZIP_MAGIC):
        raise UnreadableFile("binary_file", kind=": a .xlsx workbook")
    if sample.startswith(OLE_MAGIC):
        raise UnreadableFile("binary_file", kind=": an .xls workbook")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile("unsupported_encoding", encoding="UTF-16")
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    if b"\x00" in sample or controls > CONTROL_SHARE_OF_BINARY * len(sample):
        raise UnreadableFile("binary_file", kind="")
    encoding = _encoding(sample)
    text = sample.decode(encoding, errors="ignore")
    delimiter = _delimiter(text, dataset)
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    return TextLayout(encoding, delimiter, tuple(header))


def _encoding(sample: bytes) -> Encoding:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # the sample may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("unsupported_encoding", encoding=UNKNOWN_ENCODING) from exc
    return "cp1252"


def _delimiter(text: str, dataset: Dataset) -> str:
    """The delimiter under which the header names the most columns of the dataset."""
    first_lines = io.StringIO("\n".join(text.splitlines()[:20]))

    def score(delimiter: str) -> tuple[int, int]:
        first_lines.seek(0)
        header = next(csv.reader(first_lines, delimiter=delimiter), [])
        return recognised_count(dataset, header), len(header)

    return max(DELIMITERS, key=score)
