"""Findings: one rejected or suspicious value, located as a data clerk would look for it."""

from __future__ import annotations

import re
from dataclasses import MISSING, asdict, dataclass, fields
from typing import Literal

from core.messages import DEFAULT_LANG, Lang, word
from core.sql import quote_ident

Severity = Literal["error", "warning"]

# A value is shown at most this long: a finding locates a cell, it does not copy it.
SHOWN_VALUE_LIMIT = 120
# 16 digits in a row look like a NIK (Indonesian identity number): never shown, never stored.
NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")
# A text a spreadsheet would run as a formula when pasted (=, +, -, @, tab, CR first).
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
NUMBER_LIKE = re.compile(r"^[+\-]?[\d.,\s]+%?$")


def shown_value(value: object) -> str:
    """How a cell's value appears in findings, logs and reports: personal numbers masked, long
    cells cut, and formula-like text prefixed with `'` so that a report table pasted into a
    spreadsheet stays text (numbers such as `-5` are left as they are)."""
    text = "" if value is None else str(value)
    text = NIK_LIKE.sub("*" * 16, text)
    if len(text) > SHOWN_VALUE_LIMIT:
        text = text[:SHOWN_VALUE_LIMIT] + "…"
    if FORMULA_START.match(text) and not NUMBER_LIKE.match(text):
        text = "'" + text
    return text


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str
    message: str
    file_name: str
    dataset: str = ""
    sheet: str = ""
    line: int | None = None
    column: str = ""
    value: str = ""
    file_sha256: str = ""

    def location(self, lang: Lang = DEFAULT_LANG) -> str:
        parts = [self.file_name]
        if self.sheet:
            parts.append(f"{word('sheet', lang)} {self.sheet}")
        if self.line is not None:
            parts.append(f"{word('line', lang)} {self.line}")
        if self.column:
            parts.append(f"{word('column', lang)} {self.column}")
        return ", ".join(parts)

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        value = f" ({word('value', lang)} {self.value!r})" if self.value else ""
        return (
            f"{word(self.severity, lang)} {self.location(lang)}: {self.message}{value} "
            f"[{self.rule}]"
        )

    def as_row(self) -> dict:
        return asdict(self)


def _column_ddl(name: str, annotation: str, required: bool) -> str:
    kind = "bigint" if annotation.startswith("int") else "varchar"
    return f"{quote_ident(name)} {kind}" + (" not null" if required else "")


# The columns of a stored finding (ingest and quality tables alike), in the dataclass's order.
FINDING_DDL = ",\n    ".join(
    _column_ddl(f.name, str(f.type), f.default is MISSING) for f in fields(Finding)
)


class UnreadableFile(Exception):
    """A file that cannot be read at all: reported whole, under `rule` (a message catalogue key),
    optionally at the line where reading stopped."""

    def __init__(self, rule: str, line: int | None = None, **params: object) -> None:
        super().__init__(rule)
        self.rule = rule
        self.line = line
        self.params = params
