"""The quarterly report (reports/quarterly.py) of a generated city published for two quarters,
looked at in headless Chromium (Debian's `chromium`, driven by Playwright), printed to PDF and
opened as a workbook; two agencies are named `<script>alert(1)</script>` and `=cmd`."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import openpyxl
import pytest
from playwright.sync_api import sync_playwright

from core.home import Home
from core.quarters import Quarter
from demo import generate
from rapor.cli import main
from rapor.runner import EXIT_PUBLISHED, run_quarter
from reports import quarterly
from reports.pdf import CHROMIUM_FLAGS, chromium_path
from reports.quarterly import write_quarterly_report
from tests.inbox_builder import query

# two whole pipeline runs: started first, so that the test workers finish together (conftest)
pytestmark = pytest.mark.slow

QUARTERS = (Quarter(2024, 1), Quarter(2024, 2))
SCRIPT_NAME = "<script>alert(1)</script>"
SCRIPT_OPD, FORMULA_OPD = "33.71.02", "33.71.03"


def _rename(opd_csv: Path, names: dict[str, str]) -> None:
    lines = opd_csv.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        fields = line.split(",")
        if fields[0] in names:
            fields[1], fields[3] = names[fields[0]], ""  # and no alias
            lines[i] = ",".join(fields)
    opd_csv.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("quarterly")
    inbox, home = root / "inbox", root / "home"
    generate(inbox, years=(2024,))
    _rename(inbox / "opd" / "opd.csv", {SCRIPT_OPD: SCRIPT_NAME, FORMULA_OPD: "=cmd"})
    outcomes = [run_quarter(home, inbox, quarter) for quarter in QUARTERS]
    for outcome in outcomes:
        assert outcome.exit_code == EXIT_PUBLISHED, outcome.errors
        assert outcome.quarterly_error == ""
    return Home(home), outcomes[-1].quarterly, outcomes[-1].run_id


def _ranking(home: Home, quarter: Quarter) -> list[tuple]:
    return query(
        home.published_db,
        "select opd_code, opd_name, index_score, rank from marts.opd_quarter_ranking "
        "where quarter_key = ? order by rank, opd_code",
        [quarter.key],
    )


@contextlib.contextmanager
def _browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


class _Watched:
    """A page that fails every request outside the report's folder and records the console's
    errors, the page's exceptions, the failed requests and any dialog (an `alert` that ran)."""

    def __init__(self, browser, folder: Path, width: int = 1280):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.problems: list[str] = []
        allowed = folder.resolve().as_uri()

        def route(request_route):
            url = request_route.request.url
            if url.startswith(allowed):
                request_route.continue_()
            else:
                self.problems.append(f"external request {url}")
                request_route.abort()

        self.page.route("**/*", route)
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed {r.url}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog {d.message}"), d.dismiss()))

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri(), wait_until="load")
        return self.page


def _column(page, table, index: int) -> list[str]:
    return table.locator("tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].dataset.sort)"
    )


def test_a_published_run_writes_the_report(published):
    home, report, _ = published
    folder = home.reports_dir / QUARTERS[-1].key
    assert report.index == folder / "index.html"
    assert report.workbook == folder / "rapor-2024-Q2.xlsx" and report.workbook.exists()
    assert report.pdf == folder / "rapor-2024-Q2.pdf" and report.pdf.exists()
    assert {p.name for p in (folder / "opd").iterdir()} == {
        f"{code}.html" for code, *_ in _ranking(home, QUARTERS[-1])
    }
    # the quality report of the run is kept beside it
    assert (folder / "quality.html").exists()
    assert (home.reports_dir / QUARTERS[0].key / "index.html").exists()


def test_a_run_the_schedule_or_the_ui_started_gets_its_report_from_the_sensor(published):
    import dagster as dg

    from orchestration.resources import RaporSettings
    from orchestration.sensors import quality_report_when_published

    home, report, run_id = published
    written = report.index.read_text(encoding="utf-8")
    shutil.rmtree(report.folder / "opd")
    for path in (report.index, report.workbook, report.pdf):
        path.unlink()
    with dg.DagsterInstance.from_config(str(home.dagster_home)) as instance:
        success = instance.all_logs(run_id, of_type=dg.DagsterEventType.RUN_SUCCESS)[0]
        context = dg.build_run_status_sensor_context(
            sensor_name="quality_report_when_published",
            dagster_event=success.get_dagster_event(),
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(run_id),
            resources={"rapor": RaporSettings(home=str(home.root), inbox=str(home.root))},
        )
        quality_report_when_published(context)
    assert report.index.read_text(encoding="utf-8") == written
    assert report.workbook.exists() and report.pdf.exists()
    assert len(list((report.folder / "opd").iterdir())) == len(report.cards)


def test_the_ranking_page_in_chromium(published, tmp_path):
    home, report, _ = published
    ranking = _ranking(home, QUARTERS[-1])
    with _browser() as browser:
        watched = _Watched(browser, report.folder)
        page = watched.open(report.index)
        table = page.locator("table.ranking")
        assert table.locator("tbody tr").count() == len(ranking)
        assert _column(page, table, 1) == [code for code, *_ in ranking]
        # the name is text, and the script never ran (no dialog)
        assert page.locator("table.ranking td", has_text=SCRIPT_NAME).count() == 1
        assert page.locator("table.ranking td", has_text="=cmd").count() == 1

        index_header = table.locator("th", has_text="Indeks")
        index_header.click()
        ascending = [float(v) for v in _column(page, table, 3)]
        assert ascending == sorted(float(i) for _, _, i, _ in ranking)
        index_header.click()
        assert [float(v) for v in _column(page, table, 3)] == ascending[::-1]
        table.locator("th", has_text="OPD").first.click()
        names = _column(page, table, 2)
        assert names != [name for _, name, _, _ in ranking] and len(names) == len(ranking)

        page.screenshot(path=str(tmp_path / "ranking-desktop.png"), full_page=True)
        phone = _Watched(browser, report.folder, width=390)
        phone.open(report.index).screenshot(path=str(tmp_path / "ranking-phone.png"))
        assert watched.problems == [] and phone.problems == []
    assert (tmp_path / "ranking-desktop.png").stat().st_size > 10_000


def test_a_card_in_chromium_links_to_the_trace_once_it_exists(published, tmp_path):
    home, report, _ = published
    card = report.folder / "opd" / f"{SCRIPT_OPD}.html"
    with _browser() as browser:
        watched = _Watched(browser, report.folder)
        page = watched.open(card)
        assert page.locator("h1").inner_text() == SCRIPT_NAME
        assert page.locator("a[href*='trace/']").count() == 0
        for heading in ("8 triwulan", "median kelompok", "Serapan anggaran", "Progres fisik"):
            assert page.get_by_text(heading).count() >= 1, heading
        assert page.locator("svg.chart").count() == 3
        page.screenshot(path=str(tmp_path / "card.png"), full_page=True)
        assert watched.problems == []

    trace = report.folder / "trace" / f"{SCRIPT_OPD}.html"
    trace.parent.mkdir(exist_ok=True)
    trace.write_text("<!doctype html><title>trace</title>", encoding="utf-8")
    try:
        write_quarterly_report(home, QUARTERS[-1], with_pdf=False)
        text = card.read_text(encoding="utf-8")
        assert f'href="../trace/{SCRIPT_OPD}.html"' in text
        # the trace belongs to its own writer: the report leaves it where it was
        assert trace.exists()
    finally:
        shutil.rmtree(trace.parent)
        write_quarterly_report(home, QUARTERS[-1])


def test_every_text_from_data_is_escaped_in_the_html(published):
    _, report, _ = published
    for page in (report.index, report.folder / "opd" / f"{SCRIPT_OPD}.html"):
        html = page.read_text(encoding="utf-8")
        assert SCRIPT_NAME not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_holds_the_ranking_then_every_card(published):
    home, report, _ = published
    ranking = _ranking(home, QUARTERS[-1])
    info = subprocess.run(
        ["pdfinfo", str(report.pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    # the ranking (at least one page), then one card of at least a page per OPD
    assert pages >= 1 + len(ranking)
    text = _pdf_text(report.pdf)
    assert "A4" in info or "595.276 x 841.89" in info
    assert text.index("Rapor Kinerja OPD") < text.index("Indikator di bawah target")
    assert SCRIPT_NAME in text and "=cmd" in text
    assert text.count("Skor komponen dibanding median kelompok") == len(ranking)


def test_the_workbook_keeps_numbers_as_numbers_and_names_as_text(published):
    home, report, _ = published
    ranking = _ranking(home, QUARTERS[-1])
    book = openpyxl.load_workbook(report.workbook)
    assert book.sheetnames == ["Peringkat", "Komponen"]
    sheet = book["Peringkat"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(ranking)
    by_code = {row[header.index("Kode (opd_code)")]: row for row in rows}
    for code, name, index, rank in ranking:
        row = by_code[code]
        assert row[header.index("OPD (opd_name)")] == name
        assert row[header.index("Indeks (index_score)")] == pytest.approx(float(index))
        assert row[header.index("Peringkat (rank)")] == rank
    formula = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == FORMULA_OPD)
    name_cell = formula[header.index("OPD (opd_name)")]
    assert name_cell.value == "=cmd" and name_cell.data_type == "s"
    assert isinstance(formula[header.index("Indeks (index_score)")].value, float)
    components = book["Komponen"]
    count = query(
        home.published_db,
        "select count(*) from marts.opd_quarter_component_scores where quarter_key = ?",
        [QUARTERS[-1].key],
    )[0][0]
    assert components.max_row - 1 == count


def test_rapor_report_in_english_and_at_a_version(published):
    home, _, _ = published
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(
            ["report", "--quarter", "2024-Q1", "--home", str(home.root), "--lang", "en",
             "--version", "1"]
        )  # fmt: skip
    assert code == 0, printed.getvalue()
    html = (home.reports_dir / "2024-Q1" / "index.html").read_text(encoding="utf-8")
    assert "Agency Performance Report" in html and "as of 31 March 2024" in html
    assert 'lang="en"' in html
    with contextlib.redirect_stderr(io.StringIO()) as errors:
        assert main(["report", "--quarter", "2024-Q1", "--home", str(home.root), "--version", "9"])
    assert "2024-Q1 version 9 is not published" in errors.getvalue()


def test_a_publication_of_two_regions_gets_an_overview_and_a_page_per_region(
    published, tmp_path, monkeypatch
):
    """The published file of the city, its second half moved to a region of its own; the main
    PDF printed in parts of one region each and joined."""
    monkeypatch.setattr(quarterly, "BOOK_PART_ROWS", 20)
    home, _, _ = published
    other = Home(tmp_path / "home")
    other.published_dir.mkdir(parents=True)
    shutil.copyfile(home.published_db, other.published_db)
    with duckdb.connect(str(other.published_db)) as con:
        con.execute(
            "update marts.opd_quarter_ranking set region_code = '33.08', rank_group = '33.08' "
            "where opd_code > '33.71.20'"
        )
        con.execute(
            "insert into marts.regions by name select quarter_key, '33.08' as region_code, "
            "'Kabupaten Magelang' as region_name, 20 as opd_count, 1 as rank_groups, "
            "publication_version from marts.regions where quarter_key = '2024-Q2'"
        )
    report = write_quarterly_report(other, QUARTERS[-1])
    overview = report.index.read_text(encoding="utf-8")
    assert "Kabupaten Magelang" in overview and "Kota Magelang" in overview
    assert 'href="regions/33.08.html"' in overview
    region = (report.folder / "regions" / "33.08.html").read_text(encoding="utf-8")
    assert region.count('<tr>\n  <td class="num"') == 20
    assert 'href="../opd/33.71.21.html"' in region
    card = (report.folder / "opd" / "33.71.21.html").read_text(encoding="utf-8")
    assert 'href="../regions/33.08.html"' in card
    # each region's PDF holds its ranking and its cards; the main one, every region's ranking
    region_pdf = _pdf_text(report.folder / "regions" / "33.08.pdf")
    assert region_pdf.count("Skor komponen dibanding median kelompok") == 20
    book = _pdf_text(report.pdf)
    assert "Kabupaten Magelang" in book and "Kota Magelang" in book
    assert "Skor komponen dibanding median kelompok" not in book
    overview = book.index("Ikhtisar wilayah")
    assert overview < book.index("— Kabupaten Magelang") < book.index("— Kota Magelang")
    assert list(report.folder.glob(".book-*")) == []


def test_the_main_pdf_is_cut_between_regions_at_the_row_bound(monkeypatch):
    monkeypatch.setattr(quarterly, "BOOK_PART_ROWS", 1500)
    sizes = (("a", 800), ("b", 700), ("c", 1), ("d", 1600))
    regions = [{"code": code, "opd_count": opd} for code, opd in sizes]
    parts = quarterly._book_parts(regions)
    assert [[r["code"] for r in part] for part in parts] == [["a", "b"], ["c"], ["d"]]


def test_the_report_reads_the_publication_only(published, tmp_path):
    """Without the working warehouse (nor the quality report) the ranking is the same."""
    home, report, _ = published
    other = Home(tmp_path / "home")
    other.published_dir.mkdir(parents=True)
    shutil.copyfile(home.published_db, other.published_db)
    copy = write_quarterly_report(other, QUARTERS[-1], with_pdf=False)
    assert not other.warehouse.exists()

    def ranking_table(page: Path) -> str:
        html = page.read_text(encoding="utf-8")
        return html[html.index('<table class="ranking') : html.index("</table>")]

    assert ranking_table(copy.index) == ranking_table(report.index)


def test_the_quality_gates_warnings_are_carried_to_the_ranking(published, tmp_path):
    home, _, _ = published
    other = Home(tmp_path / "home")
    other.published_dir.mkdir(parents=True)
    shutil.copyfile(home.published_db, other.published_db)
    folder = other.reports_dir / QUARTERS[-1].key
    folder.mkdir(parents=True)
    warned = {
        "rule": "exact_duplicate_row",
        "severity": "warning",
        "message": "baris ini muncul lebih dari sekali; dihitung sekali <b>",
        "failed_rows": 3,
    }
    failed = {**warned, "rule": "budget_negative", "severity": "error", "failed_rows": 0}
    ingest = {"rule": "value_too_long", "severity": "warning", "message": "isi sel terlalu panjang"}
    (folder / "quality.json").write_text(
        json.dumps({"rules": [warned, failed], "ingest_findings": [ingest, ingest]}),
        encoding="utf-8",
    )
    page = write_quarterly_report(other, QUARTERS[-1], with_pdf=False).index
    html = page.read_text(encoding="utf-8")
    # the rule's code is for the data team: in the tooltip, not in the sentence
    assert (
        '<li title="exact_duplicate_row">baris ini muncul lebih dari sekali; dihitung sekali '
        "&lt;b&gt; (3 baris)</li>"
    ) in html
    assert '<li title="value_too_long">isi sel terlalu panjang (2 baris)</li>' in html
    assert "budget_negative" not in html


# the components of the Magelang scheme (schemes/magelang.yml) and what a head of region reads
COMPONENT_CODES = ("budget_absorption", "physical_progress", "indicator_achievement", "p3dn")
COMPONENT_LABELS = (
    "Serapan anggaran",
    "Realisasi fisik",
    "Capaian indikator",
    "Penggunaan produk dalam negeri (P3DN)",
)


def _texts(html: str) -> list[str]:
    """The page's texts and tooltips, one per element (attribute values are not text)."""
    return [text.strip() for text in re.findall(r">([^<]+)<", html)]


def test_the_pages_show_the_components_by_name_never_by_code(published):
    _, report, _ = published
    index = report.index.read_text(encoding="utf-8")
    card = (report.folder / "opd" / f"{SCRIPT_OPD}.html").read_text(encoding="utf-8")
    for page in (index, card):
        for text in _texts(page):
            # a file's name may hold a code (p3dn/p3dn_2024.csv); a cell, a tooltip never
            assert not any(text == c or text.startswith(f"{c}:") for c in COMPONENT_CODES), text
    legend = index[
        index.index('<div class="legend">') : index.index(
            "</div>", index.index('<div class="legend">')
        )
    ]
    assert all(label in legend for label in COMPONENT_LABELS)
    # a bar's segment names its component and writes its weighted score the Indonesian way
    assert re.search(r"<title>Capaian indikator: \d+,\d\d</title></rect>", index)
    assert all(f"<tr><td>{label}" in card for label in COMPONENT_LABELS)
    assert "<b>hijau</b>" not in card and 'class="zone zone-' in card


def test_the_card_in_english_names_components_zones_and_predicates_in_english(published, tmp_path):
    home, _, _ = published
    other = Home(tmp_path / "home")
    other.published_dir.mkdir(parents=True)
    shutil.copyfile(home.published_db, other.published_db)
    report = write_quarterly_report(other, QUARTERS[-1], lang="en", with_pdf=False)
    card = (report.folder / "opd" / f"{SCRIPT_OPD}.html").read_text(encoding="utf-8")
    assert "<tr><td>Budget absorption" in card and "Domestic products (P3DN)" in card
    zone, predicate = query(
        other.published_db,
        "select zone, predicate from marts.opd_quarter_ranking "
        "where quarter_key = ? and opd_code = ?",
        [QUARTERS[-1].key, SCRIPT_OPD],
    )[0]
    english = {"hijau": "green", "kuning": "yellow", "merah": "red"}[zone]
    assert f">{english}</span>" in card
    assert f'<b class="words">{predicate} (' in card  # the SAKIP predicate with its meaning
    assert "Q1</text>" in card and "Q4</text>" in card and "TW 1" not in card


def test_the_absorption_targets_mart_publishes_the_schemes_whole_curve(published):
    home, _, _ = published
    # schemes/magelang.yml: budget_absorption.target_pct {1: 15, 2: 40, 3: 65, 4: 95}, for
    # every quarter built, Q1 included
    for quarter in QUARTERS:
        assert query(
            home.published_db,
            "select quarter_of_year, target_pct from marts.absorption_targets "
            "where quarter_key = ? order by quarter_of_year",
            [quarter.key],
        ) == [(1, 15.0), (2, 40.0), (3, 65.0), (4, 95.0)]
    # the target the measure scored against is the curve's value of its quarter
    assert query(
        home.published_db,
        "select distinct b.target_pct from marts.budget_absorption as b "
        "inner join marts.absorption_targets as t on t.quarter_key = b.quarter_key "
        "and t.quarter_of_year = 2 where b.quarter_key = ?",
        [QUARTERS[-1].key],
    ) == [(40.0,)]


def test_the_card_draws_the_absorption_of_the_year_so_far_against_the_whole_curve(published):
    _, report, _ = published
    card = (report.folder / "opd" / f"{SCRIPT_OPD}.html").read_text(encoding="utf-8")
    chart = card[card.index("Serapan anggaran dibanding") :]
    chart = chart[chart.index("<svg") : chart.index("</svg>")]
    # Q2 published: the OPD's Q1 and Q2 absorption, the scheme's Q1 to Q4 targets
    assert chart.count('<circle class="spent"') == 2
    assert chart.count('<circle class="target"') == 4
    for target in ("15,00%", "40,00%", "65,00%", "95,00%"):
        assert f": {target}</title>" in chart
    for quarter in (1, 2, 3, 4):
        assert f"TW {quarter}</text>" in chart


def test_a_card_without_a_trace_lists_the_raw_lines_behind_each_component(published):
    home, report, _ = published
    card = (report.folder / "opd" / f"{SCRIPT_OPD}.html").read_text(encoding="utf-8")
    rows = query(
        home.published_db,
        "select component, source_file_name, list(source_line order by source_line) "
        "filter (is_counted), count(*) filter (not is_counted) from marts.measure_lineage "
        "where quarter_key = ? and opd_code = ? group by all",
        [QUARTERS[-1].key, SCRIPT_OPD],
    )
    table = card[card.index('<table class="raw-lines">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr><td>") == len(rows)
    p3dn = next(r for r in rows if r[0] == "p3dn")
    assert p3dn[2] == [p3dn[2][0]]  # one P3DN line a quarter, by the generator
    assert f"1 baris dihitung: {p3dn[2][0]}" in table
    budget = next(r for r in rows if r[0] == "budget_absorption")
    assert f"{budget[3]} baris lain diperiksa, tidak dihitung" in table
