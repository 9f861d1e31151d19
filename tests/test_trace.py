"""The auditor's chain: published lineage, the publication manifest, `rapor trace`, `rapor
verify`.

A hand-computed region (magelang scheme, 2024-Q1) whose inbox holds what a trace must explain:
a corrected budget file superseding March of the first, an exact copy of a line, an indicator
the scheme does not score, a rejected and a late target revision.
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from core.quarters import Quarter
from ingest.archive import sha256_of
from publication.tables import published_table_names
from rapor.runner import EXIT_PUBLISHED, run_quarter
from tests.inbox_builder import as_dicts, opd_row, write_rows

pytestmark = pytest.mark.slow

Q1 = Quarter(2024, 1)
SCHEMA = Path(__file__).parent.parent / "docs" / "trace.schema.json"


def _budget(opd, month, pagu, realized, ytd) -> dict:
    return {
        "year": 2024,
        "month": month,
        "opd_code": opd,
        "sub_activity_code": "S1",
        "sub_activity_name": "Sub-kegiatan S1",
        "budget": f"{pagu}.00",
        "realization_month": f"{realized}.00",
        "realization_ytd": "" if ytd is None else f"{ytd}.00",
    }


def _indicator(opd, code, target, realized, level="program") -> dict:
    return {
        "year": 2024,
        "quarter": 1,
        "opd_code": opd,
        "indicator_code": code,
        "indicator_name": f"Indikator {code}",
        "level": level,
        "unit": "%",
        "polarity": "positif",
        "target": target,
        "realization": realized,
        "weight": "",
    }


def _revision(opd, code, proposed, status, decided_at) -> dict:
    return {
        "year": 2024,
        "quarter": 1,
        "opd_code": opd,
        "indicator_code": code,
        "original_target": 100,
        "proposed_target": proposed,
        "status": status,
        "decided_at": decided_at,
        "reason": "negosiasi",
    }


def _inbox(inbox: Path) -> None:
    write_rows(inbox, "opd", "opd.csv", [opd_row("A1", "Dinas Satu"), opd_row("B1", "Dinas Dua")])
    # A1 reports the year to date; B1 only monthly figures (summed). Line 4 (B1, January) is
    # repeated exactly as line 8.
    write_rows(
        inbox,
        "anggaran",
        "anggaran_a.csv",
        [
            _budget("A1", 1, 1_000_000, 40_000, 40_000),
            _budget("A1", 2, 1_000_000, 40_000, 80_000),
            _budget("B1", 1, 500_000, 50_000, None),
            _budget("B1", 2, 500_000, 50_000, None),
            _budget("A1", 3, 1_000_000, 40_000, 120_000),
            _budget("B1", 3, 500_000, 10_000, None),
            _budget("B1", 1, 500_000, 50_000, None),
        ],
    )
    # March corrected: anggaran_a.csv's March rows are superseded
    write_rows(
        inbox,
        "anggaran",
        "anggaran_b.csv",
        [_budget("A1", 3, 1_200_000, 70_000, 150_000), _budget("B1", 3, 500_000, 60_000, None)],
    )
    write_rows(
        inbox,
        "fisik",
        "fisik.csv",
        [
            {
                "year": 2024,
                "month": month,
                "opd_code": opd,
                "sub_activity_code": "S1",
                "physical_target_pct": 10 * month,
                "physical_realization_pct": 8 * month,
            }
            for month in (1, 2, 3)
            for opd in ("A1", "B1")
        ],
    )
    write_rows(
        inbox,
        "indikator",
        "indikator.csv",
        [
            _indicator("A1", "P1", 80, 60),
            _indicator("A1", "I1", 10, 1, level="iku"),
            _indicator("B1", "P1", 100, 50),
        ],
    )
    write_rows(
        inbox,
        "revisi_target",
        "revisi.csv",
        [
            _revision("A1", "P1", 75, "disetujui", "2024-03-20"),
            _revision("B1", "P1", 60, "ditolak", "2024-03-01"),
            _revision("B1", "P1", 50, "disetujui", "2024-04-05"),
        ],
    )
    # personal data: the archive keeps the rows without it, which `rapor verify` rebuilds from
    write_rows(
        inbox,
        "pengaduan",
        "lapor.csv",
        [
            {
                "tracking_id": f"LPR-{number}",
                "nama_pelapor": "Budi Santoso",
                "opd_code": opd,
                "category": "umum",
                "status": "selesai",
                "submitted_at": f"2024-0{number}-05 09:00:00",
                "first_response_at": f"2024-0{number}-06 10:00:00",
                "closed_at": f"2024-0{number}-09 10:00:00",
            }
            for number, opd in ((1, "A1"), (2, "B1"), (5, "A1"))
        ],
    )
    write_rows(
        inbox,
        "p3dn",
        "p3dn.csv",
        [
            {
                "year": 2024,
                "quarter": 1,
                "opd_code": opd,
                "procurement_total": "1000000.00",
                "domestic_total": domestic,
            }
            for opd, domestic in (("A1", "300000.00"), ("B1", "500000.00"))
        ],
    )


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("trace")
    inbox, home = root / "inbox", root / "home"
    _inbox(inbox)
    outcome = run_quarter(home, inbox, Q1)
    assert outcome.exit_code == EXIT_PUBLISHED, (outcome.failed_checks, outcome.errors)
    return inbox, home


def _rapor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rapor.cli", *args], capture_output=True, text=True, check=False
    )


def _trace(home: Path, opd: str, *extra: str) -> dict:
    done = _rapor("trace", "--home", str(home), "--quarter", Q1.key, "--opd", opd, "--format",
                  "json", *extra)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _component(traced: dict, name: str) -> dict:
    return next(c for c in traced["components"] if c["component"] == name)


def _money(value) -> float:
    return float(value)


def test_traced_budget_rows_re_aggregate_to_the_published_measure(region):
    _, home = region
    a1 = _component(_trace(home, "A1"), "budget_absorption")
    # A1: the pagu and the year to date of March from the corrected file: 150 000 / 1 200 000
    (march,) = [r for r in a1["rows"] if r["values"]["month"] == 3]
    assert march["file_name"] == "anggaran/anggaran_b.csv" and march["line"] == 2
    pct = _money(march["values"]["realization_ytd"]) / _money(march["values"]["budget"]) * 100
    assert pct == pytest.approx(12.5) == pytest.approx(a1["measure_value"])
    assert a1["score"] == pytest.approx(12.5 / 15 * 100)
    whys = sorted(r["why"] for r in a1["not_counted"])
    assert whys == [
        "an earlier month: the realisation year to date of the last month stands",
        "an earlier month: the realisation year to date of the last month stands",
        "superseded by anggaran/anggaran_b.csv",
    ]
    b1 = _component(_trace(home, "B1"), "budget_absorption")
    # B1: no year to date, the monthly figures counted once each: 50 000 + 50 000 + 60 000
    realized = sum(_money(r["values"]["realization_month"]) for r in b1["rows"])
    assert realized == 160_000
    assert realized / 500_000 * 100 == pytest.approx(b1["measure_value"])
    not_counted = {(r["file_name"], r["line"]): r["why"] for r in b1["not_counted"]}
    assert not_counted == {
        ("anggaran/anggaran_a.csv", 7): "superseded by anggaran/anggaran_b.csv",
        ("anggaran/anggaran_a.csv", 8): "exact copy of an earlier row",
    }


def test_traced_indicator_rows_explain_the_target_and_the_unscored(region):
    _, home = region
    a1 = _component(_trace(home, "A1"), "indicator_achievement")
    counted = {(r["dataset"], r["values"]["indicator_code"]): r for r in a1["rows"]}
    assert set(counted) == {("indikator", "P1"), ("revisi_target", "P1")}
    realized = counted["indikator", "P1"]["values"]["realization"]
    target = counted["revisi_target", "P1"]["values"]["proposed_target"]
    assert realized / target * 100 == pytest.approx(80) == pytest.approx(a1["measure_value"])
    assert [r["values"]["indicator_code"] for r in a1["not_counted"]] == ["I1"]
    b1 = _component(_trace(home, "B1"), "indicator_achievement")
    assert sorted(r["why"] for r in b1["not_counted"]) == [
        "approved after the quarter's last day",
        "revision not approved: ditolak",
    ]
    assert b1["score"] == pytest.approx(50)


def test_trace_json_follows_its_schema_and_carries_the_published_rank(region):
    _, home = region
    traced = _trace(home, "A1")
    jsonschema.validate(traced, json.loads(SCHEMA.read_text(encoding="utf-8")))
    (ranked,) = as_dicts(
        home / "published" / "rapor.duckdb",
        "select rank, index_score from marts.opd_quarter_ranking where opd_code = 'A1'",
    )
    assert traced["rank"] == ranked["rank"]
    assert traced["index_score"] == pytest.approx(float(ranked["index_score"]))
    assert traced["publication_version"] == 1 and traced["scheme_name"] == "magelang"
    p3dn = _component(traced, "p3dn")
    assert p3dn["formula"] == "min(30 / 40, 1) × 100 = 75"


def test_trace_text_and_html(region):
    _, home = region
    done = _rapor("trace", "--home", str(home), "--quarter", Q1.key, "--opd", "A1")
    assert done.returncode == 0, done.stderr
    assert "rank" in done.stdout and "superseded by anggaran/anggaran_b.csv" in done.stdout
    assert "anggaran_b.csv line 2" not in done.stdout
    rows = _rapor("trace", "--home", str(home), "--quarter", Q1.key, "--opd", "A1", "--rows")
    assert "anggaran/anggaran_b.csv line 2" in rows.stdout
    page = _rapor(
        "trace", "--home", str(home), "--quarter", Q1.key, "--opd", "A1", "--format", "html"
    )
    path = Path(page.stdout.strip())
    assert path == home / "reports" / Q1.key / "trace" / "A1.html"
    text = path.read_text(encoding="utf-8")
    assert "Dinas Satu" in text and "<script" not in text and "http" not in text


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--quarter", "2024-Q2", "--opd", "A1"), "published quarters: 2024-Q1"),
        (("--quarter", "2024-Q1", "--opd", "ZZ"), "OPD ranked: A1, B1"),
        (("--quarter", "2024-Q1", "--opd", "A1", "--version", "9"), "published versions: 1"),
    ],
)
def test_unknown_quarter_opd_or_version_is_one_line_naming_what_exists(region, args, names):
    _, home = region
    done = _rapor("trace", "--home", str(home), *args)
    assert done.returncode == 1
    assert names in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_manifest_names_inputs_scheme_code_and_packages_and_is_read_only(region):
    _, home = region
    path = home / "published" / "manifests" / Q1.key / "v1.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    (logged,) = as_dicts(
        home / "published" / "rapor.duckdb", "select manifest from marts.publication_log"
    )
    assert json.loads(logged["manifest"]) == manifest
    by_name = {f["file_name"]: f for f in manifest["inputs"]}
    corrected = by_name["anggaran/anggaran_b.csv"]
    assert corrected["superseded"] == ["anggaran/anggaran_a.csv"]
    assert corrected["rows_loaded"] == 2 and corrected["size"] > 0
    assert len(corrected["sha256"]) == 64
    archived = home / "archive" / corrected["archive_path"]
    assert not archived.stat().st_mode & stat.S_IWUSR
    # a file with personal data is archived without it
    assert by_name["pengaduan/lapor.csv"]["archive_path"].endswith("lapor.kept.csv")
    assert (
        "Budi"
        not in (home / "archive" / by_name["pengaduan/lapor.csv"]["archive_path"]).read_text()
    )
    assert manifest["scheme"]["name"] == "magelang"
    assert "budget_absorption" in manifest["scheme"]["file_text"]
    assert manifest["code"]["git_commit"] and len(manifest["code"]["dbt_manifest_sha256"]) == 64
    assert manifest["packages"]["duckdb"] and manifest["packages"]["dbt-core"]


def _verify(home: Path, *extra: str) -> subprocess.CompletedProcess:
    return _rapor("verify", "--home", str(home), "--quarter", Q1.key, *extra)


def _fingerprint(home: Path) -> dict[str, str]:
    """sha256 of every file of the publication, the warehouse and the archive."""
    folders = (home / "published", home / "warehouse", home / "archive")
    return {
        str(p.relative_to(home)): sha256_of(p)
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_verify_reproduces_the_publication_and_changes_nothing(region):
    _, home = region
    before = _fingerprint(home)
    done = _verify(home)
    assert done.returncode == 0, done.stdout + done.stderr
    tables = len(published_table_names())
    assert done.stdout.startswith(f"{Q1.key} version 1: identical ({tables} tables, ")
    assert _fingerprint(home) == before


def _home_copy(home: Path, target: Path) -> Path:
    shutil.copytree(home, target, ignore=shutil.ignore_patterns("dagster", "logs", "dbt"))
    return target


def test_verify_names_a_tampered_archive_file_and_the_value_it_changes(region, tmp_path):
    _, home = region
    copy = _home_copy(home, tmp_path / "home")
    (archived,) = (copy / "archive" / "p3dn").rglob("p3dn.csv")
    archived.chmod(0o644)
    archived.write_text(archived.read_text().replace("300000.00", "200000.00"))
    done = _verify(copy)
    assert done.returncode == 3, done.stdout + done.stderr
    assert f"archive file changed: {archived}" in done.stdout
    assert (
        "p3dn_usage [quarter_key=2024-Q1, opd_code=A1] domestic_total: "
        "published '300000.00', rebuilt '200000.00'"
    ) in done.stdout


def test_verify_names_a_removed_archive_file(region, tmp_path):
    _, home = region
    copy = _home_copy(home, tmp_path / "home")
    (archived,) = (copy / "archive" / "indikator").rglob("indikator.csv")
    archived.unlink()
    done = _verify(copy)
    assert done.returncode == 3
    assert f"archive file missing: {archived} (indikator/indikator.csv)" in done.stdout


def test_trace_of_version_1_after_version_2_is_published(region):
    inbox, home = region
    before = _trace(home, "A1")
    write_rows(
        inbox,
        "p3dn",
        "p3dn_koreksi.csv",
        [
            {
                "year": 2024,
                "quarter": 1,
                "opd_code": opd,
                "procurement_total": "1000000.00",
                "domestic_total": domestic,
            }
            for opd, domestic in (("A1", "100000.00"), ("B1", "500000.00"))
        ],
    )
    outcome = run_quarter(home, inbox, Q1, reason="koreksi p3dn A1")
    assert outcome.exit_code == EXIT_PUBLISHED and outcome.publication_version == 2
    latest = _trace(home, "A1")
    assert latest["publication_version"] == 2
    assert _component(latest, "p3dn")["formula"] == "min(10 / 40, 1) × 100 = 25"
    first = _trace(home, "A1", "--version", "1")
    assert first == before
    assert (home / "published" / "manifests" / Q1.key / "v2.json").exists()
    # the announced version still rebuilds from its own inputs and scheme
    done = _verify(home, "--version", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "version 1: identical" in done.stdout
