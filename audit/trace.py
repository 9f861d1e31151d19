"""`rapor trace`: a published rank back to the raw rows behind it, read from the publication only
(`published/rapor.duckdb`, schema `history`, one version) with SQL joins. Every number shown is a
published one; the formulas are rendered with them, never recomputed."""

from __future__ import annotations

import html
import json
from decimal import Decimal
from pathlib import Path

import duckdb

from core.home import Home

# What an OPD list in an error message shows at most.
SHOWN_NAMES = 12

# The measures with a published table of their own (named as the measure), whose numbers the
# formulas are written with; an assessed component's score is its input.
MEASURE_TABLES = (
    "budget_absorption",
    "physical_progress",
    "indicator_achievement",
    "p3dn_usage",
    "complaint_response",
)


class TraceError(Exception):
    """An unknown quarter, version or OPD: one line naming what exists."""


def _number(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float | Decimal):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    return shown + (f" … ({len(names)} in all)" if len(names) > SHOWN_NAMES else "")


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _formula(measure: str, inputs: dict, indicators: list[dict], score: object) -> str:
    """The measure's formula of docs/methodology.md with the published numbers filled in."""
    n = _number
    if score is None:
        return "no value: the component is excluded or its measure has no data"
    if measure == "budget_absorption":
        return (
            f"absorption = {n(inputs['realization_ytd'])} / {n(inputs['budget'])} × 100 = "
            f"{n(inputs['absorption_pct'])}; "
            f"min({n(inputs['absorption_pct'])} / {n(inputs['target_pct'])}, 1) × 100 = {n(score)}"
        )
    if measure == "physical_progress":
        if inputs["weighted_target_pct"] == 0:
            return f"nothing due (weighted target 0) = {n(score)}"
        return (
            f"min({n(inputs['weighted_realization_pct'])} / {n(inputs['weighted_target_pct'])}, "
            f"1) × 100 = {n(score)}"
        )
    if measure == "p3dn_usage":
        if inputs["has_no_procurement"]:
            return f"no procurement = {n(score)}"
        return f"min({n(inputs['p3dn_pct'])} / {n(inputs['target_pct'])}, 1) × 100 = {n(score)}"
    if measure == "complaint_response":
        if not inputs["complaints"]:
            return f"no complaints = {n(score)}"
        return f"{n(inputs['responded_in_sla'])} / {n(inputs['complaints'])} × 100 = {n(score)}"
    if measure == "indicator_achievement":
        scored = [i for i in indicators if i["is_scored"]]
        terms = " + ".join(
            f"{n(i['achievement_score'])} × {n(i['weight'] if i['weight'] is not None else 1)}"
            for i in scored
        )
        weights = " + ".join(n(i["weight"] if i["weight"] is not None else 1) for i in scored)
        return f"({terms}) / ({weights}) = {n(score)}"
    return f"assessed score = {n(score)}"


def _lineage_row(row: dict) -> dict:
    traced = {
        "dataset": row["dataset"],
        "file_name": row["source_file_name"],
        "sheet": row["source_sheet"] or "",
        "line": row["source_line"],
        "file_sha256": row["source_file_sha256"],
        "load_id": row["load_id"],
        "row_id": row["row_id"],
        "values": json.loads(row["row_values"]),
    }
    if not row["is_counted"]:
        traced["why"] = row["why"]
    return traced


def _publication(con: duckdb.DuckDBPyConnection, quarter_key: str, version: int | None) -> dict:
    published = _dicts(
        con,
        "select quarter_key, publication_version, scheme_name, scheme_sha256 "
        "from marts.publication_log where status = 'published' order by 1, 2",
        [],
    )
    versions = [p for p in published if p["quarter_key"] == quarter_key]
    if not versions:
        quarters = sorted({p["quarter_key"] for p in published})
        raise TraceError(
            f"{quarter_key} is not published; published quarters: {_some(quarters) or 'none'}"
        )
    if version is None:
        return versions[-1]
    chosen = [p for p in versions if p["publication_version"] == version]
    if not chosen:
        numbers = ", ".join(str(p["publication_version"]) for p in versions)
        raise TraceError(f"{quarter_key} has no version {version}; published versions: {numbers}")
    return chosen[0]


def trace(published_db: Path, quarter_key: str, opd_code: str, version: int | None = None) -> dict:
    """The trace of one OPD in one published version (default: the latest) of a quarter."""
    if not published_db.exists():
        raise TraceError(f"nothing is published yet: {published_db} does not exist")
    with duckdb.connect(str(published_db), read_only=True) as con:
        publication = _publication(con, quarter_key, version)
        has_lineage = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'history' and table_name = 'measure_lineage'"
        ).fetchone()[0]
        if not has_lineage:
            raise TraceError(
                f"{quarter_key} was published before the row lineage existed: run it again "
                '(rapor run … --reason "publish the lineage") to trace it'
            )
        key = [quarter_key, publication["publication_version"]]
        ranked = _dicts(
            con,
            "select opd_code, opd_name, index_score, rank, rank_group, zone, predicate, "
            "consequence from history.opd_quarter_ranking "
            "where quarter_key = ? and publication_version = ? and opd_code = ?",
            [*key, opd_code],
        )
        if not ranked:
            codes = [
                row[0]
                for row in con.execute(
                    "select opd_code from history.opd_quarter_ranking "
                    "where quarter_key = ? and publication_version = ? order by 1",
                    key,
                ).fetchall()
            ]
            raise TraceError(
                f"OPD {opd_code} is not ranked in {quarter_key} version {key[1]}; "
                f"OPD ranked: {_some(codes)}"
            )
        components = _dicts(
            con,
            "select component, measure, scheme_weight, weight, measure_value, score, "
            "weighted_score, is_excluded from history.opd_quarter_component_scores "
            "where quarter_key = ? and publication_version = ? and opd_code = ? "
            "order by position",
            [*key, opd_code],
        )
        lineage = _dicts(
            con,
            "select component, dataset, row_id, source_file_name, source_sheet, source_line, "
            "source_file_sha256, load_id, is_counted, why, row_values "
            "from history.measure_lineage "
            "where quarter_key = ? and publication_version = ? and opd_code = ? "
            "order by component, not is_counted, dataset, source_file_name, source_sheet, "
            "source_line",
            [*key, opd_code],
        )
        inputs = {}
        for measure in MEASURE_TABLES:
            rows = _dicts(
                con,
                f"select * exclude (quarter_key, publication_version) from history.{measure} "
                "where quarter_key = ? and publication_version = ? and opd_code = ?",
                [*key, opd_code],
            )
            inputs[measure] = rows
    result = {
        "quarter_key": quarter_key,
        "publication_version": publication["publication_version"],
        "scheme_name": publication["scheme_name"],
        "scheme_sha256": publication["scheme_sha256"],
        **{k: v for k, v in ranked[0].items()},
        "components": [],
    }
    result["index_score"] = float(result["index_score"])
    for component in components:
        measure = component["measure"]
        measure_rows = inputs.get(measure, [])
        own = measure_rows[0] if measure_rows and measure != "indicator_achievement" else {}
        rows = [r for r in lineage if r["component"] == component["component"]]
        result["components"].append(
            {
                "component": component["component"],
                "measure": measure,
                "weight": component["scheme_weight"],
                "effective_weight": component["weight"],
                "is_excluded": component["is_excluded"],
                "measure_value": component["measure_value"],
                "score": component["score"],
                "weighted_score": component["weighted_score"],
                "formula": _formula(measure, own, measure_rows, component["score"]),
                "weighted_formula": (
                    f"{_number(component['score'])} × {_number(component['weight'])} / 100 = "
                    f"{_number(component['weighted_score'])}"
                ),
                "inputs": _jsonable(
                    measure_rows if measure == "indicator_achievement" else own or {}
                ),
                "rows": [_lineage_row(r) for r in rows if r["is_counted"]],
                "not_counted": [_lineage_row(r) for r in rows if not r["is_counted"]],
            }
        )
    return _jsonable(result)


def _jsonable(value: object) -> object:
    """Decimals, dates and the like as JSON gives them: through their string, numbers as numbers."""
    return json.loads(json.dumps(value, default=_plain))


def _plain(value: object) -> object:
    try:
        return float(value)  # decimals
    except (TypeError, ValueError):
        return str(value)


def render_text(traced: dict, rows: bool = False) -> str:
    lines = [
        f"{traced['quarter_key']} version {traced['publication_version']} · scheme "
        f"{traced['scheme_name']} ({traced['scheme_sha256'][:12]})",
        f"{traced['opd_code']} {traced['opd_name']}: rank {traced['rank']} in "
        f"{traced['rank_group']} · index {_number(traced['index_score'])} · {traced['zone']} · "
        f"{traced['predicate']} · {traced['consequence']}",
        "",
    ]
    for c in traced["components"]:
        lines.append(
            f"{c['component']} ({c['measure']}): weight {_number(c['weight'])}, effective "
            f"{_number(c['effective_weight'])}, score {_number(c['score'])}, weighted "
            f"{_number(c['weighted_score'])}"
        )
        lines.append(f"  {c['formula']}")
        lines.append(f"  {c['weighted_formula']}")
        whys: dict[str, int] = {}
        for row in c["not_counted"]:
            whys[row["why"]] = whys.get(row["why"], 0) + 1
        files = sorted({r["file_name"] for r in c["rows"]})
        lines.append(f"  {len(c['rows'])} rows counted, from {_some(files) or 'no file'}")
        for why, count in sorted(whys.items()):
            lines.append(f"  {count} rows not counted: {why}")
        if rows:
            for row in c["rows"]:
                lines.append("    + " + _row_text(row))
            for row in c["not_counted"]:
                lines.append(f"    - {_row_text(row)} — {row['why']}")
    if not rows:
        lines += ["", "(every row with --rows)"]
    return "\n".join(lines) + "\n"


def _row_text(row: dict) -> str:
    where = f"{row['file_name']}" + (f" [{row['sheet']}]" if row["sheet"] else "")
    values = ", ".join(f"{k}={v}" for k, v in row["values"].items())
    return (
        f"{row['dataset']} {where} line {row['line']} (sha256 {row['file_sha256'][:12]}): {values}"
    )


def render_html(traced: dict) -> str:
    """One offline page (no script, no external resource), every value escaped."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Trace {e(traced['opd_code'])} {e(traced['quarter_key'])}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}"
        ".why{color:#a00}</style></head><body>",
        f"<h1>{e(traced['opd_code'])} {e(traced['opd_name'])} — {e(traced['quarter_key'])}</h1>",
        f"<p>Rank {e(str(traced['rank']))} in {e(traced['rank_group'])} · index "
        f"{e(_number(traced['index_score']))} · {e(str(traced['zone']))} · "
        f"{e(str(traced['predicate']))} · {e(str(traced['consequence']))}</p>",
        f"<p>Publication version {e(str(traced['publication_version']))}, scheme "
        f"{e(traced['scheme_name'])} (sha256 {e(traced['scheme_sha256'])})</p>",
    ]
    for c in traced["components"]:
        parts += [
            f"<h2>{e(c['component'])} ({e(c['measure'])})</h2>",
            f"<p>weight {e(_number(c['weight']))}, effective {e(_number(c['effective_weight']))}"
            f", score {e(_number(c['score']))}, weighted {e(_number(c['weighted_score']))}</p>",
            f"<p><code>{e(c['formula'])}</code><br><code>{e(c['weighted_formula'])}</code></p>",
        ]
        for title, rows in (("rows counted", c["rows"]), ("not counted", c["not_counted"])):
            if not rows:
                continue
            parts.append(f"<details><summary>{len(rows)} {title}</summary><table>")
            parts.append(
                "<tr><th>dataset</th><th>file</th><th>sheet</th><th>line</th><th>sha256</th>"
                "<th>load</th><th>values</th><th>why</th></tr>"
            )
            for row in rows:
                values = ", ".join(f"{k}={v}" for k, v in row["values"].items())
                parts.append(
                    "<tr>"
                    + "".join(
                        f"<td>{e(str(v))}</td>"
                        for v in (
                            row["dataset"],
                            row["file_name"],
                            row["sheet"],
                            row["line"],
                            row["file_sha256"][:12],
                            row["load_id"],
                            values,
                        )
                    )
                    + f"<td class='why'>{e(row.get('why') or '')}</td></tr>"
                )
            parts.append("</table></details>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html(home: Home, traced: dict) -> Path:
    target = home.trace_page(traced["quarter_key"], traced["opd_code"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(traced), encoding="utf-8")
    return target
