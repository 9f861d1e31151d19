"""`rapor run --scheme bekasi` on the demo region in 2024-Q2 (Idul Fitri): IKU and IKP with
negotiated targets, budget absorption and complaint follow-up on the working-day calendar,
kecamatan ranked apart, from the YAML file alone."""

from __future__ import annotations

import duckdb
import pytest

from demo import generate
from rapor.cli import main
from tests.inbox_builder import as_dicts, query

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("bekasi")
    region = generate(root / "inbox", years=(2024,))
    home = root / "home"
    exit_code = main(
        [
            "run",
            "--inbox",
            str(root / "inbox"),
            "--quarter",
            "2024-Q2",
            "--home",
            str(home),
            "--scheme",
            "bekasi",
        ]
    )
    assert exit_code == 0
    return home / "published" / "rapor.duckdb", region


def test_components_and_weights(published):
    db, region = published
    rows = query(
        db,
        "select component, measure, min(scheme_weight), count(*) "
        "from marts.opd_quarter_component_scores group by all order by min(position)",
    )
    assert rows == [
        ("indicator_achievement", "indicator_achievement", 50, region.opds),
        ("budget_absorption", "budget_absorption", 30, region.opds),
        ("complaint_response", "complaint_response", 20, region.opds),
    ]


def test_only_iku_and_ikp_are_scored_with_negotiated_targets(published):
    db, region = published
    scored = query(
        db, "select distinct level from marts.indicator_achievement where is_scored order by 1"
    )
    assert scored == [("ikp",), ("iku",)]
    with duckdb.connect() as con:
        revisions = con.execute(
            f"select opd_code, indicator_code, proposed_target, status, decided_at "
            f"from read_csv('{region.out}/revisi_target/*.csv') where year = 2024 and quarter = 2"
        ).fetchall()
    targets = {
        (r["opd_code"], r["indicator_code"]): r
        for r in as_dicts(db, "select * from marts.indicator_achievement")
    }
    assert revisions
    for opd, code, proposed, status, decided in revisions:
        row = targets[(opd, code)]
        applies = status == "disetujui" and decided is not None and str(decided) <= "2024-06-30"
        assert row["target_source"] == ("revised" if applies else "original"), (opd, code)
        if applies:
            assert float(row["target"]) == pytest.approx(proposed)


def test_complaint_response_on_the_working_day_calendar(published):
    db, region = published
    with duckdb.connect() as con:
        counts = dict(
            con.execute(
                f"select opd_code, count(*) from read_csv('{region.out}/pengaduan/*.csv') "
                "where submitted_at >= '2024-04-01' and submitted_at < '2024-07-01' group by 1"
            ).fetchall()
        )
    rows = {r["opd_code"]: r for r in as_dicts(db, "select * from marts.complaint_response")}
    assert len(rows) == region.opds
    assert {code: r["complaints"] for code, r in rows.items() if r["complaints"]} == counts
    rates = [r["response_rate_pct"] for r in rows.values() if r["complaints"]]
    assert min(rates) < 100 and max(rates) > 50
    for row in rows.values():
        assert row["score"] == (row["response_rate_pct"] if row["complaints"] else 100)


def test_kecamatan_apart_and_the_bekasi_consequences(published):
    db, _ = published
    ranking = as_dicts(db, "select * from marts.opd_quarter_ranking")
    groups = {r["rank_group"] for r in ranking}
    assert groups == {"33.71", "33.71/kecamatan"}
    assert all(
        (r["opd_type"] == "kecamatan") == r["rank_group"].endswith("/kecamatan") for r in ranking
    )
    for group in groups:
        members = [r for r in ranking if r["rank_group"] == group]
        half = len(members) // 2
        rewarded = [r for r in members if r["consequence"] == "reward"]
        sanctioned = [r for r in members if r["consequence"] == "sanction"]
        assert 1 <= len(rewarded) <= max(3, half) and 1 <= len(sanctioned) <= max(3, half)
        assert {r["consequence_label"] for r in rewarded} == {"penghargaan"}
        assert {r["consequence_label"] for r in sanctioned} == {"pendampingan khusus"}
    # the three kecamatan: one rewarded, one sanctioned (at most ⌊3/2⌋ each)
    kecamatan = [r for r in ranking if r["rank_group"].endswith("/kecamatan")]
    assert sorted(r["consequence"] for r in kecamatan) == ["none", "reward", "sanction"]


def test_rank_uncertainty_and_audit_plan_are_published(published):
    db, region = published
    uncertainty = as_dicts(db, "select * from marts.opd_rank_uncertainty")
    assert len(uncertainty) == region.opds
    assert all(r["rank_p05"] <= r["median_rank"] <= r["rank_p95"] for r in uncertainty)
    plan = as_dicts(db, "select * from marts.audit_plan")
    assert sum(r["audits_allocated"] for r in plan) == 2 * region.opds
    # as of 2024-Q2: Q1 (built from the inbox first, unpublished) and Q2
    assert {r["quarters_averaged"] for r in plan} == {2}
