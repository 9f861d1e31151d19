"""A quarter's result depends on its inputs only, never on what was built before
(docs/methodology.md#audit-plan): the audit plan as of 2025-Q2 averages the index of 2025-Q1 and
2025-Q2 whether Q1 was built first or not, so building the two in either order publishes the
same bytes for each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.home import Home
from core.quarters import Quarter
from rapor.runner import EXIT_PUBLISHED, run_quarter
from rapor.verify import verify
from tests.inbox_builder import as_dicts, opd_row, write_rows

pytestmark = pytest.mark.slow

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
Q1, Q2 = Quarter(2025, 1), Quarter(2025, 2)
# the index is the one assessed score: Q1 and Q2 in opposite orders, so that the average of the
# two quarters differs from either quarter alone
SCORES = {Q1: {"G1": 80, "G2": 70, "G3": 60}, Q2: {"G1": 50, "G2": 70, "G3": 90}}


def _inbox(inbox: Path) -> None:
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"Dinas {code}") for code in SCORES[Q1]])
    for quarter, scores in SCORES.items():
        write_rows(
            inbox,
            "komponen",
            f"nilai_tw{quarter.quarter}.csv",
            [
                {
                    "year": quarter.year,
                    "quarter": quarter.quarter,
                    "opd_code": code,
                    "component": "nilai",
                    "score": score,
                    "assessor": "Inspektorat",
                }
                for code, score in scores.items()
            ],
        )


def _published(home: Path) -> dict[str, dict]:
    db = home / "published" / "rapor.duckdb"
    log = as_dicts(
        db,
        "select quarter_key, content_sha256, inputs_sha256 from marts.publication_log "
        "where status = 'published' order by quarter_key",
    )
    plans = as_dicts(
        db,
        "select quarter_key, opd_code, avg_index_score, quarters_averaged, risk_score, quota, "
        "audits_allocated from marts.audit_plan order by quarter_key, opd_code",
    )
    return {
        row["quarter_key"]: {
            "digests": (row["content_sha256"], row["inputs_sha256"]),
            "plan": [plan for plan in plans if plan["quarter_key"] == row["quarter_key"]],
        }
        for row in log
    }


def _build(home: Path, inbox: Path, quarters: list[Quarter]) -> dict[str, dict]:
    for quarter in quarters:
        outcome = run_quarter(home, inbox, quarter, SCHEME)
        assert outcome.exit_code == EXIT_PUBLISHED, outcome.cause or outcome.errors
    return _published(home)


def test_building_the_quarters_in_either_order_publishes_the_same_bytes(tmp_path):
    """And `rapor verify` reproduces Q2, plan included, from its manifest: the manifest lists
    the files of Q1 too, whose index the plan averages."""
    inbox = tmp_path / "inbox"
    _inbox(inbox)
    in_order = _build(tmp_path / "in_order", inbox, [Q1, Q2])
    reversed_order = _build(tmp_path / "reversed", inbox, [Q2, Q1])

    assert in_order == reversed_order
    # as of Q2 the plan averages both quarters, computed from the inputs: G1 (80 + 50) / 2
    plan_q2 = {row["opd_code"]: row for row in in_order["2025-Q2"]["plan"]}
    assert {code: row["quarters_averaged"] for code, row in plan_q2.items()} == {
        "G1": 2,
        "G2": 2,
        "G3": 2,
    }
    assert {code: row["avg_index_score"] for code, row in plan_q2.items()} == {
        "G1": 65,
        "G2": 70,
        "G3": 75,
    }
    plan_q1 = {row["opd_code"]: row["quarters_averaged"] for row in in_order["2025-Q1"]["plan"]}
    assert plan_q1 == {"G1": 1, "G2": 1, "G3": 1}

    verified = verify(Home(tmp_path / "reversed"), "2025-Q2")
    assert verified.differences == [] and verified.tables > 0, verified.describe()
