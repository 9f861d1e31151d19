"""The rules of docs/methodology.md that span models, on one small region built once through the
whole pipeline under the test scheme `rules`: an excluded component's weight spread over the others,
tie-breakers, ranking groups, complaint response, the audit plan and the rank uncertainty.

Each formula's own cases, worked out by hand, are dbt unit tests beside its model (working days,
deadlines and complaint scores, achievement categories and the missing-realisation policy in
`dbt_project/models/intermediate/measures/_measures__unit_tests.yml`; the audit plan and the
rank uncertainty in `_audit__unit_tests.yml` and `_robustness__unit_tests.yml`), run by
tests/test_dbt_unit_tests.py; the rounding of the Monte Carlo against the published index is the
data test `dbt_project/tests/assert_index_hundredths_round_as_the_published_index.sql`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.quarters import Quarter
from rapor.runner import EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import as_dicts, opd_row, write_rows

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

Q2 = Quarter(2024, 2)
RULES_SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "rules.yml"


# ---------------------------------------------------------------------------------------------
# One small region through the whole pipeline under the test scheme `rules`
#
#   scheme: indikator 40 (iku, ikp; unreported excluded), pengaduan 20 (complaint_response,
#   5 working days, "Sengketa" 14, regional holiday 16 April 2024, no complaints → excluded),
#   inovasi 40 (assessed); kecamatan ranked apart; tie-breaker inovasi; top 1 / bottom 1;
#   audit capacity 10.
#
#   D1: iku 80 of 100 (80 %), ikp unreported (excluded) → 80; complaints: Fri 5 April answered
#       Tue 23 April, the 5th working day after (16 April is the regional holiday) → in SLA, and
#       one never answered → 50 %, median 5; inovasi 70 → 0.4×80 + 0.2×50 + 0.4×70 = 70.00
#   D2: iku 70 of 100, ikp negative 9 against 8 → 87.5 → 78.75; no complaints → component
#       excluded, weights 50/50 → 0.5×78.75 + 0.5×61.25 = 70.00: ties D1, inovasi decides: D1 2nd
#   D3: iku 100; a "SENGKETA" complaint Thu 2 May answered Mon 20 May, 10 working days of its
#       14 → 100 %; inovasi 40 → 40 + 20 + 16 = 76.00 → rank 1, reward
#   D4: iku 30; a complaint answered the evening it came in (0 days) → 100 %; inovasi 20 →
#       12 + 20 + 8 = 40.00 → rank 4, sanction
#   K1: kecamatan, iku 90, no complaints (excluded), inovasi 90 → 90.00; K2: 50 → 50.00; in a
#       group of two, one reward (K1) and one sanction (K2)
#   audit plan: no budget lines, every budget 0 → percent rank 50 each; risk = 25 + ½(100 − index):
#       D1 40, D2 40, D3 37, D4 55, K1 30, K2 50 (sum 252); 10 visits − 6 = 4 shared: quotas
#       0.635, 0.635, 0.587, 0.873, 0.476, 0.794 → the 4 largest remainders (D4, K2, D1, D2)
#       get a second visit: 2, 2, 1, 2, 1, 2.

OPD = [
    ("D1", "dinas"),
    ("D2", "dinas"),
    ("D3", "dinas"),
    ("D4", "dinas"),
    ("K1", "kecamatan"),
    ("K2", "kecamatan"),
]


def _indicator_row(opd, code, level, polarity, target, real) -> dict:
    return {
        "year": 2024,
        "quarter": 2,
        "opd_code": opd,
        "indicator_code": code,
        "indicator_name": f"Indikator {code}",
        "level": level,
        "unit": "%",
        "polarity": polarity,
        "target": target,
        "realization": real,
        "weight": "",
    }


def _complaint_row(tid, opd, category, submitted, answered) -> dict:
    return {
        "tracking_id": tid,
        "submitted_at": submitted,
        "opd_code": opd,
        "category": category,
        "status": "proses" if answered else "belum ditindaklanjuti",
        "first_response_at": answered or "",
        "closed_at": "",
    }


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("rules")
    inbox = root / "inbox"
    write_rows(inbox, "opd", "opd.csv", [opd_row(code, f"OPD {code}", kind) for code, kind in OPD])
    write_rows(
        inbox,
        "indikator",
        "indikator.csv",
        [
            _indicator_row("D1", "IKU1", "iku", "positif", 100, 80),
            _indicator_row("D1", "IKP1", "ikp", "positif", 50, ""),
            _indicator_row("D2", "IKU1", "iku", "positif", 100, 70),
            _indicator_row("D2", "IKP1", "ikp", "negatif", 8, 9),
            _indicator_row("D3", "IKU1", "iku", "positif", 100, 100),
            _indicator_row("D3", "P1", "program", "positif", 100, 10),  # not a scheme level
            _indicator_row("D4", "IKU1", "iku", "positif", 100, 30),
            _indicator_row("K1", "IKU1", "iku", "positif", 100, 90),
            _indicator_row("K2", "IKU1", "iku", "positif", 100, 50),
        ],
    )
    write_rows(
        inbox,
        "pengaduan",
        "pengaduan.csv",
        [
            _complaint_row("L1", "D1", "Kesehatan", "2024-04-05 10:00:00", "2024-04-23 09:00:00"),
            _complaint_row("L2", "D1", "Kesehatan", "2024-06-03 10:00:00", None),
            _complaint_row("L3", "D3", "SENGKETA", "2024-05-02 08:00:00", "2024-05-20 10:00:00"),
            _complaint_row("L4", "D4", "Kesehatan", "2024-06-28 20:00:00", "2024-06-28 21:00:00"),
        ],
    )
    write_rows(
        inbox,
        "komponen",
        "komponen.csv",
        [
            {
                "year": 2024,
                "quarter": 2,
                "opd_code": code,
                "component": "inovasi",
                "score": score,
                "assessor": "Bagian Organisasi",
            }
            for code, score in (
                ("D1", 70),
                ("D2", 61.25),
                ("D3", 40),
                ("D4", 20),
                ("K1", 90),
                ("K2", 50),
            )
        ],
    )
    outcome = run_quarter(root / "home", inbox, Q2, RULES_SCHEME)
    assert outcome.exit_code == EXIT_PUBLISHED, (
        outcome.failed_checks,
        outcome.errors,
        outcome.findings,
    )
    return root / "home" / "published" / "rapor.duckdb"


def _rows(db: Path, table: str, key: str = "opd_code") -> dict:
    return {row[key]: row for row in as_dicts(db, f"select * from marts.{table} order by all")}


def test_excluded_component_spreads_its_weight(region):
    scores = as_dicts(
        region,
        "select opd_code, component, score, weight, is_excluded "
        "from marts.opd_quarter_component_scores order by opd_code, position",
    )
    d2 = [(r["component"], r["weight"], r["is_excluded"]) for r in scores if r["opd_code"] == "D2"]
    assert d2 == [("indikator", 50, False), ("pengaduan", 0, True), ("inovasi", 50, False)]
    d1 = [(r["component"], r["weight"]) for r in scores if r["opd_code"] == "D1"]
    assert d1 == [("indikator", 40), ("pengaduan", 20), ("inovasi", 40)]


def test_index_rank_tie_breaker_groups_and_consequences(region):
    ranking = _rows(region, "opd_quarter_ranking")
    expected = {
        # index, rank, tie-break order, group, consequence, label
        "D3": ("76.00", 1, "33.71", "reward", "tunjangan +"),
        "D1": ("70.00", 2, "33.71", "none", None),
        "D2": ("70.00", 3, "33.71", "none", None),
        "D4": ("40.00", 4, "33.71", "sanction", "tunjangan −"),
        "K1": ("90.00", 1, "33.71/kecamatan", "reward", "tunjangan +"),
        "K2": ("50.00", 2, "33.71/kecamatan", "sanction", "tunjangan −"),
    }
    for code, (index, rank, group, consequence, label) in expected.items():
        row = ranking[code]
        assert row["index_score"] == Decimal(index), code
        assert (row["rank"], row["rank_group"]) == (rank, group), code
        assert (row["consequence"], row["consequence_label"]) == (consequence, label), code
    # inovasi 70 against 61.25 orders the tie of D1 and D2
    assert ranking["D1"]["tie_break_order"] < ranking["D2"]["tie_break_order"]


def test_complaint_response_mart(region):
    rows = _rows(region, "complaint_response")
    got = {
        code: (
            r["complaints"],
            r["responded_in_sla"],
            r["response_rate_pct"],
            r["median_response_workdays"],
            r["score"],
            r["is_excluded"],
        )
        for code, r in rows.items()
    }
    assert got == {
        "D1": (2, 1, 50.0, 5.0, 50.0, False),
        "D2": (0, 0, None, None, None, True),
        "D3": (1, 1, 100.0, 10.0, 100.0, False),
        "D4": (1, 1, 100.0, 0.0, 100.0, False),
        "K1": (0, 0, None, None, None, True),
        "K2": (0, 0, None, None, None, True),
    }


def test_unreported_indicator_is_excluded_and_other_levels_ignored(region):
    indicators = as_dicts(
        region, "select opd_code, indicator_code, is_scored from marts.indicator_achievement"
    )
    scored = {(r["opd_code"], r["indicator_code"]): r["is_scored"] for r in indicators}
    assert scored[("D1", "IKP1")] is False and scored[("D1", "IKU1")] is True
    assert scored[("D3", "P1")] is False


def test_audit_plan(region):
    plan = _rows(region, "audit_plan")
    assert {code: r["audits_allocated"] for code, r in plan.items()} == {
        "D1": 2,
        "D2": 2,
        "D3": 1,
        "D4": 2,
        "K1": 1,
        "K2": 2,
    }
    assert {code: r["risk_score"] for code, r in plan.items()} == {
        "D1": 40,
        "D2": 40,
        "D3": 37,
        "D4": 55,
        "K1": 30,
        "K2": 50,
    }
    assert {r["capacity"] for r in plan.values()} == {10}
    assert {(r["year"], r["quarter_key"], r["budget_share_pct_rank"]) for r in plan.values()} == {
        (2024, "2024-Q2", 50)
    }


def test_rank_uncertainty(region):
    """200 draws (the scheme's); K1 beats K2 on every component, so under any weights; D4 is far
    below the others. D1 and D2 tie at the published weights: the draws split them."""
    rows = _rows(region, "opd_rank_uncertainty")
    assert {r["draws"] for r in rows.values()} == {200}
    k1, k2, d4 = rows["K1"], rows["K2"], rows["D4"]
    assert (k1["median_rank"], k1["rank_p05"], k1["rank_p95"], k1["reward_share"]) == (1, 1, 1, 1)
    assert (k2["consequence_kept_share"], k2["is_consequence_uncertain"]) == (1, False)
    assert (d4["median_rank"], d4["sanction_share"], d4["is_consequence_uncertain"]) == (
        4,
        1,
        False,
    )
    d1, d2 = rows["D1"], rows["D2"]
    assert d1["rank_p05"] < d1["rank_p95"] and d2["rank_p05"] < d2["rank_p95"]
    for row in rows.values():
        assert row["rank_p05"] <= row["median_rank"] <= row["rank_p95"]
        assert 0 <= row["consequence_kept_share"] <= 1
