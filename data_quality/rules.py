"""A rule of `docs/inputs.md` expressed as one Great Expectations expectation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from core.messages import DEFAULT_LANG, Lang, text
from core.sql import quote_ident, sql_literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Expectation:
    """A Great Expectations expectation by class and arguments (those of `great_expectations.
    expectations.<gx_class>`), built only when a suite runs through GE: importing GE takes
    seconds, and a suite whose rows all pass never needs it (`failing_rows_sql`)."""

    gx_class: str
    kwargs: dict[str, Any]

    @property
    def type(self) -> str:
        """GE's name for it, e.g. `expect_column_values_to_be_between`."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.gx_class).lower()

    def build(self):
        import great_expectations.expectations as gxe

        return getattr(gxe, self.gx_class)(**self.kwargs)

    def failing_rows_sql(self) -> str:
        """A DuckDB condition true for every row GE may count as unexpected (nulls are not, as in
        GE; a pair's rows with missing values are as its `ignore_row_if` says); a row it holds
        for sends the suite through GE, which locates it."""
        kw = self.kwargs
        if self.gx_class == "ExpectColumnValuesToBeBetween":
            column = quote_ident(kw["column"])
            low = "<=" if kw.get("strict_min") else "<"
            high = ">=" if kw.get("strict_max") else ">"
            bounds = [
                f"{column} {op} {_literal(kw[bound])}"
                for bound, op in (("min_value", low), ("max_value", high))
                if kw.get(bound) is not None
            ]
            return " or ".join(bounds) or "false"
        if self.gx_class == "ExpectColumnValuesToBeInSet":
            values = ", ".join(_literal(v) for v in kw["value_set"])
            return f"{quote_ident(kw['column'])} not in ({values})"
        if self.gx_class == "ExpectColumnPairValuesAToBeGreaterThanB":
            a, b = quote_ident(kw["column_A"]), quote_ident(kw["column_B"])
            op = ">=" if kw.get("or_equal") else ">"
            failing = f"not coalesce({a} {op} {b}, false)"
            ignored = {
                "both_values_are_missing": f"{a} is null and {b} is null",
                "either_value_is_missing": f"{a} is null or {b} is null",
                "neither": "false",
            }[kw.get("ignore_row_if", "both_values_are_missing")]
            return f"not ({ignored}) and {failing}"
        raise ValueError(f"no SQL for {self.gx_class}")


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return sql_literal(value)
    raise ValueError(f"no SQL literal for {value!r}")


def between(column: str, **bounds: Any) -> Expectation:
    return Expectation("ExpectColumnValuesToBeBetween", {"column": column, **bounds})


def in_set(column: str, value_set: list) -> Expectation:
    return Expectation("ExpectColumnValuesToBeInSet", {"column": column, "value_set": value_set})


def a_greater_than_b(column_A: str, column_B: str, **options: Any) -> Expectation:
    return Expectation(
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": column_A, "column_B": column_B, **options},
    )


@dataclass(frozen=True)
class Rule:
    """`column` is the input column a data clerk should look at; the expectation may read a column
    derived from it in the batch SQL (e.g. a running sum, or a flag computed over several rows).
    The message is the catalogue's (`core.messages`) for `rule`, filled with `params`."""

    rule: str
    severity: Severity
    column: str
    expectation: Expectation
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return text(self.rule, lang, **self.params)


def error(rule: str, column: str, expectation: Expectation, **params: str) -> Rule:
    return Rule(rule, "error", column, expectation, params)


def warning(rule: str, column: str, expectation: Expectation, **params: str) -> Rule:
    return Rule(rule, "warning", column, expectation, params)
