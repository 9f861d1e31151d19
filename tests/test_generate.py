"""The synthetic data generator: deterministic, complete, realistic, and accepted by the ingest."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from demo import SCALES, Summary, generate
from demo.regions import JAWA_TENGAH, KOTA_MAGELANG
from ingest.load import ingest_inbox
from rapor.cli import main

# Codes stay text and money exact decimals; everything else is sniffed.
TYPES = {
    "opd_code": "varchar",
    "region_code": "varchar",
    "sub_activity_code": "varchar",
    "indicator_code": "varchar",
    "nik": "varchar",
    "telepon": "varchar",
    "budget": "decimal(20, 2)",
    "realization_month": "decimal(20, 2)",
    "realization_ytd": "decimal(20, 2)",
    "procurement_total": "decimal(20, 2)",
    "domestic_total": "decimal(20, 2)",
    "target": "decimal(24, 6)",
    "original_target": "decimal(24, 6)",
    "proposed_target": "decimal(24, 6)",
}
# Permendagri 90/2019: urusan.bidang.program.2.kegiatan.sub_kegiatan
SUB_ACTIVITY_CODE = r"\d\.\d{2}\.\d{2}\.2\.\d{2}\.\d{4}"
DATASETS = (
    "opd",
    "anggaran",
    "fisik",
    "indikator",
    "revisi_target",
    "pengaduan",
    "p3dn",
    "komponen",
)


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Summary:
    return generate(tmp_path_factory.mktemp("city"), scale="city", seed=7, years=(2024,))


@pytest.fixture(scope="module")
def con(city: Summary):
    with duckdb.connect() as connection:
        for dataset in DATASETS:
            path = city.out / dataset / "*.csv"
            header = (next(city.out.glob(f"{dataset}/*.csv"))).open().readline().strip()
            types = {k: v for k, v in TYPES.items() if k in header.split(",")}
            connection.execute(
                f"create view {dataset} as select * from read_csv('{path}', header = true, "
                f"all_varchar = false, types = {types})"
            )
        yield connection


def one(con, sql: str, params: list | None = None):
    return con.execute(sql, params or []).fetchone()


def test_same_seed_same_bytes_other_seed_differs(tmp_path, city):
    again = generate(tmp_path / "again", scale="city", seed=7, years=(2024,))
    other = generate(tmp_path / "other", scale="city", seed=8, years=(2024,))
    files = sorted(p.relative_to(city.out) for p in city.out.rglob("*.csv"))
    assert len(files) == 1 + 7
    assert all((city.out / f).read_bytes() == (again.out / f).read_bytes() for f in files)
    assert any((city.out / f).read_bytes() != (other.out / f).read_bytes() for f in files)
    assert again.rows == city.rows


def test_city_is_kota_magelang_with_its_agencies(con, city):
    assert city.regions == 1 and city.opds >= 35
    rows = con.execute(
        "select opd_code, opd_name, opd_type, aliases, region_code from opd"
    ).fetchall()
    codes = [r[0] for r in rows]
    assert len(set(codes)) == len(codes) == city.opds
    assert all(r[0].startswith("33.71.") and r[4] == "33.71" for r in rows)
    assert {"dinas", "badan", "sekretariat", "inspektorat", "kecamatan"} <= {r[2] for r in rows}
    names = {r[1] for r in rows}
    assert {"RSUD Budi Rahayu", "Kecamatan Magelang Utara", "Dinas Kesehatan"} <= names
    aliases = {a for r in rows for a in (r[3] or "").split("|")}
    assert {"Bappeda", "BPKPD", "Disdikbud", "DPUPR", "Satpol PP", "Diskominfo"} <= aliases
    assert one(con, "select count(*) from opd where active_from <> date '2020-01-01'") == (0,)


def test_every_agency_has_every_period(con, city):
    for dataset, period, count in (("anggaran", "month", 12), ("fisik", "month", 12)):
        assert con.execute(
            f"select count(*) from (select opd_code, count(distinct {period}) n from {dataset} "
            f"group by 1) where n = {count}"
        ).fetchone() == (city.opds,)
    for dataset in ("indikator", "p3dn", "komponen"):
        assert con.execute(
            f"select count(*), min(n) from (select opd_code, count(distinct quarter) n "
            f"from {dataset} group by 1)"
        ).fetchone() == (city.opds, 4)
    # the magelang scheme scores programme-level indicators
    assert one(
        con,
        "select count(*), min(n) from (select opd_code, quarter, count(*) n from indikator "
        "where level = 'program' group by all)",
    ) == (city.opds * 4, 2)


def test_no_duplicate_keys(con):
    for dataset, key in (
        ("anggaran", "year, month, opd_code, sub_activity_code"),
        ("fisik", "year, month, opd_code, sub_activity_code"),
        ("indikator", "year, quarter, opd_code, indicator_code"),
        ("p3dn", "year, quarter, opd_code"),
        ("komponen", "year, quarter, opd_code, component"),
    ):
        assert one(con, f"select count(*) - count(distinct ({key})) from {dataset}") == (0,)


def test_ytd_is_the_running_sum_and_never_above_the_ceiling(con):
    assert one(
        con,
        "select count(*) filter (where ytd <> realization_ytd), "
        "count(*) filter (where realization_ytd > budget), "
        "count(*) filter (where realization_month < 0) from (select *, sum(realization_month) "
        "over (partition by year, opd_code, sub_activity_code order by month) ytd from anggaran)",
    ) == (0, 0, 0)


def test_budget_amendment_changes_some_ceilings_from_september(con):
    first_changes = con.execute(
        "select min(month) from (select *, first_value(budget) over (partition by year, "
        "opd_code, sub_activity_code order by month) as original from anggaran) "
        "where budget <> original group by year, opd_code, sub_activity_code"
    ).fetchall()
    assert len(first_changes) >= 10
    assert min(m for (m,) in first_changes) >= 9


def test_realistic_amounts_and_codes(con):
    low, high = one(con, "select min(budget), max(budget) from anggaran")
    assert low >= 10_000_000 and high >= 1_000_000_000
    assert one(
        con,
        "select count(*) from anggaran where not regexp_full_match(sub_activity_code, ?)",
        [SUB_ACTIVITY_CODE],
    ) == (0,)
    assert one(
        con, "select count(*) from anggaran where sub_activity_name like 'Penyediaan Gaji%'"
    )[0]


def test_seasonal_absorption(con):
    pct = dict(
        con.execute(
            "select month, sum(realization_ytd) / sum(budget) * 100 from anggaran "
            "where month in (3, 6, 9, 12) group by 1"
        ).fetchall()
    )
    assert pct[3] < pct[6] < pct[9] < pct[12]
    assert 5 < pct[3] < 20 and 30 < pct[6] < 50 and 55 < pct[9] < 75 and pct[12] > 85


def test_weak_agencies_rank_at_the_bottom(con, city):
    assert 3 <= len(city.weak_opds) <= 4
    for month in (6, 9, 12):
        bottom = {
            code
            for (code,) in con.execute(
                f"select opd_code from anggaran where month = {month} group by 1 "
                f"order by sum(realization_ytd) / sum(budget) limit 6"
            ).fetchall()
        }
        assert set(city.weak_opds) <= bottom, month
    for dataset, measure in (
        ("komponen", "avg(score)"),
        ("p3dn", "sum(domestic_total) / sum(procurement_total)"),
        ("fisik", "avg(physical_realization_pct) filter (where month = 12)"),
    ):
        bottom = {
            code
            for (code,) in con.execute(
                f"select opd_code from {dataset} group by 1 order by {measure} limit 8"
            ).fetchall()
        }
        assert set(city.weak_opds) <= bottom, dataset


def test_physical_progress_is_a_rising_percentage(con):
    assert one(
        con,
        "select count(*) filter (where physical_target_pct not between 0 and 100 "
        "or physical_realization_pct not between 0 and 100), "
        "count(*) filter (where physical_realization_pct < previous) "
        "from (select *, lag(physical_realization_pct) over (partition by year, opd_code, "
        "sub_activity_code order by month) previous from fisik)",
    ) == (0, 0)
    assert one(con, "select max(physical_realization_pct) from fisik where month = 12")[0] > 90


def test_indicators_are_scoreable(con):
    assert one(
        con,
        "select count(*) filter (where target <= 0), "
        "count(*) filter (where polarity not in ('positif', 'negatif')), "
        "count(*) filter (where level not in ('iku', 'program', 'kegiatan', 'ikp')) from indikator",
    ) == (0, 0, 0)
    assert one(con, "select count(*) from indikator where polarity = 'negatif'")[0] > 0
    missing, total = one(con, "select count(*) - count(realization), count(*) from indikator")
    assert missing < total * 0.05
    assert (
        one(con, "select count(*) from indikator where level = 'program' and realization is null")[
            0
        ]
        == 0
    )


def test_target_revisions_refer_to_real_targets(con):
    rows = con.execute(
        "select r.status, r.decided_at, r.proposed_target, r.original_target = i.target, "
        "r.decided_at > last_day(make_date(r.year, 3 * r.quarter, 1)) "
        "from revisi_target r left join indikator i using (year, quarter, opd_code, indicator_code)"
    ).fetchall()
    assert len(rows) >= 3
    assert all(same for _, _, _, same, _ in rows)
    assert all(proposed > 0 for _, _, proposed, _, _ in rows)
    assert {s for s, *_ in rows} <= {"disetujui", "ditolak", "diajukan"}
    assert all((decided is None) == (status == "diajukan") for status, decided, *_ in rows)


def test_complaints_carry_personal_data_and_consistent_timestamps(con, city):
    header = next(city.out.glob("pengaduan/*.csv")).open().readline().strip().split(",")
    assert {"nama_pelapor", "nik", "telepon", "email", "alamat", "isi_laporan"} <= set(header)
    count, ids = one(con, "select count(*), count(distinct tracking_id) from pengaduan")
    assert 1000 <= count == ids
    assert one(
        con,
        "select count(*) filter (where first_response_at < submitted_at), "
        "count(*) filter (where closed_at < first_response_at), "
        "count(*) filter (where closed_at is not null and first_response_at is null), "
        "count(*) filter (where year(submitted_at) <> 2024), "
        "count(*) filter (where not regexp_full_match(nik, '[0-9]{16}')) from pengaduan",
    ) == (0, 0, 0, 0, 0)
    statuses = {s for (s,) in con.execute("select distinct status from pengaduan").fetchall()}
    assert statuses <= {
        "belum diverifikasi",
        "belum ditindaklanjuti",
        "proses",
        "selesai",
        "ditutup",
    }
    assert {"selesai", "proses"} <= statuses


def test_p3dn_domestic_within_procurement_and_growing(con):
    assert one(
        con,
        "select count(*) filter (where domestic_total > procurement_total), "
        "count(*) filter (where domestic_total / procurement_total not between 0.19 and 0.91), "
        "count(*) filter (where procurement_total < previous) "
        "from (select *, lag(procurement_total) over (partition by year, opd_code "
        "order by quarter) previous from p3dn)",
    ) == (0, 0, 0)


def test_component_scores_carry_the_banyuwangi_codes(con):
    from core.scheme import load_scheme

    banyuwangi = {c.code for c in load_scheme("banyuwangi").scheme.components}
    components = {c for (c,) in con.execute("select distinct component from komponen").fetchall()}
    assert components == banyuwangi
    assert one(
        con, "select min(score) >= 0, max(score) <= 100, count(distinct assessor) from komponen"
    ) == (True, True, 1)


def test_iku_and_ikp_for_the_bekasi_scheme_with_negotiated_targets(con, city):
    """Every agency has IKU and IKP indicators every quarter; their targets are renegotiated:
    approved in time, approved too late, rejected and pending proposals all occur."""
    assert one(
        con,
        "select count(*), min(iku), min(ikp) from (select opd_code, quarter, "
        "count(*) filter (where level = 'iku') iku, count(*) filter (where level = 'ikp') ikp "
        "from indikator group by all)",
    ) == (city.opds * 4, 1, 1)
    revisions = con.execute(
        "select r.status, r.decided_at <= last_day(make_date(r.year, 3 * r.quarter, 1)), "
        "i.level from revisi_target r "
        "join indikator i using (year, quarter, opd_code, indicator_code)"
    ).fetchall()
    assert {level for *_, level in revisions} <= {"iku", "ikp"}
    kinds = {(status, in_time) for status, in_time, _ in revisions}
    assert {("disetujui", True), ("disetujui", False), ("diajukan", None)} <= kinds
    assert any(status == "ditolak" for status, *_ in kinds)


def test_complaint_answers_span_holidays_and_miss_deadlines(con):
    """Offices answer on working days only, so complaints sent before Idul Fitri 2024 (cuti
    bersama 8–15 April) wait until after it; slow agencies take longer than 5 working days."""
    import holidays

    closed = set(holidays.country_holidays("ID", years=2024, categories=("public", "government")))
    answers = con.execute(
        "select submitted_at::date, first_response_at::date from pengaduan "
        "where first_response_at is not null"
    ).fetchall()
    # answered later than the day it came in: always on an office day
    assert [a for s, a in answers if a > s and (a.weekday() >= 5 or a in closed)] == []
    lebaran = [(s, a) for s, a in answers if s.isoformat() == "2024-04-05" and a > s]
    assert lebaran and all(a.isoformat() >= "2024-04-16" for _, a in lebaran)

    def workdays(start, end):
        days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
        return sum(d.weekday() < 5 and d not in closed for d in days)

    spans = [workdays(s, a) for s, a in answers]
    assert sum(span > 5 for span in spans) > len(spans) * 0.05
    assert sum(span <= 5 for span in spans) > len(spans) * 0.5
    categories = {c for (c,) in con.execute("select distinct category from pengaduan").fetchall()}
    assert {"Infrastruktur", "Kesehatan", "Pelayanan Publik"} <= categories


def test_city_inbox_ingests_without_errors(city, tmp_path):
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        result = ingest_inbox(city.out, connection, tmp_path / "archive")
        assert [f.describe() for f in result.findings if f.severity == "error"] == []
        assert result.rows_loaded == {d: n for d, n in city.rows.items()}
        archived = next((tmp_path / "archive" / "pengaduan").rglob("*.csv"))
        with archived.open(newline="") as handle:
            assert "nik" not in next(csv.reader(handle))


def test_small_province_has_unique_codes_across_regions(tmp_path):
    regions = (JAWA_TENGAH[0], KOTA_MAGELANG)
    scale = dataclasses.replace(
        SCALES["province"],
        regions=regions,
        sub_activities_per_opd=(4, 5),
        indicators_per_opd=(5, 6),
        complaints_per_opd=3,
    )
    summary = generate(tmp_path, scale=scale, years=(2024,))
    assert summary.regions == 2
    with (tmp_path / "opd" / "opd.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [r["opd_code"] for r in rows]
    assert len(codes) == len(set(codes)) == summary.opds
    per_region = {r.code: sum(c.startswith(r.code + ".") for c in codes) for r in regions}
    assert 40 <= per_region["33.01"] <= 48 and per_region["33.71"] == 40
    assert {r["region_name"] for r in rows} == {"Kabupaten Cilacap", "Kota Magelang"}


def test_scales_match_the_spec_sizes():
    national = SCALES["national"]
    assert len(national.regions) == 552 and len({r.code for r in national.regions}) == 552
    assert len(SCALES["province"].regions) == 27 and SCALES["city"].regions == (KOTA_MAGELANG,)
    # ~25 000 agencies × ~50 sub-activities × 12 months ≈ 15 million budget rows a year
    low, high = national.sub_activities_per_opd
    assert 13e6 < 552 * 44 * (low + high) / 2 * 12 < 17e6
    assert national.indicators_per_opd[0] >= 18
    with pytest.raises(ValueError, match="unknown scale"):
        generate(Path("unused"), scale="planet")


def test_cli_generate(tmp_path, capsys):
    assert main(["generate", "--out", str(tmp_path), "--years", "2025", "--seed", "3"]) == 0
    assert "40 OPD" in capsys.readouterr().out
    assert (tmp_path / "anggaran" / "anggaran_2025.csv").exists()
