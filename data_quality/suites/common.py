"""Rules every dataset that names an OPD shares: known and active OPD, no conflicting keys."""

from __future__ import annotations

from data_quality.rules import Rule, between, error, in_set, warning


def opd_and_key_rules(key_column: str = "opd_code") -> tuple[Rule, ...]:
    return (
        error(
            "unknown_opd",
            "opd_code",
            in_set(column="opd_in_master", value_set=[True]),
        ),
        warning(
            "opd_inactive",
            "opd_code",
            in_set(column="opd_active", value_set=[True]),
        ),
        *key_rules(key_column),
    )


def key_rules(key_column: str) -> tuple[Rule, ...]:
    return (
        error(
            "duplicate_key_conflict",
            key_column,
            in_set(column="key_conflict", value_set=[False]),
        ),
        warning(
            "exact_duplicate_row",
            key_column,
            between(column="copies", min_value=1, max_value=1),
        ),
    )
