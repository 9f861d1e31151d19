"""`rapor run --scheme banyuwangi` on the demo region: six assessed components, equal weights,
the best five +15% TPP and the worst five −15% TPP, from the YAML file alone."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from demo import generate
from rapor.cli import main
from tests.inbox_builder import as_dicts, query

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("banyuwangi")
    region = generate(root / "inbox", years=(2024,))
    home = root / "home"
    exit_code = main(
        [
            "run",
            "--inbox",
            str(root / "inbox"),
            "--quarter",
            "2024-Q1",
            "--home",
            str(home),
            "--scheme",
            "banyuwangi",
        ]
    )
    assert exit_code == 0
    return home, region


def test_index_is_the_mean_of_the_six_assessed_scores(published):
    home, region = published
    komponen = f"read_csv('{region.out}/komponen/*.csv')"
    with duckdb.connect() as con:
        # exact sums of the 2-decimal scores: the mean's half-hundredths are decided exactly
        sums = dict(
            con.execute(
                f"select opd_code, sum(score::decimal(12, 2)) from {komponen} "
                "where year = 2024 and quarter = 1 group by opd_code"
            ).fetchall()
        )
    ranking = as_dicts(
        home / "published" / "rapor.duckdb", "select * from marts.opd_quarter_ranking"
    )
    assert len(ranking) == region.opds
    for row in ranking:
        mean = (sums[row["opd_code"]] / 6).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert row["index_score"] == mean, row["opd_code"]
        assert row["scheme_name"] == "banyuwangi" and row["group_size"] == region.opds
    weights = query(
        home / "published" / "rapor.duckdb",
        "select component, min(weight), max(weight), count(*) "
        "from marts.opd_quarter_component_scores group by all order by all",
    )
    assert [w[0] for w in weights] == sorted(
        [
            "pengawasan",
            "perencanaan_pengendalian",
            "pelaporan_kinerja",
            "pengelolaan_anggaran_bmd",
            "inovasi",
            "pengadaan_barang_jasa",
        ]
    )
    assert all(w[1] == pytest.approx(100 / 6) == w[2] and w[3] == region.opds for w in weights)


def test_best_five_and_worst_five_with_the_tpp_labels(published):
    home, region = published
    ranking = as_dicts(
        home / "published" / "rapor.duckdb",
        "select opd_code, rank, consequence, consequence_label, is_boundary_tie "
        "from marts.opd_quarter_ranking order by rank",
    )
    rewarded = [r for r in ranking if r["consequence"] == "reward"]
    sanctioned = [r for r in ranking if r["consequence"] == "sanction"]
    assert [r["rank"] for r in rewarded if not r["is_boundary_tie"]] == [1, 2, 3, 4, 5][
        : len(rewarded)
    ]
    assert len(rewarded) >= 5 and len(sanctioned) >= 5
    assert {r["consequence_label"] for r in rewarded} == {"+15% TPP"}
    assert {r["consequence_label"] for r in sanctioned} == {"−15% TPP"}
    # the generator's weak agencies score lowest on every assessed component
    assert set(region.weak_opds) <= {r["opd_code"] for r in sanctioned}


def test_new_marts_are_published(published):
    home, region = published
    db = home / "published" / "rapor.duckdb"
    assert query(db, "select count(*), sum(audits_allocated) from marts.audit_plan") == [
        (region.opds, 2 * region.opds)
    ]
    assert query(db, "select count(*), min(draws) from marts.opd_rank_uncertainty") == [
        (region.opds, 1000)
    ]
    # banyuwangi has no complaint component: the measure is published all the same
    assert query(db, "select count(*) from marts.complaint_response")[0][0] == region.opds
    for table in ("complaint_response", "opd_rank_uncertainty", "audit_plan"):
        assert (home / "published" / "parquet" / table / "quarter_key=2024-Q1").is_dir()
