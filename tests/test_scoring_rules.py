"""Every rule of docs/methodology.md that the schemes add, each against numbers worked out by hand.

Most run the very SQL of the dbt models on DuckDB with hand-made input tables (tests/sql_models.py,
milliseconds each); one small region, built once through the whole pipeline under the test
scheme `rules`, checks the rules that span models: an excluded component's weight spread over
the others, tie-breakers, ranking groups, complaint response and the audit plan.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from core.quarters import Quarter
from core.scheme import Scheme, non_working_days
from rapor.runner import EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import as_dicts, opd_row, write_rows
from tests.sql_models import create_table, model_sql, query, render

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

Q2 = Quarter(2024, 2)
RULES_SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "rules.yml"


def _quarter_tables(con, quarter: Quarter) -> None:
    create_table(con, "build_quarter", [quarter.build_row()])


def _parameters(con, **overrides) -> None:
    row = {
        "indicator_levels": "iku,ikd,program,kegiatan,ikp",
        "indicator_cap": 100.0,
        "missing_realization": "zero",
        "complaint_sla_workdays": 5,
        "no_complaints": "full",
    }
    create_table(con, "stg_scheme__parameters", [{**row, **overrides}])


# ---------------------------------------------------------------------------------------------
# Complaint response: working days on the Indonesian calendar, deadlines, rates


def _ts(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


# tracking id, category, submitted, first response, expected: deadline, workdays, in SLA
COMPLAINTS = [
    # Friday before Idul Fitri 2024: 8–9 and 12–15 April cuti bersama, 10–11 the holiday; the
    # first working day after is Tue 16 April, the 5th Mon 22 April
    ("T1", "Kesehatan", "2024-04-05 10:00", "2024-04-22 16:00", "2024-04-22", 5, True),
    ("T2", "Kesehatan", "2024-04-05 11:00", "2024-04-23 08:00", "2024-04-22", 6, False),
    # answered the day it came in: 0 working days; Mon 6 May → 7, 8, (9 Ascension, 10 its cuti
    # bersama), 13, 14, 15 = 5th
    ("T3", "Kesehatan", "2024-05-06 09:00", "2024-05-06 15:00", "2024-05-15", 0, True),
    # never answered: not responded, not in SLA
    ("T4", "Kesehatan", "2024-05-06 10:00", None, "2024-05-15", None, False),
    # answered on the Saturday after the Friday deadline: 5 working days, yet late
    ("T5", "Kesehatan", "2024-06-07 10:00", "2024-06-15 09:00", "2024-06-14", 5, False),
    # the category's own deadline (matched ignoring case and spaces): 14 working days;
    # Thu 2 May → 3, 6, 7, 8, 13 … 17, 20 (the 10th: the answer), 21, 22, (23 Vesak, 24 its cuti
    # bersama), 27, 28 = 14th
    ("T6", " SENGKETA ", "2024-05-02 08:00", "2024-05-20 10:00", "2024-05-28", 10, True),
    # the scheme's regional holiday, Tue 2 July 2024: Mon 1 July → 3, 4, 5, 8, 9 = 5th
    ("T7", "Kesehatan", "2024-07-01 09:00", "2024-07-09 09:00", "2024-07-09", 5, True),
]


@pytest.fixture(scope="module")
def complaints() -> dict[str, dict]:
    scheme = Scheme.model_validate(
        {
            "name": "t",
            "components": [{"code": "c", "measure": "complaint_response"}],
            "complaint_response": {
                "sla_workdays_by_category": {"Sengketa": 14},
                "regional_holidays": ["2024-07-02"],
            },
        }
    )
    with duckdb.connect() as con:
        # T7 is submitted in Q3: build Q3 for it, Q2 for the others
        results = {}
        for quarter in (Q2, Quarter(2024, 3)):
            _quarter_tables(con, quarter)
            _parameters(con)
            create_table(
                con,
                "stg_scheme__complaint_sla",
                [{"category": "sengketa", "sla_workdays": 14}],
            )
            create_table(
                con,
                "stg_scheme__non_working_days",
                [
                    {"day": day, "kind": kind, "name": name}
                    for day, kind, name in non_working_days(scheme, [2024, 2025])
                ],
            )
            rows = [
                {
                    "tracking_id": tid,
                    "opd_code": "A1",
                    "category": category,
                    "status": "proses",
                    "submitted_at": _ts(submitted),
                    "first_response_at": _ts(answered),
                    "closed_at": None,
                    "source_file_name": "pengaduan/p.csv",
                    "source_line": i + 2,
                }
                for i, (tid, category, submitted, answered, *_) in enumerate(COMPLAINTS)
                if quarter.start <= _ts(submitted).date() < quarter.end_exclusive
            ]
            create_table(con, "stg_inbox__complaints", rows)
            con.execute(
                "create or replace table int_complaint_response as "
                + model_sql("intermediate/measures/int_complaint_response")
            )
            results.update({r["tracking_id"]: r for r in query(con, "from int_complaint_response")})
        return results


@pytest.mark.parametrize(
    ("tracking_id", "deadline", "workdays", "in_sla"), [(c[0], *c[4:]) for c in COMPLAINTS]
)
def test_complaint_deadline_workdays_and_sla(complaints, tracking_id, deadline, workdays, in_sla):
    row = complaints[tracking_id]
    assert row["sla_deadline"] == dt.date.fromisoformat(deadline)
    assert row["response_workdays"] == workdays
    assert row["is_in_sla"] is in_sla
    assert row["is_responded"] is (workdays is not None)
    assert row["sla_workdays"] == (14 if tracking_id == "T6" else 5)


def _complaints_by_opd(no_complaints: str) -> dict[str, dict]:
    """A1: 4 complaints, 2 in SLA, answered in 0, 3 and 7 working days, one never; B1: none."""
    with duckdb.connect() as con:
        _quarter_tables(con, Q2)
        _parameters(con, no_complaints=no_complaints)
        create_table(
            con,
            "int_opd_in_scope",
            [{"opd_code": code, "rank_group": "r"} for code in ("A1", "B1")],
        )
        create_table(
            con,
            "int_complaint_response",
            [
                {"opd_code": "A1", "is_responded": r, "is_in_sla": s, "response_workdays": w}
                for r, s, w in (
                    (True, True, 0),
                    (True, True, 3),
                    (True, False, 7),
                    (False, False, None),
                )
            ],
        )
        rows = query(con, model_sql("intermediate/measures/int_complaint_response_by_opd"))
    return {row["opd_code"]: row for row in rows}


def test_response_rate_median_and_score():
    a1 = _complaints_by_opd("full")["A1"]
    assert (a1["complaints"], a1["responded"], a1["responded_in_sla"]) == (4, 3, 2)
    assert a1["response_rate_pct"] == 50 and a1["score"] == 50
    assert a1["median_response_workdays"] == 3  # of the three answered
    assert a1["is_excluded"] is False


@pytest.mark.parametrize(
    ("policy", "score", "excluded"), [("full", 100, False), ("exclude", None, True)]
)
def test_no_complaints_policy(policy, score, excluded):
    b1 = _complaints_by_opd(policy)["B1"]
    assert (b1["complaints"], b1["response_rate_pct"], b1["median_response_workdays"]) == (
        0,
        None,
        None,
    )
    assert (b1["score"], b1["is_excluded"]) == (score, excluded)


# ---------------------------------------------------------------------------------------------
# Indicator achievement: categories and the missing-realisation policy


def _indicators(missing_realization: str, rows: list[tuple]) -> list[dict]:
    with duckdb.connect() as con:
        _quarter_tables(con, Q2)
        _parameters(con, missing_realization=missing_realization)
        create_table(
            con,
            "stg_inbox__indicators",
            [
                {
                    "year": 2024,
                    "quarter": 2,
                    "opd_code": opd,
                    "indicator_code": code,
                    "indicator_name": code,
                    "level": "iku",
                    "unit": "%",
                    "polarity": "positif",
                    "target": Decimal(100),
                    "realization": None if real is None else Decimal(str(real)),
                    "weight": None,
                    "source_file_name": "indikator/i.csv",
                    "source_sheet": None,
                    "source_line": i + 2,
                    "source_file_sha256": "x",
                }
                for i, (opd, code, real) in enumerate(rows)
            ],
        )
        create_table(
            con,
            "stg_inbox__target_revisions",
            [
                {
                    "opd_code": "-",
                    "indicator_code": "-",
                    "proposed_target": Decimal(1),
                    "status": "ditolak",
                    "decided_at": dt.date(2024, 1, 1),
                    "source_line": 1,
                }
            ],
        )
        con.execute(
            "create table int_indicator_achievement as "
            + model_sql("intermediate/measures/int_indicator_achievement")
        )
        indicators = query(con, "from int_indicator_achievement order by source_line")
        by_opd = query(con, model_sql("intermediate/measures/int_indicator_achievement_by_opd"))
    return indicators, {row["opd_code"]: row for row in by_opd}


CATEGORIES = [
    (91, "sangat tinggi"),
    (90.99, "tinggi"),
    (76, "tinggi"),
    (75.99, "sedang"),
    (66, "sedang"),
    (65.99, "rendah"),
    (51, "rendah"),
    (50.99, "sangat rendah"),
    (0, "sangat rendah"),
]


def test_achievement_categories_of_permendagri_86_2017():
    """Target 100, so the achievement is the realisation: each boundary and just below it."""
    indicators, _ = _indicators(
        "zero", [("A1", f"I{i}", real) for i, (real, _) in enumerate(CATEGORIES)]
    )
    assert [(r["achievement_pct"], r["achievement_category"]) for r in indicators] == [
        (pytest.approx(real), category) for real, category in CATEGORIES
    ]


@pytest.mark.parametrize(
    ("policy", "mean", "scored"),
    [
        # zero: (80 + 60 + 0) / 3; the unreported one scores 0 and counts
        ("zero", 140 / 3, 3),
        # exclude: (80 + 60) / 2; the unreported one is dropped from the mean
        ("exclude", 70, 2),
    ],
)
def test_missing_realization_policy(policy, mean, scored):
    indicators, by_opd = _indicators(
        policy, [("A1", "I1", 80), ("A1", "I2", 60), ("A1", "I3", None)]
    )
    unreported = indicators[2]
    assert unreported["is_unreported"] and unreported["achievement_pct"] is None
    assert unreported["achievement_score"] == (0 if policy == "zero" else None)
    assert unreported["is_scored"] is (policy == "zero")
    assert by_opd["A1"]["score"] == pytest.approx(mean)
    assert by_opd["A1"]["indicators"] == scored


# ---------------------------------------------------------------------------------------------
# Rounding: the Monte Carlo's integer rounding is the published one


@pytest.mark.parametrize(
    "value",
    [85.125, 85.12499999999, 85.135, 76.005, 75.995, 0.0, 0.004999, 100.0, 99.995, 50.0049999],
)
def test_index_hundredths_round_as_the_published_index(value):
    with duckdb.connect() as con:
        sql = render(
            "select {{ rounded_index('x') }} as published, {{ index_hundredths('x') }} as drawn "
            "from (select ?::double as x)"
        )
        published, drawn = con.execute(sql, [value]).fetchone()
    assert Decimal(drawn) / 100 == published


def test_index_hundredths_agree_on_many_values():
    with duckdb.connect() as con:
        differ = (
            "count(*) filter (where {{ rounded_index('x') }} * 100 <> {{ index_hundredths('x') }})"
        )
        sql = render(
            f"select {differ} from (select random() * 100 as x from range(200000)) union all "
            f"select {differ} from (select i / 1000 as x from range(100001) t(i))"
        )
        assert con.execute(sql).fetchall() == [(0,), (0,)]


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
