"""The suites' rules counted in DuckDB (data_quality/validate.py): a suite whose rows all pass is
not sent through Great Expectations, and its outcome is the one GE gives; a suite with failing
rows goes through GE, which locates them. Each count equals GE's count of the same rule."""

from __future__ import annotations

import copy
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from core.scheme import load_scheme
from core.warehouse import connect
from data_quality import validate as validate_module
from data_quality.rules import Expectation, error
from data_quality.suites import all_suites
from data_quality.validate import _rows_and_failing_rows, validate
from ingest.load import ingest_inbox
from ingest.scheme_tables import write_scheme
from tests.inbox_builder import write_rows
from tests.test_quality_rules import CASES, Q1, _clean_region


def _warehouse(tmp_path: Path, region: dict[str, list[dict]]) -> Path:
    inbox = tmp_path / "inbox"
    for dataset, rows in region.items():
        if rows:
            write_rows(inbox, dataset, f"{dataset}_2024.csv", rows)
    db = tmp_path / "warehouse.duckdb"
    with connect(db) as con:
        assert not ingest_inbox(inbox, con, tmp_path / "archive").errors
        write_scheme(con, load_scheme("magelang"), Q1)
    return db


def _through_ge(con, suite, monkeypatch):
    """The outcome Great Expectations alone gives (no DuckDB count first)."""
    with monkeypatch.context() as patch:
        patch.setattr(validate_module, "_rows_and_failing_rows", lambda *_: None)
        return validate(con, suite, Q1)


def _facts(outcome):
    return [
        (r.rule, r.severity, r.expectation, r.checked_rows, r.failed_rows, r.samples)
        for r in outcome.rules
    ]


def test_a_clean_quarter_gives_the_outcome_ge_gives(tmp_path, monkeypatch):
    with connect(_warehouse(tmp_path, _clean_region())) as con:
        for name, suite in all_suites().items():
            counted = validate(con, suite, Q1)
            assert counted.rows > 0, name
            assert _facts(counted) == _facts(_through_ge(con, suite, monkeypatch)), name


@pytest.mark.parametrize(
    ("dataset", "index", "column", "value", "suite", "rule"),
    [case[:6] for case in CASES],
    ids=[f"{case[4]}-{case[5]}" for case in CASES],
)
def test_each_bad_value_is_counted_as_ge_counts_it(
    tmp_path, monkeypatch, dataset, index, column, value, suite, rule
):
    region = copy.deepcopy(_clean_region())
    region[dataset][index][column] = value
    with connect(_warehouse(tmp_path, region)) as con:
        checked = all_suites()[suite]
        by_ge = _through_ge(con, checked, monkeypatch)
        rows, *failing = _rows_and_failing_rows(con, checked, checked.rows_sql(Q1))
        assert rows == by_ge.rows
        assert dict(zip([r.rule for r in checked.rules], failing, strict=True)) == {
            r.rule: r.failed_rows for r in by_ge.rules
        }
        assert failing[[r.rule for r in checked.rules].index(rule)] > 0
        # failing rows: the suite went through GE, which located them
        assert _facts(validate(con, checked, Q1)) == _facts(by_ge)


def test_a_rule_without_a_sql_form_is_validated_by_ge(tmp_path):
    suite = all_suites()["opd"]
    no_sql = error(
        "unknown_opd",
        "opd_code",
        Expectation("ExpectColumnValuesToNotBeNull", {"column": "opd_code"}),
    )
    with connect(_warehouse(tmp_path, _clean_region())) as con:
        extended = replace(suite, rules=(*suite.rules, no_sql))
        assert _rows_and_failing_rows(con, extended, extended.rows_sql(Q1)) is None
        outcome = validate(con, extended, Q1)
    assert outcome.passed
    assert outcome.rules[-1].expectation == "expect_column_values_to_not_be_null"
    assert outcome.rules[-1].checked_rows == outcome.rows > 0


def test_a_clean_quarter_does_not_import_great_expectations(tmp_path):
    db = _warehouse(tmp_path, _clean_region())
    script = (
        "import sys\n"
        "from core.quarters import Quarter\n"
        "from pathlib import Path\n"
        "from core.warehouse import connect\n"
        "from data_quality.suites import all_suites\n"
        "from data_quality.validate import validate\n"
        f"with connect(Path({str(db)!r})) as con:\n"
        "    for suite in all_suites().values():\n"
        "        assert validate(con, suite, Quarter(2024, 1)).passed\n"
        "assert 'great_expectations' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parent.parent)
