"""A rule of `docs/inputs.md` expressed as one Great Expectations expectation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from core.messages import DEFAULT_LANG, Lang, text

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """`column` is the input column a data clerk should look at; the expectation may read a column
    derived from it in the batch SQL (e.g. a running sum, or a flag computed over several rows).
    The message is the catalogue's (`core.messages`) for `rule`, filled with `params`."""

    rule: str
    severity: Severity
    column: str
    expectation: Any
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return text(self.rule, lang, **self.params)


def error(rule: str, column: str, expectation: Any, **params: str) -> Rule:
    return Rule(rule, "error", column, expectation, params)


def warning(rule: str, column: str, expectation: Any, **params: str) -> Rule:
    return Rule(rule, "warning", column, expectation, params)
