"""Rules every dataset that names an OPD shares: known and active OPD, no conflicting keys."""

from __future__ import annotations

import great_expectations.expectations as gxe

from data_quality.rules import Rule, error, warning


def opd_and_key_rules(key_column: str = "opd_code") -> tuple[Rule, ...]:
    return (
        error(
            "unknown_opd",
            "opd_code",
            gxe.ExpectColumnValuesToBeInSet(column="opd_in_master", value_set=[True]),
        ),
        warning(
            "opd_inactive",
            "opd_code",
            gxe.ExpectColumnValuesToBeInSet(column="opd_active", value_set=[True]),
        ),
        *key_rules(key_column),
    )


def key_rules(key_column: str) -> tuple[Rule, ...]:
    return (
        error(
            "duplicate_key_conflict",
            key_column,
            gxe.ExpectColumnValuesToBeInSet(column="key_conflict", value_set=[False]),
        ),
        warning(
            "exact_duplicate_row",
            key_column,
            gxe.ExpectColumnValuesToBeBetween(column="copies", min_value=1, max_value=1),
        ),
    )
