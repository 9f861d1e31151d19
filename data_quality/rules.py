"""A rule of `spec/inputs.md` expressed as one Great Expectations expectation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """`column` is the input column a data clerk should look at; the expectation may read a column
    derived from it in the batch SQL (e.g. a running sum, or a flag computed over several rows)."""

    rule: str
    severity: Severity
    column: str
    message: str
    expectation: Any


def error(rule: str, column: str, message: str, expectation: Any) -> Rule:
    return Rule(rule, "error", column, message, expectation)


def warning(rule: str, column: str, message: str, expectation: Any) -> Rule:
    return Rule(rule, "warning", column, message, expectation)
