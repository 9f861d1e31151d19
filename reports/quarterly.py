"""The quarterly report of a published quarter, written to `<home>/reports/<quarter>/`:
`index.html` (the ranking), one card per OPD under `opd/`, `rapor-<quarter>.xlsx` and
`rapor-<quarter>.pdf` (the ranking, then every card). With several regions, `index.html` is an
overview of the regions, each region has its ranking page and its PDF (ranking and cards) under
`regions/`, and `rapor-<quarter>.pdf` holds the overview and every region's ranking.

Everything shown is read from the publication (reports/report_data.py); the pages are Jinja2
templates with autoescape, their charts inline SVG (reports/charts.py), their one script inline:
a page makes no request."""

from __future__ import annotations

import shutil
import statistics
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from core.home import Home, file_name
from core.messages import DEFAULT_LANG, Lang, code_label, label
from core.quarters import Quarter
from reports import charts, formatting
from reports.pdf import PrintJob, join_pdfs, print_pdfs
from reports.report_data import ReportData, read_report_data
from reports.workbook import write_workbook

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class QuarterlyReport:
    folder: Path
    index: Path
    cards: tuple[Path, ...]
    workbook: Path
    pdf: Path | None


def _by_opd(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["opd_code"], []).append(row)
    return grouped


RAW_LINES_SHOWN = 40


def _lines(lines: list[int]) -> str:
    """Line numbers as runs (`3–7, 12, 15–16`), the first RAW_LINES_SHOWN runs only."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    shown = [f"{a}–{b}" if b > a else str(a) for a, b in runs[:RAW_LINES_SHOWN]]
    return ", ".join(shown) + (" …" if len(runs) > RAW_LINES_SHOWN else "")


class _Views:
    """The data of the report turned into what the templates show, in one language."""

    def __init__(self, data: ReportData, lang: Lang, home: Home):
        self.data, self.lang, self.home = data, lang, home
        self.t: Callable[..., str] = lambda key, **kw: label(key, lang, **kw)
        self.multi_region = len(data.regions) > 1
        order: dict[str, int] = {}
        for c in data.components:
            order[c["component"]] = min(order.get(c["component"], c["position"]), c["position"])
        self.component_names = sorted(order, key=lambda name: (order[name], name))
        self.component_order = {name: i for i, name in enumerate(self.component_names)}
        self.component_labels = [code_label("component", n, lang) for n in self.component_names]
        self.components_by_opd = _by_opd(data.components)
        self.history_by_opd = _by_opd(data.history)
        self.indicators_by_opd = _by_opd(data.indicators_under_target)
        self.revisions_by_opd = _by_opd(data.revisions)
        self.absorption_by_opd = _by_opd(data.absorption)
        self.raw_lines_by_opd = _by_opd(data.raw_lines)
        self.ranking_by_region: dict[str, list[dict]] = {}
        for row in data.ranking:
            self.ranking_by_region.setdefault(row["region_code"], []).append(row)

    def num(self, value, decimals: int = 2) -> str:
        return formatting.number(value, self.lang, decimals)

    def pct(self, value, decimals: int = 2) -> str:
        return formatting.percent(value, self.lang, decimals)

    def quarter_title(self, quarter: Quarter) -> str:
        return self.t(
            "quarter",
            roman=formatting.ROMAN[quarter.quarter - 1],
            quarter=quarter.quarter,
            year=quarter.year,
        )

    def meta(self) -> dict:
        p = self.data.publication
        return {
            "quarter": self.quarter_title(self.data.quarter),
            "as_of": self.t("as_of", date=formatting.date(self.data.quarter.last_day, self.lang)),
            "scheme_name": p.scheme_name,
            "scheme_sha256": p.scheme_sha256,
            "version": p.version,
            "code_version": p.code_version,
            "published_at": formatting.date(p.published_at, self.lang),
            "reason": p.reason,
            "xlsx": f"rapor-{self.data.quarter.key}.xlsx",
            "pdf": f"rapor-{self.data.quarter.key}.pdf",
        }

    def absorption_chart(self, absorption: list[dict]):
        """The OPD's absorption of the year's quarters so far against the scheme's whole curve;
        a publication older than the `absorption_targets` mart has the target of each quarter
        published so far only."""
        spent = {Quarter.parse(a["quarter_key"]).quarter: a["absorption_pct"] for a in absorption}
        targets = self.data.absorption_targets or {
            Quarter.parse(a["quarter_key"]).quarter: a["target_pct"] for a in absorption
        }
        return charts.absorption_chart(
            spent,
            targets,
            (self.t("absorption_pct"), self.t("absorption_target")),
            [self.t("quarter_short", quarter=q) for q in (1, 2, 3, 4)],
            self.pct,
        )

    def consequence(self, row: dict) -> str:
        if row["consequence"] == "none":
            return self.t("none")
        word = self.t(row["consequence"])
        return f"{word}: {row['consequence_label']}" if row["consequence_label"] else word

    def row(self, row: dict, card_prefix: str) -> dict:
        shown, kind = formatting.movement(row["rank"], row["previous_rank"])
        components = {c["component"]: c for c in self.components_by_opd.get(row["opd_code"], [])}
        interval = ""
        if row["rank_p05"] is not None:
            interval = f"{row['rank_p05']}–{row['rank_p95']}"
        return {
            "rank": row["rank"],
            "group_size": row["group_size"],
            "code": row["opd_code"],
            "name": row["opd_name"],
            "index": float(row["index_score"]),
            "index_text": self.num(row["index_score"]),
            "zone": row["zone"],
            "zone_text": code_label("zone", row["zone"], self.lang),
            "zone_colour": charts.zone_colour(row["zone"]),
            "predicate": row["predicate"],
            "predicate_text": code_label("predicate", row["predicate"], self.lang),
            "consequence": row["consequence"],
            "consequence_text": self.consequence(row),
            "is_boundary_tie": row["is_boundary_tie"],
            "movement": shown or self.t("new"),
            "movement_kind": kind,
            "movement_sort": (row["previous_rank"] - row["rank"])
            if row["previous_rank"] is not None
            else -10_000,
            "interval": interval,
            "interval_sort": row["rank_p95"] if row["rank_p95"] is not None else 0,
            "uncertain": bool(row["is_consequence_uncertain"]),
            "card": f"{card_prefix}{file_name(row['opd_code'])}.html",
            "weighted": [
                {
                    "text": self.num(components[n]["weighted_score"])
                    if n in components and components[n]["weighted_score"] is not None
                    else "",
                    "sort": components[n]["weighted_score"] or 0 if n in components else 0,
                }
                for n in self.component_names
            ],
        }

    def region(self, region: dict, card_prefix: str) -> dict:
        rows = self.ranking_by_region.get(region["region_code"], [])
        groups = []
        for group in sorted({r["rank_group"] for r in rows}):
            members = [self.row(r, card_prefix) for r in rows if r["rank_group"] == group]
            bars = [
                charts.Bar(
                    label=f"{m['rank']}. {m['name']}",
                    title=f"{m['code']} {m['name']}",
                    zone=m["zone"],
                    value_text=m["index_text"],
                    segments=[
                        charts.Segment(
                            c["component"],
                            c["weighted_score"] or 0,
                            f"{code_label('component', c['component'], self.lang)}: "
                            f"{self.num(c['weighted_score'] or 0)}",
                        )
                        for c in self.components_by_opd.get(m["code"], [])
                    ],
                    href=m["card"],
                )
                for m in members
            ]
            groups.append(
                {
                    "name": group,
                    "rows": members,
                    "bars": charts.ranking_bars(bars, self.component_names),
                    "bars_compact": charts.ranking_bars(bars, self.component_names, compact=True),
                    "ties": [m for m in members if m["is_boundary_tie"]],
                    "uncertain": [m for m in members if m["uncertain"]],
                }
            )
        indices = [float(r["index_score"]) for r in rows]
        best = min(rows, key=lambda r: (r["rank"], r["opd_code"])) if rows else None
        return {
            "code": region["region_code"],
            "name": region["region_name"],
            "page": f"regions/{file_name(region['region_code'])}.html",
            "pdf": f"regions/{file_name(region['region_code'])}.pdf",
            "opd_count": len(rows),
            "mean_index": self.num(statistics.fmean(indices)) if indices else "",
            "mean_index_sort": statistics.fmean(indices) if indices else 0,
            "best": best["opd_name"] if best else "",
            "groups": groups,
            "show_groups": len(groups) > 1,
            "legend": charts.component_legend(self.component_labels),
            "component_labels": self.component_labels,
        }

    def card(self, row: dict, back: str) -> dict:
        code = row["opd_code"]
        history = self.history_by_opd.get(code, [])
        for h in history:
            h["index_text"] = self.num(h["index_score"])
            quarter = Quarter.parse(h["quarter_key"])
            h["quarter_text"] = self.t(
                "quarter_axis",
                roman=formatting.ROMAN[quarter.quarter - 1],
                quarter=quarter.quarter,
            )
            h["year_text"] = str(quarter.year)
        components = [
            {
                "component": c["component"],
                "label": code_label("component", c["component"], self.lang),
                "score": c["score"],
                "score_text": self.num(c["score"]) if c["score"] is not None else "",
                "weight_text": self.num(c["weight"]),
                "weighted_text": self.num(c["weighted_score"]),
                "group_median": c["group_median"],
                "median_text": self.num(c["group_median"]),
                "excluded": c["is_excluded"],
            }
            for c in self.components_by_opd.get(code, [])
        ]
        revisions = self.revisions_by_opd.get(code, [])
        indicators = [
            {
                "code": i["indicator_code"],
                "name": i["indicator_name"],
                "unit": i["unit"],
                "target": self.num(i["target"]),
                "original_target": self.num(i["original_target"]),
                "realization": self.num(i["realization"])
                if i["realization"] is not None
                else self.t("unreported"),
                "achievement": self.pct(i["achievement_pct"]),
                "source": self.t(i["target_source"]),
                "rejected": [
                    f"{self.t(r['status'])}: {self.num(r['proposed_target'])}"
                    for r in revisions
                    if r["indicator_code"] == i["indicator_code"] and r["status"] != "disetujui"
                ],
                "line": f"{i['source_file_name']}"
                + (f" [{i['source_sheet']}]" if i["source_sheet"] else "")
                + f" : {i['source_line']}",
            }
            for i in self.indicators_by_opd.get(code, [])
        ]
        absorption = self.absorption_by_opd.get(code, [])
        current_absorption = next(
            (a for a in absorption if a["quarter_key"] == self.data.quarter.key), None
        )
        physical = self.data.physical.get(code)
        complaints = self.data.complaints.get(code)
        audit = self.data.audit.get(code)
        trace = self.home.trace_page(self.data.quarter.key, code)
        return {
            "code": code,
            "name": row["opd_name"],
            "back": back,
            "row": self.row(row, ""),
            "history": charts.history_chart(history, self.t("chart_index")),
            "components": components,
            "components_chart": charts.score_vs_median(components, self.t("median")),
            "indicators": indicators,
            "revisions": [
                {
                    "indicator": r["indicator_code"],
                    "original": self.num(r["original_target"]),
                    "proposed": self.num(r["proposed_target"]),
                    "status": self.t(r["status"]),
                    "decided_at": formatting.date(r["decided_at"], self.lang),
                    "reason": r["reason"] or "",
                }
                for r in revisions
            ],
            "absorption_chart": self.absorption_chart(absorption) if absorption else None,
            "absorption": {
                "budget": formatting.rupiah(current_absorption["budget"], self.lang),
                "realization": formatting.rupiah(current_absorption["realization_ytd"], self.lang),
                "pct": self.pct(current_absorption["absorption_pct"]),
                "target": self.pct(current_absorption["target_pct"]),
            }
            if current_absorption
            else None,
            "physical": {
                "target": self.pct(physical["weighted_target_pct"]),
                "realization": self.pct(physical["weighted_realization_pct"]),
                "score": self.num(physical["score"]),
                "budget": formatting.rupiah(physical["budget"], self.lang),
            }
            if physical
            else None,
            "complaints": {
                "count": self.num(complaints["complaints"], 0),
                "in_sla": self.t(
                    "in_sla_of",
                    in_sla=self.num(complaints["responded_in_sla"], 0),
                    count=self.num(complaints["complaints"], 0),
                ),
                "rate": self.pct(complaints["response_rate_pct"]),
                "median_days": self.num(complaints["median_response_workdays"], 1)
                or self.t("none"),
            }
            if complaints and complaints["complaints"]
            else None,
            "audit": self.t(
                "audit_visits",
                visits=audit["audits_allocated"],
                year=audit["year"],
                risk=self.num(audit["risk_score"]),
            )
            if audit
            else None,
            "trace": f"../trace/{trace.name}" if trace.exists() else None,
            "raw_lines": [
                {
                    "component": code_label("component", r["component"], self.lang),
                    "file": r["source_file_name"]
                    + (f" [{r['source_sheet']}]" if r["source_sheet"] else ""),
                    "counted": self.t(
                        "raw_lines_counted",
                        count=len(r["counted"]),
                        lines=_lines(r["counted"]),
                    )
                    if r["counted"]
                    else self.t("raw_lines_none_counted"),
                    "not_counted": self.t("raw_lines_not_counted", count=r["not_counted"])
                    if r["not_counted"]
                    else "",
                }
                for r in sorted(
                    self.raw_lines_by_opd.get(code, []),
                    key=lambda r: self.component_order.get(
                        r["component"], len(self.component_order)
                    ),
                )
            ],
        }


def _environment(lang: Lang) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = lambda key, **kw: label(key, lang, **kw)
    env.globals["lang"] = lang
    return env


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_quarterly_report(
    home: Home,
    quarter: Quarter,
    lang: Lang = DEFAULT_LANG,
    version: int | None = None,
    with_pdf: bool = True,
) -> QuarterlyReport:
    """Write the report of `quarter` (its latest publication, or `version`) in `lang`.

    The files are written into a fresh folder beside the report's and moved in once all are
    written: a report that fails leaves the last one as it was; the quality report and the
    trace already there are kept. `with_pdf=False` leaves the PDF out (and removes an older one,
    which would no longer match the pages)."""
    data = read_report_data(home, quarter, version)
    views = _Views(data, lang, home)
    env = _environment(lang)
    meta = views.meta()
    folder = home.reports_dir / quarter.key
    # what a killed writer left behind
    for leftover in home.reports_dir.glob(f".{quarter.key}.*.partial"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = home.reports_dir / f".{quarter.key}.{uuid.uuid4().hex}.partial"
    regions = [views.region(r, "../opd/" if views.multi_region else "opd/") for r in data.regions]
    try:
        if views.multi_region:
            _write(
                staging / "index.html",
                env.get_template("overview.html.j2").render(
                    meta=meta,
                    regions=regions,
                    warnings=data.warnings,
                    pdf=meta["pdf"] if with_pdf else None,
                ),
            )
            for region in regions:
                _write(
                    staging / region["page"],
                    env.get_template("ranking.html.j2").render(
                        meta=meta,
                        region=region,
                        warnings=data.warnings,
                        root="../",
                        pdf=Path(region["pdf"]).name if with_pdf else None,
                    ),
                )
        else:
            _write(
                staging / "index.html",
                env.get_template("ranking.html.j2").render(
                    meta=meta,
                    region=regions[0],
                    warnings=data.warnings,
                    root="",
                    pdf=meta["pdf"] if with_pdf else None,
                ),
            )
        pages_of_region = {r["code"]: f"../{r['page']}" for r in regions}
        cards: dict[str, list[dict]] = {}
        card_template = env.get_template("card.html.j2")
        for row in data.ranking:
            back = pages_of_region[row["region_code"]] if views.multi_region else "../index.html"
            card = views.card(row, back)
            path = staging / "opd" / f"{file_name(row['opd_code'])}.html"
            _write(path, card_template.render(meta=meta, card=card, root="../"))
            cards.setdefault(row["region_code"], []).append(card)
        workbook = staging / meta["xlsx"]
        write_workbook(workbook, data, views.component_names, lang)
        if with_pdf:
            jobs, book_parts = _print_jobs(env, meta, regions, cards, staging, views.multi_region)
            print_pdfs(jobs)
            if book_parts:
                join_pdfs(book_parts, staging / meta["pdf"])
        _swap_in(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return QuarterlyReport(
        folder,
        folder / "index.html",
        tuple(folder / "opd" / f"{file_name(r['opd_code'])}.html" for r in data.ranking),
        folder / meta["xlsx"],
        folder / meta["pdf"] if with_pdf else None,
    )


# The most ranking rows one browser page prints at once. 24 000 rows (a country's 552 regions) as
# one page took Chromium 9.6 GB and 82 s; in parts of 1 500, 5.0 GB and 26 s; of 250, 2.2 GB
# and 28 s, near the 1.9 GB of two idle printing pages.
BOOK_PART_ROWS = 250


def _print_jobs(
    env, meta, regions, cards, staging, multi_region
) -> tuple[list[PrintJob], list[Path]]:
    """What is printed where, and the parts to join into the main PDF (none for one region):
    one region's ranking then its cards; with several regions, each region so into its own PDF
    and the overview with every region's ranking into the main one (a province's 1 200 cards in
    one document would take the browser gigabytes): the overview, then the rankings in parts
    (`_book_parts`). Each page is rendered when a printer takes it: the next is rendered while
    the browser prints."""
    template = env.get_template("print.html.j2")

    def page(of_regions: list[dict], with_cards: dict, overview: list[dict]) -> Callable[[], str]:
        return lambda: template.render(
            meta=meta, regions=of_regions, cards=with_cards, overview=overview
        )

    if not multi_region:
        return [PrintJob(page(regions, cards, []), staging / meta["pdf"])], []
    parts = [([], regions), *((part, []) for part in _book_parts(regions))]
    book = [
        PrintJob(page(part, {}, overview), staging / f".book-{index:04d}.pdf")
        for index, (part, overview) in enumerate(parts)
    ]
    regional = [PrintJob(page([region], cards, []), staging / region["pdf"]) for region in regions]
    return [*book, *regional], [job.path for job in book]


def _book_parts(regions: list[dict]) -> list[list[dict]]:
    """The main PDF's regions cut into parts of at most BOOK_PART_ROWS ranking rows (a region
    is never cut)."""
    parts: list[list[dict]] = [[]]
    rows = 0
    for region in regions:
        if parts[-1] and rows + region["opd_count"] > BOOK_PART_ROWS:
            parts.append([])
            rows = 0
        parts[-1].append(region)
        rows += region["opd_count"]
    return parts


# what the report writes into the quarter's folder; anything else there (quality report, trace)
# belongs to others
OWN_ENTRIES = ("index.html", "opd", "regions")


def _swap_in(staging: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in OWN_ENTRIES:
        old = folder / name
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    for old in folder.glob("rapor-*.*"):
        old.unlink()
    for entry in staging.iterdir():
        entry.replace(folder / entry.name)
