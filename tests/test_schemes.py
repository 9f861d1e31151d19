"""Scheme files (docs/methodology.md#the-shipped-schemes): the shipped ones validate, a broken
one is rejected before any run with a message that says what to fix, and the published JSON
Schema is the model's own."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from core.dbt_project import DBT_PROJECT_DIR
from core.quarters import Quarter
from core.scheme import (
    JSON_SCHEMA_PATH,
    SCHEMES_DIR,
    Column,
    Scheme,
    json_schema,
    load_scheme,
    non_working_days,
)
from core.scheme_tables import DBT_YAML_PATH, SCHEME_TABLES, SchemeTable, dbt_yaml, scheme_tables
from ingest.scheme_tables import write_scheme

BANYUWANGI_COMPONENTS = [
    "pengawasan",
    "perencanaan_pengendalian",
    "pelaporan_kinerja",
    "pengelolaan_anggaran_bmd",
    "inovasi",
    "pengadaan_barang_jasa",
]


def test_every_shipped_scheme_validates():
    assert sorted(p.stem for p in SCHEMES_DIR.glob("*.yml")) == ["banyuwangi", "bekasi", "magelang"]
    for path in SCHEMES_DIR.glob("*.yml"):
        assert load_scheme(path.stem).scheme.name == path.stem


def test_banyuwangi_six_assessed_components_of_equal_weight():
    scheme = load_scheme("banyuwangi").scheme
    assert [c.code for c in scheme.components] == BANYUWANGI_COMPONENTS
    assert {c.measure for c in scheme.components} == {"assessed"}
    assert [c.weight for c in scheme.components] == pytest.approx([100 / 6] * 6)
    assert (scheme.consequences.top_n, scheme.consequences.bottom_n) == (5, 5)
    assert scheme.consequences.reward_labels == ["+15% TPP"]
    assert scheme.consequences.sanction_labels == ["−15% TPP"]


def test_bekasi_indicators_budget_complaints_and_kecamatan_apart():
    scheme = load_scheme("bekasi").scheme
    assert [(c.measure, c.weight) for c in scheme.components] == [
        ("indicator_achievement", 50),
        ("budget_absorption", 30),
        ("complaint_response", 20),
    ]
    assert scheme.indicator_achievement.levels == ["iku", "ikp"]
    assert scheme.ranking.separate_types == ["kecamatan"]
    assert scheme.complaint_response.sla_workdays == 5
    assert (scheme.consequences.top_n, scheme.consequences.bottom_n) == (3, 3)
    assert scheme.consequences.reward_labels == ["penghargaan"]
    assert scheme.consequences.sanction_labels == ["pendampingan khusus"]


def test_defaults_of_the_spec():
    scheme = Scheme.model_validate(
        {"name": "minimal", "components": [{"code": "nilai", "measure": "assessed"}]}
    )
    assert scheme.components[0].weight == 100
    assert scheme.complaint_response.sla_workdays == 5
    assert scheme.complaint_response.no_complaints == "full"
    assert scheme.ranking.tie_breakers == []
    assert (scheme.rank_uncertainty.perturbation_pct, scheme.rank_uncertainty.draws) == (20, 1000)
    assert scheme.audit_plan.capacity is None
    assert (scheme.audit_plan.budget_weight, scheme.audit_plan.performance_weight) == (50, 50)


def _bekasi() -> dict:
    return yaml.safe_load(load_scheme("bekasi").path.read_text())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["components"][0].update(weight=55), "must sum to 100, they sum to 105"),
        (lambda s: s["components"][0].pop("weight"), "every component, or to none"),
        (lambda s: s["components"][2].update(measure="complaints"), "complaint_response"),
        (lambda s: s["components"][0].update(code="Indikator Kinerja"), "pattern"),
        (lambda s: s["ranking"].update(tie_breakers=["inovasi"]), "unknown component codes"),
        (lambda s: s["ranking"].update(separate_types=["kelurahan"]), "kecamatan"),
        (lambda s: s["ranking"].update(tie_breakers=["budget_absorption"] * 2), "must not repeat"),
        (
            lambda s: s.update(
                zones=[{"zone": "a", "min_score": 0}, {"zone": "b", "min_score": 50}]
            ),
            "highest threshold",
        ),
        (lambda s: s.update(zones=[{"zone": "a", "min_score": 50}]), "start at 0"),
        (
            lambda s: s.update(
                predicates=[{"predicate": "A", "above": 50}, {"predicate": "B", "above": 80}]
            ),
            "highest bound",
        ),
        (lambda s: s["complaint_response"].update(sla_workdays=0), "greater than or equal to 1"),
        (lambda s: s["complaint_response"].update(no_complaints="zero"), "'full' or 'exclude'"),
        (
            lambda s: s["complaint_response"].update(sla_workdays_by_category={"A": 5, " a": 6}),
            "distinct ignoring case",
        ),
        (lambda s: s["complaint_response"].update(regional_holidays=["31 Juni 2024"]), "date"),
        (lambda s: s.update(rank_uncertainty={"perturbation_pct": 120}), "less than 100"),
        (lambda s: s.update(rank_uncertainty={"draws": 5}), "greater than or equal to 10"),
        (lambda s: s.update(audit_plan={"budget_weight": 70}), "must be 100, they sum to 120"),
        (lambda s: s.update(audit_plan={"capacity": 0}), "greater than or equal to 1"),
        (lambda s: s["indicator_achievement"].update(cap=90), "greater than or equal to 100"),
        (lambda s: s["indicator_achievement"].update(levels=["iku", "sasaran"]), "ikp"),
        (lambda s: s["consequences"].update(top_n=-1), "greater than or equal to 0"),
        (lambda s: s["consequences"].update(reward_labels=[]), "at least one reward"),
        (lambda s: s.update(surprise=1), "surprise"),
    ],
)
def test_invalid_schemes_are_rejected_with_a_clear_message(change, message):
    document = _bekasi()
    change(document)
    with pytest.raises(ValidationError, match=message):
        Scheme.model_validate(document)


def test_a_broken_scheme_stops_the_run_before_anything_is_read(tmp_path):
    from rapor.cli import main

    broken = _bekasi()
    broken["components"][0]["weight"] = 40
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(broken))
    home = tmp_path / "home"
    assert (
        main(
            [
                "run",
                "--inbox",
                str(tmp_path / "inbox"),
                "--quarter",
                "2024-Q1",
                "--home",
                str(home),
                "--scheme",
                str(path),
            ]
        )
        == 1
    )
    assert not home.exists()


def test_the_published_json_schema_is_the_models():
    """docs/scheme.schema.json never drifts from core.scheme.Scheme (regenerate it with
    `python -m core.scheme_tables`)."""
    assert JSON_SCHEMA_PATH.read_text(encoding="utf-8") == json_schema()
    document = json.loads(json_schema())
    assert document["additionalProperties"] is False
    assert set(document["required"]) == {"name", "components"}
    assert document["$defs"]["Component"]["required"] == ["code", "measure"]


def test_the_json_schema_accepts_the_shipped_schemes():
    """What a region can check with any JSON Schema validator: the shipped files pass."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(json_schema()))
    for path in SCHEMES_DIR.glob("*.yml"):
        document = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert list(validator.iter_errors(document)) == [], path.name


def test_working_day_calendar_of_the_quarter():
    """2024: Idul Fitri 10–11 April with cuti bersama 8, 9, 12 and 15 April; the scheme's regional
    holiday is added; the calendar covers the quarter's year and the next."""
    document = _bekasi()
    document["complaint_response"]["regional_holidays"] = ["2024-08-15"]
    scheme = Scheme.model_validate(document)
    days = {day: (kind, name) for day, kind, name in non_working_days(scheme, [2024, 2025])}
    assert days[dt.date(2024, 4, 10)][0] == "national"
    assert days[dt.date(2024, 4, 8)] == ("cuti_bersama", "Cuti Bersama Hari Raya Idul Fitri")
    assert days[dt.date(2024, 8, 15)] == ("regional", "libur daerah")
    assert days[dt.date(2024, 8, 17)][0] == "national"
    assert min(days).year == 2024 and max(days).year == 2025


def test_scheme_tables_are_written_for_the_quarter(tmp_path):
    import duckdb

    loaded = load_scheme("bekasi")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        write_scheme(con, loaded, Quarter(2024, 2))
        write_scheme(con, loaded, Quarter(2024, 2))  # idempotent
        counts = {
            table.name: con.execute(f"select count(*) from raw.{table.name}").fetchone()[0]
            for table in SCHEME_TABLES
        }
        sla = con.execute("select category, sla_workdays from raw.scheme_complaint_sla").fetchall()
        tie = con.execute(
            "select component from raw.scheme_tie_breakers order by position"
        ).fetchall()
    tables = scheme_tables(loaded, Quarter(2024, 2))
    assert counts == {table: len(rows) for table, rows in tables.items()}
    assert sorted(sla) == [("bencana alam", 60), ("infrastruktur", 14)]
    assert tie == [("indicator_achievement",), ("complaint_response",)]


def test_a_table_of_an_older_declaration_is_replaced(tmp_path):
    """A parameter added since a home's last run: the table gets the new column (the rows of the
    other quarters go with the old table, each quarter's build writes its own again); quarters
    written under the same declaration keep their rows."""
    import duckdb

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("create schema raw")
        con.execute("create table raw.scheme_zones (quarter_key varchar, zone varchar)")
        con.execute("insert into raw.scheme_zones values ('2023-Q4', 'hijau')")
        write_scheme(con, load_scheme("bekasi"), Quarter(2024, 2))
        write_scheme(con, load_scheme("bekasi"), Quarter(2024, 3))
        columns = con.execute(
            "select column_name from information_schema.columns "
            "where table_name = 'scheme_zones' order by ordinal_position"
        ).fetchall()
        quarters = con.execute(
            "select distinct quarter_key from raw.scheme_zones order by quarter_key"
        ).fetchall()
    assert columns == [("quarter_key",), ("zone",), ("min_score",)]
    assert quarters == [("2024-Q2",), ("2024-Q3",)]


def test_the_staging_scheme_yaml_is_the_models():
    """The dbt docs and data tests of the stg_scheme__* models are generated from core/scheme.py
    (regenerate with `python -m core.scheme_tables`): the field's description documents the
    column, its bounds and literal values are tested."""
    assert DBT_YAML_PATH.read_text(encoding="utf-8") == dbt_yaml(), (
        f"{DBT_YAML_PATH} is stale: run python -m core.scheme_tables"
    )
    models = {m["name"]: m for m in yaml.safe_load(dbt_yaml())["models"]}
    parameters = {c["name"]: c for c in models["stg_scheme__parameters"]["columns"]}
    assert parameters["indicator_cap"]["description"].startswith("Cap on an indicator's")
    (rules,) = [
        t["column_values"]["arguments"]
        for t in models["stg_scheme__parameters"]["data_tests"]
        if "column_values" in t
    ]
    assert rules["between"]["indicator_cap"] == {"min_value": 100, "max_value": 1000}
    assert rules["between"]["uncertainty_seed"] == {"min_value": 0}
    assert rules["accepted"]["no_complaints"] == ["full", "exclude"]
    # one row of parameters per quarter; the components', one per quarter and component
    assert rules["unique"] == ["quarter_key"]
    (component_rules,) = [
        t["column_values"]["arguments"] for t in models["stg_scheme__components"]["data_tests"]
    ]
    assert component_rules["unique"] == ["quarter_key", "component"]
    assert "quarter_key" in rules["not_null"] and "audit_capacity" not in rules["not_null"]


def test_every_scheme_table_has_its_source_and_its_staging_model():
    """A table added to core/scheme_tables.py needs a source table and a staging model, both
    without columns: a parameter added (a column) touches neither."""
    sources = yaml.safe_load((DBT_PROJECT_DIR / "models" / "staging" / "_sources.yml").read_text())
    (scheme,) = [s for s in sources["sources"] if s["name"] == "scheme"]
    assert [t["name"] for t in scheme["tables"]] == [t.name for t in SCHEME_TABLES] + [
        "build_quarter"
    ]
    for table in SCHEME_TABLES:
        model = DBT_YAML_PATH.parent / f"{table.staging_model}.sql"
        assert f"{{{{ scheme_rows('{table.name}') }}}}" in model.read_text(), model


def test_a_column_without_a_description_is_refused():
    class Undocumented(BaseModel):
        cap: Annotated[float, Column("cap")] = 100

    table = SchemeTable("scheme_x", "x", (), rows=lambda _loaded, _quarter: [], model=Undocumented)
    with pytest.raises(ValueError, match=r"scheme field cap \(column cap\) needs a description"):
        _ = table.columns


def test_coverage_knows_what_every_measure_needs():
    """Every measure a scheme may name either has its dataset in the coverage suite or is
    declared as needing no rows (a new measure cannot be forgotten)."""
    from typing import get_args

    from core.scheme import Measure
    from data_quality.suites.coverage import EVIDENCE, NO_ROWS_NEEDED

    assert set(EVIDENCE) | set(NO_ROWS_NEEDED) == set(get_args(Measure))
    assert not set(EVIDENCE) & set(NO_ROWS_NEEDED)
    assert {m: d for m, (d, *_) in EVIDENCE.items()} == {
        "budget_absorption": "anggaran",
        "physical_progress": "fisik",
        "indicator_achievement": "indikator",
        "p3dn_usage": "p3dn",
        "assessed": "komponen",
    }
