"""One bad-input case per value rule of the Great Expectations suites
(docs/inputs.md#suite-rules-great-expectations), each located by file, line and column; and a
clean region that passes every rule.

The suites run directly on a warehouse loaded by the ingest (no Dagster): fast, and the same code
the blocking asset checks call.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from core.quarters import Quarter
from core.scheme import load_scheme
from core.warehouse import connect
from data_quality.record import record
from data_quality.reuse import inputs_fingerprint, recorded_outcome
from data_quality.suites import all_suites
from data_quality.validate import validate
from ingest.load import ingest_inbox
from ingest.scheme_tables import write_scheme
from tests.inbox_builder import opd_row, write_rows

Q1 = Quarter(2024, 1)


def _budget(month: int, budget="1000.00", month_value="100.00", ytd=None, opd="A1") -> dict:
    return {
        "year": 2024,
        "month": month,
        "opd_code": opd,
        "sub_activity_code": "1.01.01.2.01.0001",
        "sub_activity_name": "Penyediaan Gaji dan Tunjangan ASN",
        "budget": budget,
        "realization_month": month_value,
        "realization_ytd": f"{100 * month}.00" if ytd is None else ytd,
    }


def _clean_region() -> dict[str, list[dict]]:
    """Two OPD with every dataset for 2024-Q1; every rule holds."""
    region: dict[str, list[dict]] = {
        "opd": [opd_row("A1", "Dinas Pendidikan"), opd_row("B1", "Kecamatan Utara", "kecamatan")],
        "anggaran": [],
        "fisik": [],
        "indikator": [],
        "revisi_target": [],
        "pengaduan": [],
        "p3dn": [],
        "komponen": [],
    }
    for opd in ("A1", "B1"):
        for month in (1, 2, 3):
            region["anggaran"].append(_budget(month, opd=opd))
            region["fisik"].append(
                {
                    "year": 2024,
                    "month": month,
                    "opd_code": opd,
                    "sub_activity_code": "1.01.01.2.01.0001",
                    "physical_target_pct": 10 * month,
                    "physical_realization_pct": 9 * month,
                }
            )
        region["indikator"].append(
            {
                "year": 2024,
                "quarter": 1,
                "opd_code": opd,
                "indicator_code": f"{opd}-P1",
                "level": "program",
                "polarity": "positif",
                "target": "80",
                "realization": "75",
                "weight": "",
            }
        )
        region["revisi_target"].append(
            {
                "year": 2024,
                "quarter": 1,
                "opd_code": opd,
                "indicator_code": f"{opd}-P1",
                "original_target": "80",
                "proposed_target": "70",
                "status": "disetujui",
                "decided_at": "2024-02-15",
                "reason": "refocusing anggaran",
            }
        )
        region["pengaduan"].append(
            {
                "tracking_id": f"LAPOR-{opd}-1",
                "submitted_at": "2024-02-01 09:00:00",
                "opd_code": opd,
                "category": "Infrastruktur",
                "status": "selesai",
                "first_response_at": "2024-02-02 10:00:00",
                "closed_at": "2024-02-05 10:00:00",
            }
        )
        region["p3dn"].append(
            {
                "year": 2024,
                "quarter": 1,
                "opd_code": opd,
                "procurement_total": "500000.00",
                "domestic_total": "300000.00",
            }
        )
        region["komponen"].append(
            {
                "year": 2024,
                "quarter": 1,
                "opd_code": opd,
                "component": "nilai",
                "score": "80",
                "assessor": "Inspektorat",
            }
        )
    return region


def _validate(
    tmp_path: Path,
    region: dict[str, list[dict]],
    scheme: str = "magelang",
    suites: tuple[str, ...] | None = None,
):
    inbox = tmp_path / "inbox"
    for dataset, rows in region.items():
        if rows:
            write_rows(inbox, dataset, f"{dataset}_2024.csv", rows)
    with connect(tmp_path / "warehouse.duckdb") as con:
        loaded = ingest_inbox(inbox, con, tmp_path / "archive")
        assert not loaded.errors, [f.describe() for f in loaded.errors]
        write_scheme(con, load_scheme(scheme), Q1)
        return {
            name: validate(con, suite, Q1)
            for name, suite in all_suites().items()
            if suites is None or name in suites
        }


def test_clean_region_passes_every_rule(tmp_path):
    outcomes = _validate(tmp_path, _clean_region())
    for name, outcome in outcomes.items():
        assert outcome.rows > 0, name
        assert outcome.passed and not outcome.warnings, [f.describe() for f in outcome.findings]


# A bad value that necessarily breaks a second rule too.
ALSO_BROKEN = {
    ("anggaran", "budget_negative"): {"realization_above_pagu"},
    # the agency's January–March running sum loses the month that moved to the unknown OPD
    ("anggaran", "unknown_opd"): {"realization_columns_disagree"},
    ("indikator", "target_negative"): {"positive_target_zero"},
    ("pengaduan", "closed_before_submitted"): {"closed_before_answered"},
    ("p3dn", "procurement_negative"): {"domestic_above_procurement"},
}

# (dataset, row index, column to set, bad value, suite, rule, severity, reported column)
CASES = [
    ("anggaran", 0, "budget", "-5.00", "anggaran", "budget_negative", "error", "budget"),
    (
        "anggaran",
        1,
        "realization_ytd",
        "250.00",
        "anggaran",
        "realization_columns_disagree",
        "error",
        "realization_ytd",
    ),
    (
        "anggaran",
        2,
        "budget",
        "298.00",
        "anggaran",
        "realization_above_pagu",
        "error",
        "realization_ytd",
    ),
    ("anggaran", 2, "opd_code", "Z9", "anggaran", "unknown_opd", "error", "opd_code"),
    ("fisik", 2, "opd_code", "Z9", "fisik", "unknown_opd", "error", "opd_code"),
    ("indikator", 0, "polarity", "naik", "indikator", "polarity_unknown", "error", "polarity"),
    ("indikator", 0, "level", "sasaran", "indikator", "level_unknown", "error", "level"),
    ("indikator", 0, "target", "0", "indikator", "positive_target_zero", "error", "target"),
    ("indikator", 0, "target", "-3", "indikator", "target_negative", "error", "target"),
    ("indikator", 0, "weight", "-1", "indikator", "weight_negative", "error", "weight"),
    (
        "revisi_target",
        0,
        "status",
        "batal",
        "revisi_target",
        "revision_status_unknown",
        "error",
        "status",
    ),
    (
        "revisi_target",
        0,
        "proposed_target",
        "-1",
        "revisi_target",
        "proposed_target_negative",
        "error",
        "proposed_target",
    ),
    (
        "revisi_target",
        0,
        "decided_at",
        "",
        "revisi_target",
        "decision_undated",
        "warning",
        "decided_at",
    ),
    (
        "pengaduan",
        0,
        "status",
        "hilang",
        "pengaduan",
        "complaint_status_unknown",
        "error",
        "status",
    ),
    (
        "pengaduan",
        0,
        "first_response_at",
        "2024-01-31 09:00:00",
        "pengaduan",
        "answered_before_submitted",
        "error",
        "first_response_at",
    ),
    (
        "pengaduan",
        0,
        "closed_at",
        "2024-01-30 09:00:00",
        "pengaduan",
        "closed_before_submitted",
        "error",
        "closed_at",
    ),
    (
        "pengaduan",
        0,
        "closed_at",
        "2024-02-01 12:00:00",
        "pengaduan",
        "closed_before_answered",
        "warning",
        "closed_at",
    ),
    (
        "p3dn",
        0,
        "domestic_total",
        "600000.00",
        "p3dn",
        "domestic_above_procurement",
        "error",
        "domestic_total",
    ),
    (
        "p3dn",
        0,
        "procurement_total",
        "-1.00",
        "p3dn",
        "procurement_negative",
        "error",
        "procurement_total",
    ),
    ("opd", 0, "opd_type", "yayasan", "opd", "opd_type_unknown", "error", "opd_type"),
    ("opd", 0, "active_to", "2019-12-31", "opd", "active_window_reversed", "error", "active_to"),
    ("opd", 1, "active_to", "2023-12-31", "anggaran", "opd_inactive", "warning", "opd_code"),
]


@pytest.mark.parametrize(
    ("dataset", "index", "column", "value", "suite", "rule", "severity", "reported"),
    CASES,
    ids=[f"{case[4]}-{case[5]}" for case in CASES],
)
def test_bad_value_is_reported_where_it_is(
    tmp_path, dataset, index, column, value, suite, rule, severity, reported
):
    region = copy.deepcopy(_clean_region())
    region[dataset][index][column] = value
    outcome = _validate(tmp_path, region, suites=(suite,))[suite]
    failed = {r.rule: r for r in outcome.rules if not r.passed}
    assert set(failed) == {rule, *ALSO_BROKEN.get((suite, rule), ())}
    assert failed[rule].severity == severity
    assert outcome.passed == (severity == "warning")
    finding = failed[rule].samples[0]
    assert finding.column == reported
    if suite == dataset:
        # the header is line 1: the row at index i is on line i + 2, as a spreadsheet shows it
        assert (finding.file_name, finding.line) == (f"{dataset}/{dataset}_2024.csv", index + 2)


def test_duplicate_key_with_different_values_is_an_error(tmp_path):
    region = _clean_region()
    region["komponen"].append(dict(region["komponen"][0], score="60"))
    outcome = _validate(tmp_path, region, suites=("komponen",))["komponen"]
    assert [r.rule for r in outcome.errors] == ["duplicate_key_conflict"]
    assert sorted(f.line for f in outcome.findings) == [2, 4]


def test_exact_duplicate_row_is_a_warning(tmp_path):
    region = _clean_region()
    region["p3dn"].append(dict(region["p3dn"][1]))
    outcome = _validate(tmp_path, region, suites=("p3dn",))["p3dn"]
    assert outcome.passed
    assert [r.rule for r in outcome.warnings] == ["exact_duplicate_row"]


def test_realisation_summed_from_months_must_stay_under_pagu(tmp_path):
    """Monthly realisation only: 3 × 400 = 1 200 against a pagu of 1 000 (+0.5% = 1 005)."""
    region = _clean_region()
    region["anggaran"] = [
        _budget(month, month_value="400.00", ytd="", opd=opd)
        for opd in ("A1", "B1")
        for month in (1, 2, 3)
    ]
    outcome = _validate(tmp_path, region, suites=("anggaran",))["anggaran"]
    assert [r.rule for r in outcome.errors] == ["realization_above_pagu"]
    assert {f.line for f in outcome.findings} == {4, 7}


def test_pagu_tolerance_is_half_a_percent(tmp_path):
    """1 005 realised against 1 000 is within 0.5%; 1 005.01 is not."""
    region = _clean_region()
    region["anggaran"][2].update(realization_month="805.00", realization_ytd="1005.00")
    assert _validate(tmp_path, region, suites=("anggaran",))["anggaran"].passed
    region["anggaran"][2].update(realization_month="805.01", realization_ytd="1005.01")
    assert not _validate(tmp_path / "again", region, suites=("anggaran",))["anggaran"].passed


def test_every_opd_needs_every_measure_of_its_scheme(tmp_path):
    region = _clean_region()
    region["p3dn"] = [row for row in region["p3dn"] if row["opd_code"] != "B1"]
    region["fisik"] = [row for row in region["fisik"] if row["month"] != 3]
    outcome = _validate(tmp_path, region, suites=("coverage",))["coverage"]
    assert [r.rule for r in outcome.errors] == ["measure_data_missing"]
    missing = {(f.value, f.file_name) for f in outcome.findings}
    assert missing == {("A1", "fisik/"), ("B1", "fisik/"), ("B1", "p3dn/")}


def test_assessed_components_are_covered_per_component(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "schemes" / "assessed_only.yml"
    region = _clean_region()
    region["komponen"] = region["komponen"][:1]
    outcome = _validate(tmp_path, region, str(fixture), ("coverage",))["coverage"]
    assert [(f.value, f.file_name) for f in outcome.findings] == [("B1", "komponen/")]


def test_an_outcome_stands_until_a_file_the_suite_reads_changes(tmp_path):
    """Raw rows never change in place, so a recorded outcome is reused for the same inputs; a
    corrected budget file re-opens the budget suite and the coverage suite, not the others."""
    region = _clean_region()
    region["anggaran"][1]["budget"] = "-5"
    suites = all_suites()
    with connect(tmp_path / "warehouse.duckdb") as con:
        write_rows(tmp_path / "inbox", "anggaran", "anggaran_2024.csv", region["anggaran"])
        for dataset in ("opd", "fisik"):
            write_rows(tmp_path / "inbox", dataset, f"{dataset}_2024.csv", region[dataset])
        ingest_inbox(tmp_path / "inbox", con, tmp_path / "archive")
        write_scheme(con, load_scheme("magelang"), Q1)
        first = {}
        for name in ("anggaran", "fisik", "coverage"):
            fingerprint = inputs_fingerprint(con, suites[name], Q1, "id")
            assert recorded_outcome(con, suites[name], Q1, fingerprint) is None
            first[name] = (fingerprint, validate(con, suites[name], Q1))
            record(con, first[name][1], "run-1", fingerprint)

        fingerprint, validated = first["anggaran"]
        reused = recorded_outcome(con, suites["anggaran"], Q1, fingerprint)
        assert reused.validated_run_id == "run-1" and reused.rows == validated.rows == 6
        assert [(r.rule, r.checked_rows, r.failed_rows) for r in reused.rules] == [
            (r.rule, r.checked_rows, r.failed_rows) for r in validated.rules
        ]
        assert reused.findings == validated.findings and not reused.passed
        # an English run words its findings differently: validated again
        assert inputs_fingerprint(con, suites["anggaran"], Q1, "en") != fingerprint

        corrected = [dict(row, budget="1000.00") for row in region["anggaran"][:3]]
        write_rows(tmp_path / "inbox", "anggaran", "anggaran_2024_koreksi.csv", corrected)
        ingest_inbox(tmp_path / "inbox", con, tmp_path / "archive")
        changed = {
            name: inputs_fingerprint(con, suites[name], Q1, "id") != first[name][0]
            for name in first
        }
        assert changed == {"anggaran": True, "fisik": False, "coverage": True}
        record(con, reused, "run-2", fingerprint)
        runs = con.execute(
            "select distinct run_id, validated_run_id from raw.quality_results "
            "where suite = 'anggaran'"
        ).fetchall()
        assert runs == [("run-2", "run-1")]
