"""Findings: one rejected or suspicious value, located as a data clerk would look for it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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

    def location(self) -> str:
        parts = [self.file_name]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def describe(self) -> str:
        value = f" (value {self.value!r})" if self.value else ""
        return f"{self.severity.upper()} {self.location()}: {self.message}{value} [{self.rule}]"

    def as_row(self) -> dict:
        return asdict(self)
