"""Pure helpers, without Dagster or dbt: quarters, scheme validation, header matching."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from core.contract import DATASETS
from core.quarters import Quarter
from core.scheme import Scheme, load_scheme
from core.scheme_tables import scheme_tables
from ingest.headers import match_headers, normalize_header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-Q3", Quarter(2024, 3)),
        ("2024-q1", Quarter(2024, 1)),
        ("2024-10-01", Quarter(2024, 4)),
    ],
)
def test_quarter_parse(text, expected):
    assert Quarter.parse(text) == expected


@pytest.mark.parametrize("text", ["2024-Q5", "2024-02-01", "Q3", "2024-07-02"])
def test_quarter_parse_rejects(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


def test_quarter_bounds_are_half_open():
    q4 = Quarter(2024, 4)
    assert (q4.first_month, q4.last_month) == (10, 12)
    assert q4.start == dt.date(2024, 10, 1)
    assert q4.end_exclusive == dt.date(2025, 1, 1)
    assert q4.last_day == dt.date(2024, 12, 31)
    assert q4.partition_key == "2024-Q4" and q4.next() == Quarter(2025, 1)


def test_the_quarter_dbt_builds_is_one_row_of_the_warehouse(tmp_path):
    from core.warehouse import connect
    from ingest.build_quarter import set_build_quarter

    with connect(tmp_path / "w.duckdb") as con:
        set_build_quarter(con, Quarter(2024, 1))
        set_build_quarter(con, Quarter(2025, 2))
        rows = con.execute("select * from raw.build_quarter").fetchall()
    assert rows == [
        ("2025-Q2", 2025, 2, dt.date(2025, 4, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1), 4, 6)
    ]


def _magelang() -> dict:
    return yaml.safe_load(load_scheme("magelang").path.read_text())


def test_shipped_magelang_scheme_validates():
    loaded = load_scheme("magelang")
    assert [c.weight for c in loaded.scheme.components] == [20, 20, 50, 10]
    tables = scheme_tables(loaded, Quarter(2024, 3))
    assert tables["scheme_parameters"][0]["absorption_target_pct"] == 65
    assert tables["scheme_parameters"][0]["indicator_levels"] == "program"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["components"][0].update(weight=25), "sum to 100"),
        (lambda s: s["components"].__setitem__(1, dict(s["components"][0])), "unique"),
        (lambda s: s["components"][0].update(measure="unknown"), "measure"),
        (
            lambda s: s["budget_absorption"].update(target_pct={1: 50, 2: 40, 3: 65, 4: 95}),
            "must not decrease",
        ),
        (lambda s: s["zones"].reverse(), "highest threshold"),
        (lambda s: s.update(surprise=1), "surprise"),
    ],
)
def test_invalid_schemes_are_rejected_with_a_clear_message(change, message):
    document = _magelang()
    change(document)
    with pytest.raises(ValidationError, match=message):
        Scheme.model_validate(document)


def test_headers_match_aliases_case_and_separators():
    assert normalize_header("  Kode_SKPD ") == normalize_header("kode skpd") == "kode_skpd"
    mapping, missing = match_headers(
        DATASETS["anggaran"],
        ["Tahun", "Bulan", "KODE SKPD", "Kode Sub Kegiatan", "Pagu Anggaran", "Realisasi"],
    )
    assert mapping["opd_code"] == "KODE SKPD" and mapping["budget"] == "Pagu Anggaran"
    assert mapping["realization_month"] == "Realisasi"
    assert missing == []


def test_missing_required_columns_are_listed():
    _, missing = match_headers(DATASETS["p3dn"], ["tahun", "triwulan", "kode_opd"])
    assert missing == ["procurement_total", "domestic_total"]
