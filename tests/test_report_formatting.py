"""Indonesian (default) and English formatting of the quarterly report (reports/formatting.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.messages import code_label
from reports.formatting import date, movement, number, percent, rupiah


def test_numbers_are_written_the_indonesian_way_by_default():
    assert number(1234567.891, "id") == "1.234.567,89"
    assert number(Decimal("94.55"), "id") == "94,55"
    assert number(94.555, "id") == "94,56"  # half away from zero, as the published index
    assert number(1234567.891, "en") == "1,234,567.89"
    assert number(None, "id") == ""
    assert percent(40.0, "id", 1) == "40,0%"


def test_rupiah_are_whole_and_without_a_space():
    assert rupiah(5_000_000, "id") == "Rp5.000.000"
    assert rupiah(Decimal("21581405701.83"), "id") == "Rp21.581.405.702"
    assert rupiah(5_000_000, "en") == "Rp5,000,000"
    assert rupiah(-1500, "id") == "-Rp1.500"


def test_dates_name_the_month():
    assert date(dt.date(2025, 6, 30), "id") == "30 Juni 2025"
    assert date(dt.datetime(2025, 3, 1, 10, 5), "en") == "1 March 2025"


def test_movement_since_the_previous_quarter():
    assert movement(2, 5) == ("▲ 3", "up")
    assert movement(4, 3) == ("▼ 1", "down")
    assert movement(7, 7) == ("=", "same")
    assert movement(1, None) == ("", "new")


def test_a_schemes_codes_are_shown_as_words_in_the_readers_language():
    assert code_label("component", "budget_absorption") == "Serapan anggaran"
    assert code_label("component", "budget_absorption", "en") == "Budget absorption"
    assert code_label("component", "pengadaan_barang_jasa", "en") == "Procurement"
    assert code_label("zone", "kuning", "en") == "yellow"
    assert code_label("predicate", "BB") == "BB (sangat baik)"
    # a region's own codes: readable, never an error
    assert code_label("component", "kepatuhan_lhkpn") == "Kepatuhan lhkpn"
    assert code_label("zone", "biru") == "biru"
    assert code_label("predicate", None) == ""
