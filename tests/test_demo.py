"""`rapor demo` end to end in a temporary home (issue: spine): the generated city, every quarter of
2024–2025 published, the ranking printed."""

from __future__ import annotations

import contextlib
import io

import pytest

from demo import generate
from rapor.cli import main
from tests.inbox_builder import query

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

QUARTERS = [f"{year}-Q{q}" for year in (2024, 2025) for q in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exit_code = main(["demo", "--home", str(home)])
    # the same seed writes the same region: the expected agencies, without reading the demo's files
    region = generate(tmp_path_factory.mktemp("expected"), years=(2024,))
    return home, exit_code, printed.getvalue(), region


def test_demo_publishes_every_quarter(demo):
    home, exit_code, _, _ = demo
    assert exit_code == 0
    log = query(
        home / "published" / "rapor.duckdb",
        "select quarter_key, publication_version, status from marts.publication_log order by 1",
    )
    assert log == [(q, 1, "published") for q in QUARTERS]


def test_one_ranking_row_per_opd_per_quarter(demo):
    home, _, _, region = demo
    rows = query(
        home / "published" / "rapor.duckdb",
        "select quarter_key, count(*), count(distinct opd_code), min(index_score), "
        "max(index_score), min(rank), max(publication_version) "
        "from marts.opd_quarter_ranking group by 1 order by 1",
    )
    assert [r[0] for r in rows] == QUARTERS
    for quarter_key, count, distinct, lowest, highest, best, version in rows:
        assert count == distinct == region.opds >= 35, quarter_key
        assert 0 <= lowest <= highest <= 100
        assert (best, version) == (1, 1)


def test_component_weights_sum_to_100(demo):
    home, _, _, _ = demo
    sums = query(
        home / "published" / "rapor.duckdb",
        "select distinct sum(weight) from marts.opd_quarter_component_scores "
        "group by quarter_key, opd_code",
    )
    assert [float(s) for (s,) in sums] == [100.0]


def test_every_published_table_has_every_quarter_in_parquet(demo):
    home, _, _, _ = demo
    parquet = home / "published" / "parquet"
    for table in ("opd_quarter_ranking", "budget_absorption", "indicator_achievement"):
        partitions = sorted(p.name for p in (parquet / table).iterdir())
        assert partitions == [f"quarter_key={q}" for q in QUARTERS]


def test_weak_agencies_are_at_the_bottom(demo):
    """The generator's persistently weak agencies end the year in the bottom of the ranking."""
    home, _, _, region = demo
    bottom = query(
        home / "published" / "rapor.duckdb",
        "select opd_code from marts.opd_quarter_ranking where quarter_key = '2025-Q4' "
        "order by rank desc limit ?",
        [len(region.weak_opds) + 2],
    )
    assert set(region.weak_opds) <= {code for (code,) in bottom}


def test_demo_prints_the_latest_ranking_and_where_outputs_are(demo):
    home, _, printed, region = demo
    assert "Rapor kinerja OPD 2025-Q4" in printed
    table = printed.split("Rapor kinerja OPD 2025-Q4")[1]
    ranked = [line for line in table.splitlines() if line[:1].isdigit()]
    assert len(ranked) == region.opds
    assert "Sekretariat Daerah" in table and "Kecamatan Magelang" in table
    assert str(home / "published" / "rapor.duckdb") in printed


def test_dbt_docs_build_and_describe_every_model_and_column(demo, tmp_path):
    """`dbt docs generate` builds on a real warehouse, and its catalog (the columns the models
    really have) holds no model or column without a description in the dbt YAML."""
    import json
    import os
    import subprocess

    from core.dbt_project import DBT_PROJECT_DIR, dbt_executable

    home = demo[0]
    target = tmp_path / "target"
    env = {**os.environ, "RAPOR_WAREHOUSE": str(home / "warehouse" / "rapor.duckdb")}
    done = subprocess.run(
        [
            dbt_executable(),
            "docs",
            "generate",
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=DBT_PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    manifest = json.loads((target / "manifest.json").read_text())["nodes"]
    catalog = json.loads((target / "catalog.json").read_text())["nodes"]
    models = {k: n for k, n in manifest.items() if n["resource_type"] == "model"}
    assert set(models) <= set(catalog), sorted(set(models) - set(catalog))
    undocumented = [
        f"{node['name']}.{column}"
        for key, node in models.items()
        for column in catalog[key]["columns"]
        if not node["columns"].get(column, {}).get("description")
    ]
    assert not [n["name"] for n in models.values() if not n["description"]]
    assert undocumented == []
