"""Hand-computed cases for every formula the magelang scheme uses (docs/methodology.md).

One small region, built for 2024-Q3 through the whole pipeline once; each test checks one formula
against numbers worked out by hand in its docstring.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.dbt_project import DBT_PROJECT_DIR
from core.quarters import Quarter
from rapor.runner import EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import as_dicts, opd_row, write_rows

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

Q3 = Quarter(2024, 3)


def _budget_rows() -> list[dict]:
    rows = []
    for month in range(1, 10):
        # A1/S1: pagu amended from 1 000 000 to 1 200 000 in September (APBD-P)
        rows.append(
            _budget(
                "A1", "S1", month, 1_200_000 if month == 9 else 1_000_000, 100_000, 100_000 * month
            )
        )
        rows.append(_budget("A1", "S2", month, 800_000, 50_000, 50_000 * month))
        # B1 reports monthly realisation only: the year to date is summed from it
        rows.append(_budget("B1", "S1", month, 1_000_000, 40_000, None))
    return rows


def _budget(opd, sub, month, pagu, realized, ytd) -> dict:
    return {
        "year": 2024,
        "month": month,
        "opd_code": opd,
        "sub_activity_code": sub,
        "sub_activity_name": f"Sub-kegiatan {sub}",
        "budget": f"{pagu}.00",
        "realization_month": f"{realized}.00",
        "realization_ytd": "" if ytd is None else f"{ytd}.00",
    }


def _physical_rows() -> list[dict]:
    rows = []
    for month in range(1, 10):
        share = month / 9
        rows += [
            _physical("A1", "S1", month, 70 * share, 63 * share),
            _physical("A1", "S2", month, 50 * share, 50 * share),
            _physical("B1", "S1", month, 0, 0),
        ]
    return rows


def _physical(opd, sub, month, target, realized) -> dict:
    return {
        "year": 2024,
        "month": month,
        "opd_code": opd,
        "sub_activity_code": sub,
        "physical_target_pct": round(target, 4),
        "physical_realization_pct": round(realized, 4),
    }


def _indicator(opd, code, polarity, target, realized, level="program", weight="") -> dict:
    return {
        "year": 2024,
        "quarter": 3,
        "opd_code": opd,
        "indicator_code": code,
        "indicator_name": f"Indikator {code}",
        "level": level,
        "unit": "%",
        "polarity": polarity,
        "target": target,
        "realization": realized,
        "weight": weight,
    }


def _revision(opd, code, original, proposed, status, decided_at) -> dict:
    return {
        "year": 2024,
        "quarter": 3,
        "opd_code": opd,
        "indicator_code": code,
        "original_target": original,
        "proposed_target": proposed,
        "status": status,
        "decided_at": decided_at,
        "reason": "negosiasi target",
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("magelang")
    inbox = root / "inbox"
    write_rows(inbox, "opd", "opd.csv", [opd_row("A1", "Dinas Satu"), opd_row("B1", "Dinas Dua")])
    write_rows(inbox, "anggaran", "anggaran_2024.csv", _budget_rows())
    write_rows(inbox, "fisik", "fisik_2024.csv", _physical_rows())
    write_rows(
        inbox,
        "indikator",
        "indikator_2024_tw3.csv",
        [
            _indicator("A1", "P1", "positif", 80, 72),
            _indicator("A1", "P2", "negatif", 8, 9),
            _indicator("A1", "P3", "positif", 50, 60),
            _indicator("A1", "I1", "positif", 10, 1, level="iku"),
            _indicator("B1", "P1", "positif", 100, 60, weight=2),
            _indicator("B1", "P2", "positif", 100, 60, weight=1),
            _indicator("B1", "P3", "positif", 40, 30, weight=1),
            _indicator("B1", "P4", "negatif", 7, 6.5, weight=1),
            _indicator("B1", "P5", "negatif", 0, 0, weight=1),
            _indicator("B1", "P6", "positif", 10, "", weight=1),
        ],
    )
    write_rows(
        inbox,
        "revisi_target",
        "revisi_2024.csv",
        [
            _revision("B1", "P1", 100, 80, "disetujui", "2024-09-30"),
            _revision("B1", "P2", 100, 50, "disetujui", "2024-10-01"),
            _revision("B1", "P3", 40, 20, "ditolak", "2024-08-01"),
        ],
    )
    write_rows(
        inbox,
        "p3dn",
        "p3dn_2024.csv",
        [
            {
                "year": 2024,
                "quarter": 3,
                "opd_code": "A1",
                "procurement_total": "1000000.00",
                "domestic_total": "300000.00",
            },
            {
                "year": 2024,
                "quarter": 3,
                "opd_code": "B1",
                "procurement_total": "0",
                "domestic_total": "0",
            },
        ],
    )
    home = root / "home"
    outcome = run_quarter(home, inbox, Q3)
    assert outcome.exit_code == EXIT_PUBLISHED, (
        outcome.failed_checks,
        outcome.errors,
        outcome.findings,
    )
    return home / "published" / "rapor.duckdb"


def _one(db: Path, table: str, opd: str, extra: str = "") -> dict:
    rows = as_dicts(
        db,
        f"select * from marts.{table} where quarter_key = '2024-Q3' and opd_code = ? {extra}",
        [opd],
    )
    assert len(rows) == 1
    return rows[0]


def test_budget_absorption_uses_the_amended_pagu_and_reported_ytd(published):
    """A1: pagu 1 200 000 (S1 amended in September) + 800 000 = 2 000 000; realised
    900 000 + 450 000 = 1 350 000 → 67.5 %, above the Q3 target 65 → score 100."""
    row = _one(published, "budget_absorption", "A1")
    assert row["budget"] == Decimal("2000000.00")
    assert row["realization_ytd"] == Decimal("1350000.00")
    assert row["absorption_pct"] == pytest.approx(67.5)
    assert row["target_pct"] == 65
    assert row["score"] == pytest.approx(100)


def test_budget_absorption_sums_monthly_realisation_when_no_ytd(published):
    """B1: 9 × 40 000 = 360 000 of 1 000 000 → 36 %; 36 / 65 × 100 = 55.3846…"""
    row = _one(published, "budget_absorption", "B1")
    assert row["realization_ytd"] == Decimal("360000.00")
    assert row["absorption_pct"] == pytest.approx(36)
    assert row["score"] == pytest.approx(36 / 65 * 100)


def test_physical_progress_is_weighted_by_pagu(published):
    """A1 in September: targets 70 (pagu 1.2m) and 50 (0.8m) → 62; realised 63 and 50 → 57.8;
    57.8 / 62 × 100 = 93.2258…"""
    row = _one(published, "physical_progress", "A1")
    assert row["weighted_target_pct"] == pytest.approx(62)
    assert row["weighted_realization_pct"] == pytest.approx(57.8)
    assert row["score"] == pytest.approx(57.8 / 62 * 100)


def test_physical_progress_with_nothing_due_scores_100(published):
    row = _one(published, "physical_progress", "B1")
    assert row["weighted_target_pct"] == 0
    assert row["score"] == 100


@pytest.mark.parametrize(
    ("opd", "code", "target", "source", "pct", "score"),
    [
        ("A1", "P1", 80, "original", 90.0, 90.0),  # positive: 72 / 80
        ("A1", "P2", 8, "original", 87.5, 87.5),  # negative: (16 − 9) / 8 (KemenPAN example)
        ("A1", "P3", 50, "original", 120.0, 100.0),  # exceeded: kept uncapped, score capped
        ("B1", "P1", 80, "revised", 75.0, 75.0),  # approved on the quarter's last day
        ("B1", "P2", 100, "original", 60.0, 60.0),  # approved a day late: original stands
        ("B1", "P3", 40, "original", 75.0, 75.0),  # rejected proposal changes nothing
        ("B1", "P4", 7, "original", 750 / 7, 100.0),  # negative: target 7, realised 6.5 → 107 %
        ("B1", "P5", 0, "original", 100.0, 100.0),  # negative, target 0, realised 0
    ],
)
def test_indicator_achievement(published, opd, code, target, source, pct, score):
    row = _one(published, "indicator_achievement", opd, f"and indicator_code = '{code}'")
    assert row["target"] == target
    assert row["target_source"] == source
    assert row["achievement_pct"] == pytest.approx(pct)
    assert row["achievement_score"] == pytest.approx(score)


def test_unreported_realisation_scores_zero_by_default(published):
    row = _one(published, "indicator_achievement", "B1", "and indicator_code = 'P6'")
    assert row["is_unreported"] and row["achievement_pct"] is None
    assert row["achievement_score"] == 0


def test_indicator_measure_is_the_weighted_mean_of_the_scheme_levels(published):
    """A1: program indicators only (the iku I1 is not scored by magelang): (90 + 87.5 + 100) / 3.
    B1: weights 2,1,1,1,1,1 → (2×75 + 60 + 75 + 100 + 100 + 0) / 7 = 69.2857…"""
    a1 = _one(
        published, "opd_quarter_component_scores", "A1", "and component = 'indicator_achievement'"
    )
    b1 = _one(
        published, "opd_quarter_component_scores", "B1", "and component = 'indicator_achievement'"
    )
    assert a1["score"] == pytest.approx(92.5)
    assert b1["score"] == pytest.approx(485 / 7)


def test_p3dn(published):
    """A1: 300 000 / 1 000 000 = 30 % of a 40 % target → 75. B1: no procurement → 100."""
    a1, b1 = _one(published, "p3dn_usage", "A1"), _one(published, "p3dn_usage", "B1")
    assert a1["p3dn_pct"] == pytest.approx(30) and a1["score"] == pytest.approx(75)
    assert b1["p3dn_pct"] is None and b1["score"] == 100 and b1["has_no_procurement"]


def test_index_is_the_weighted_sum_rounded_once(published):
    """A1: 0.2×100 + 0.2×93.2258 + 0.5×92.5 + 0.1×75 = 92.3952 → 92.40 (AA, hijau).
    B1: 0.2×55.3846 + 0.2×100 + 0.5×69.2857 + 0.1×100 = 75.7198 → 75.72 (BB, kuning)."""
    a1 = _one(published, "opd_quarter_ranking", "A1")
    b1 = _one(published, "opd_quarter_ranking", "B1")
    assert a1["index_score"] == Decimal("92.40")
    assert (a1["rank"], a1["predicate"], a1["zone"]) == (1, "AA", "hijau")
    assert b1["index_score"] == Decimal("75.72")
    assert (b1["rank"], b1["predicate"], b1["zone"]) == (2, "BB", "kuning")
    weights = as_dicts(
        published,
        "select opd_code, sum(weight) as total from "
        "marts.opd_quarter_component_scores group by opd_code",
    )
    assert all(w["total"] == pytest.approx(100) for w in weights)


def test_publication_records_scheme_inputs_and_code(published):
    log = as_dicts(published, "select * from marts.publication_log")
    assert len(log) == 1
    entry = log[0]
    assert entry["quarter_key"] == "2024-Q3" and entry["publication_version"] == 1
    assert entry["scheme_name"] == "magelang" and len(entry["scheme_sha256"]) == 64
    assert len(entry["inputs_sha256"]) == 64 and entry["code_version"]


def test_the_build_in_a_new_home_kept_the_parse_made_at_setup(published):
    """The profile is the same in every home (profiles.yml), so dbt parsed nothing again: the
    home's parse is the one made at setup, byte for byte (parsing anew writes a new one)."""
    kept = published.parent.parent / "dbt" / "partial_parse.msgpack"
    made_at_setup = DBT_PROJECT_DIR / "target" / "partial_parse.msgpack"
    assert kept.read_bytes() == made_at_setup.read_bytes()
