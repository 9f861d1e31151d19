"""One suite per raw dataset (`docs/inputs.md`), plus the cross-dataset coverage suite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.quarters import Quarter
from data_quality.quarter_rows import PROVENANCE
from data_quality.rules import Rule


@dataclass(frozen=True)
class Suite:
    """`rows_sql` selects the quarter's rows (with the columns the rules derive); `index_columns`
    locate a failing row for a person: the file, sheet and line, plus the columns rules name."""

    name: str
    rows_sql: Callable[[Quarter], str]
    rules: tuple[Rule, ...]
    locators: tuple[str, ...] = PROVENANCE

    @property
    def index_columns(self) -> list[str]:
        named = [r.column for r in self.rules if r.column not in self.locators]
        return list(dict.fromkeys([*self.locators, *named]))


def all_suites() -> dict[str, Suite]:
    """Every suite by name (imports Great Expectations)."""
    from data_quality.suites import (
        anggaran,
        coverage,
        fisik,
        indikator,
        komponen,
        opd,
        p3dn,
        pengaduan,
        revisi_target,
    )

    modules = (opd, anggaran, fisik, indikator, revisi_target, pengaduan, p3dn, komponen, coverage)
    return {module.SUITE.name: module.SUITE for module in modules}
