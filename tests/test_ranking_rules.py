"""Rank, zone, predicate and consequence on exact boundaries (docs/methodology.md#rank).

The test scheme `assessed_only` makes the index equal to one assessed score, so every boundary
can be hit exactly; kecamatan are ranked in their own group.
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

SCHEME = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"

# code, score, expected: rank, zone, predicate, consequence, label, boundary tie
CITY = [
    ("R01", "90.01", 1, "hijau", "AA", "reward", "Rp5.000.000", False),
    ("R02", "90.00", 2, "hijau", "A", "reward", "Rp3.000.000", False),
    ("R03", "80.00", 3, "hijau", "BB", "reward", "Rp1.000.000", True),
    ("R04", "80.00", 3, "hijau", "BB", "reward", "Rp1.000.000", True),
    ("R05", "76.00", 5, "hijau", "BB", "none", None, False),
    ("R06", "75.99", 6, "kuning", "BB", "none", None, False),
    ("R07", "60.00", 7, "kuning", "CC", "none", None, False),
    ("R08", "51.00", 8, "kuning", "CC", "sanction", "disebut", False),
    ("R09", "50.99", 9, "merah", "CC", "sanction", "disebut", False),
    ("R10", "30.00", 10, "merah", "D", "sanction", "disebut", False),
]
# four kecamatan: at most ⌊4/2⌋ = 2 rewarded and 2 sanctioned although top_n = bottom_n = 3
KECAMATAN = [
    ("K1", "70.00", 1, "kuning", "B", "reward", "Rp5.000.000", False),
    ("K2", "60.00", 2, "kuning", "CC", "reward", "Rp3.000.000", False),
    ("K3", "50.00", 3, "merah", "C", "sanction", "disebut", False),
    ("K4", "40.00", 4, "merah", "C", "sanction", "disebut", False),
]


@pytest.fixture(scope="module")
def ranking(tmp_path_factory) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("ranking")
    inbox = root / "inbox"
    write_rows(
        inbox,
        "opd",
        "opd.csv",
        [opd_row(code, f"Dinas {code}") for code, *_ in CITY]
        + [opd_row(code, f"Kecamatan {code}", "kecamatan") for code, *_ in KECAMATAN],
    )
    write_rows(
        inbox,
        "komponen",
        "komponen.csv",
        [
            {
                "year": 2025,
                "quarter": 2,
                "opd_code": code,
                "component": "nilai",
                "score": score,
                "assessor": "Inspektorat",
            }
            for code, score, *_ in CITY + KECAMATAN
        ],
    )
    outcome = run_quarter(root / "home", inbox, Quarter(2025, 2), SCHEME)
    assert outcome.exit_code == EXIT_PUBLISHED, (outcome.failed_checks, outcome.errors)
    rows = as_dicts(
        root / "home" / "published" / "rapor.duckdb",
        "select * from marts.opd_quarter_ranking where quarter_key = '2025-Q2'",
    )
    return {row["opd_code"]: row for row in rows}


@pytest.mark.parametrize(
    ("code", "score", "rank", "zone", "predicate", "consequence", "label", "tie"), CITY + KECAMATAN
)
def test_rank_zone_predicate_consequence(
    ranking, code, score, rank, zone, predicate, consequence, label, tie
):
    row = ranking[code]
    assert row["index_score"] == Decimal(score)
    assert (row["rank"], row["zone"], row["predicate"]) == (rank, zone, predicate)
    assert (row["consequence"], row["consequence_label"]) == (consequence, label)
    assert row["is_boundary_tie"] is tie


def test_kecamatan_are_ranked_in_their_own_group(ranking):
    assert {ranking[c]["rank_group"] for c, *_ in KECAMATAN} == {"33.71/kecamatan"}
    assert {ranking[c]["rank_group"] for c, *_ in CITY} == {"33.71"}
    assert ranking["K1"]["group_size"] == 4 and ranking["R01"]["group_size"] == 10
