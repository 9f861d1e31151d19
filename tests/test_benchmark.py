"""The benchmark's contenders compute the same ranking (issue: benchmarks): on a generated city, the
pipeline's publication, `benchmarks/reference.sql` and the pandas peer agree on the index score,
rank and zone of every OPD. Correctness only: nothing is timed here."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from benchmarks.inputs import corrected_inbox
from benchmarks.measure import run_measured
from benchmarks.pandas_peer import pandas_ranking
from benchmarks.reference import reference_ranking
from benchmarks.scores import published_ranking, ranking_differences
from core.quarters import Quarter
from demo import generate
from rapor.runner import EXIT_PUBLISHED, run_quarter

# a whole pipeline run: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

QUARTER = Quarter(2024, 4)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A generated city and its quarter as the pipeline published it (the one pipeline run)."""
    inbox = tmp_path_factory.mktemp("inbox")
    region = generate(inbox, scale="city", years=(QUARTER.year,))
    home = tmp_path_factory.mktemp("home")
    outcome = run_quarter(home, inbox, QUARTER)
    assert outcome.exit_code == EXIT_PUBLISHED, outcome.errors
    return inbox, region, published_ranking(home / "published" / "rapor.duckdb", QUARTER.key)


def test_pipeline_ranks_every_opd(city):
    _, region, published = city
    assert len(published) == region.opds
    assert all(opd.index_score is not None for opd in published)


def test_reference_sql_ranks_as_published(city):
    inbox, _, published = city
    assert ranking_differences(published, reference_ranking(inbox, QUARTER)) == []


def test_pandas_peer_ranks_as_published(city):
    inbox, _, published = city
    assert ranking_differences(published, pandas_ranking(inbox, QUARTER)) == []


def test_corrected_file_supersedes_its_month_in_the_reference(city, tmp_path):
    """The incremental benchmark drops in a corrected budget file for one month: the reference
    ranks as if that one pagu had been edited in the original file."""
    inbox, _, _ = city
    correction = corrected_inbox(inbox, tmp_path, QUARTER)
    edited = tmp_path / "edited"
    shutil.copytree(inbox, edited)
    budget_file = edited / "anggaran" / f"anggaran_{QUARTER.year}.csv"
    with duckdb.connect() as con:
        con.execute(
            "create table budget as select * from read_csv(?, header = true, all_varchar = true)",
            [str(budget_file)],
        )
        con.execute(
            "update budget set budget = ? where year = ? and month = ? "
            "and opd_code = ? and sub_activity_code = ?",
            [
                correction.budget_after,
                str(QUARTER.year),
                str(QUARTER.last_month),
                correction.opd_code,
                correction.sub_activity_code,
            ],
        )
        con.execute(f"copy budget to '{budget_file}' (header, delimiter ',')")
    assert reference_ranking(correction.inbox, QUARTER) == reference_ranking(edited, QUARTER)


def test_a_small_child_of_a_large_process_reports_its_own_peak(tmp_path):
    """ru_maxrss would report the parent's 300 MB peak for this child (the cause of a false
    memory failure under a large pytest worker); peak_rss and run_measured report the child's."""
    parent = textwrap.dedent(
        """
        import subprocess, sys
        held = bytearray(300 * 2**20)
        held[::4096] = b"x" * len(held[::4096])
        child = "from benchmarks.measure import peak_rss; print(peak_rss())"
        print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                             check=True).stdout.strip())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", parent],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert int(done.stdout) < 100 * 2**20
    measured = run_measured(
        [sys.executable, "-c", 'held = b"x" * 200 * 2**20; import time; time.sleep(1.5)'],
        tmp_path / "log",
    )
    assert 200 * 2**20 < measured.max_process_rss < 300 * 2**20
    assert measured.peak_tree_rss >= measured.max_process_rss
