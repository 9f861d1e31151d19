"""What the quarterly report shows, read with SQL from the published DuckDB file only (schemas
`marts` and `history`), never from the working warehouse; the warnings of the quality gate come
from the run's quality report (`quality.json`) beside it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import duckdb

from core.home import Home
from core.quarters import Quarter

HISTORY_QUARTERS = 8


class ReportUnavailable(Exception):
    """The quarter (or the version asked for) was never published: there is nothing to report."""


@dataclass(frozen=True)
class Publication:
    quarter_key: str
    version: int
    published_at: dt.datetime
    scheme_name: str
    scheme_sha256: str
    code_version: str
    reason: str | None


@dataclass
class ReportData:
    quarter: Quarter
    publication: Publication
    regions: list[dict]
    ranking: list[dict]
    components: list[dict]
    history: list[dict]
    indicators_under_target: list[dict]
    revisions: list[dict]
    absorption: list[dict]
    # the scheme's cumulative target of each quarter of the year: {1: 15.0, ..., 4: 95.0}
    absorption_targets: dict[int, float]
    physical: dict[str, dict]
    complaints: dict[str, dict]
    audit: dict[str, dict]
    # per OPD × component × file: the raw lines counted and how many others were considered
    raw_lines: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class _Source:
    """The rows of the quarter: `marts.<table>` (the latest version), or `history.<table>` at
    the version asked for; earlier quarters always in their latest version."""

    def __init__(self, con: duckdb.DuckDBPyConnection, quarter: Quarter, version: int | None):
        self.con = con
        self.quarter = quarter
        self.version = version
        self.tables = {
            (schema, name)
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }

    def has(self, table: str) -> bool:
        return ("marts", table) in self.tables

    def of_quarter(self, table: str) -> tuple[str, list]:
        """A relation of `table`'s rows of the quarter, and its parameters."""
        if self.version is None:
            return f"(select * from marts.{table} where quarter_key = ?)", [self.quarter.key]
        return (
            f"(select * from history.{table} where quarter_key = ? and publication_version = ?)",
            [self.quarter.key, self.version],
        )

    def up_to_quarter(self, table: str, first_key: str) -> tuple[str, list]:
        """`table`'s rows from quarter `first_key` up to this one (this one as `of_quarter`)."""
        current, params = self.of_quarter(table)
        return (
            f"(select * from marts.{table} where quarter_key >= ? and quarter_key < ? "
            f"union all by name select * from {current})",
            [first_key, self.quarter.key, *params],
        )


def _previous(quarter: Quarter) -> Quarter:
    if quarter.quarter == 1:
        return Quarter(quarter.year - 1, 4)
    return Quarter(quarter.year, quarter.quarter - 1)


def _publication(con: duckdb.DuckDBPyConnection, quarter: Quarter, version: int | None):
    rows = _dicts(
        con,
        "select quarter_key, publication_version as version, published_at, scheme_name, "
        "scheme_sha256, code_version, reason from marts.publication_log "
        "where quarter_key = ? and status = 'published' and (? is null or publication_version = ?) "
        "order by publication_version desc limit 1",
        [quarter.key, version, version],
    )
    if not rows:
        asked = f" version {version}" if version is not None else ""
        raise ReportUnavailable(f"{quarter.key}{asked} is not published")
    return Publication(**rows[0])


def _quality_warnings(home: Home, quarter: Quarter) -> list[dict]:
    """The rules that warned (published anyway) in the quarter's last quality report."""
    path = home.reports_dir / quarter.key / "quality.json"
    if not path.exists():
        return []
    report = json.loads(path.read_text(encoding="utf-8"))
    warned = [
        {"rule": r["rule"], "message": r["message"], "rows": r["failed_rows"]}
        for r in report.get("rules", [])
        if r.get("failed_rows") and r.get("severity") == "warning"
    ]
    ingest: dict[str, dict] = {}
    for finding in report.get("ingest_findings", []):
        if finding.get("severity") == "warning":
            entry = ingest.setdefault(
                finding["rule"], {"rule": finding["rule"], "message": finding["message"], "rows": 0}
            )
            entry["rows"] += 1
    return warned + list(ingest.values())


def read_report_data(home: Home, quarter: Quarter, version: int | None = None) -> ReportData:
    if not home.published_db.exists():
        raise ReportUnavailable(f"nothing is published in {home.root}")
    with duckdb.connect(str(home.published_db), read_only=True) as con:
        publication = _publication(con, quarter, version)
        source = _Source(con, quarter, version)
        ranking_rel, ranking_params = source.of_quarter("opd_quarter_ranking")
        uncertainty_rel, uncertainty_params = source.of_quarter("opd_rank_uncertainty")
        ranking = _dicts(
            con,
            f"select r.*, u.rank_p05, u.rank_p95, u.is_consequence_uncertain, "
            f"p.rank as previous_rank "
            f"from {ranking_rel} as r "
            f"left join {uncertainty_rel} as u on u.opd_code = r.opd_code "
            "left join marts.opd_quarter_ranking as p on p.quarter_key = ? "
            "and p.opd_code = r.opd_code and p.rank_group = r.rank_group "
            "order by r.region_code, r.rank_group, r.rank, r.opd_code",
            [*ranking_params, *uncertainty_params, _previous(quarter).key],
        )
        components_rel, components_params = source.of_quarter("opd_quarter_component_scores")
        components = _dicts(
            con,
            f"select c.opd_code, c.component, c.measure, c.position, c.measure_value, c.score, "
            f"c.weight, c.weighted_score, c.is_excluded, median(c.score) over "
            f"(partition by r.rank_group, c.component) as group_median "
            f"from {components_rel} as c inner join {ranking_rel} as r on r.opd_code = c.opd_code "
            "order by c.opd_code, c.position",
            [*components_params, *ranking_params],
        )
        first_of_history = con.execute(
            "select coalesce(min(quarter_key), ?) from (select distinct quarter_key "
            "from marts.opd_quarter_ranking where quarter_key <= ? "
            "order by quarter_key desc limit ?)",
            [quarter.key, quarter.key, HISTORY_QUARTERS],
        ).fetchone()[0]
        history_rel, history_params = source.up_to_quarter("opd_quarter_ranking", first_of_history)
        history = _dicts(
            con,
            f"select quarter_key, opd_code, index_score, rank, group_size, zone "
            f"from {history_rel} order by opd_code, quarter_key",
            history_params,
        )
        indicators_rel, indicators_params = source.of_quarter("indicator_achievement")
        indicators = _dicts(
            con,
            f"select opd_code, indicator_code, indicator_name, unit, polarity, original_target, "
            f"target, target_source, realization, achievement_pct, is_unreported, "
            f"source_file_name, source_sheet, source_line from {indicators_rel} "
            "where achievement_pct < 100 or is_unreported "
            "order by opd_code, achievement_pct nulls first, indicator_code",
            indicators_params,
        )
        revisions: list[dict] = []
        if source.has("target_revisions"):
            revisions_rel, revisions_params = source.of_quarter("target_revisions")
            revisions = _dicts(
                con,
                f"select * from {revisions_rel} order by opd_code, indicator_code, decided_at",
                revisions_params,
            )
        year_start = Quarter(quarter.year, 1).key
        absorption_rel, absorption_params = source.up_to_quarter("budget_absorption", year_start)
        absorption = _dicts(
            con,
            f"select quarter_key, opd_code, budget, realization_ytd, absorption_pct, target_pct, "
            f"score from {absorption_rel} order by opd_code, quarter_key",
            absorption_params,
        )
        absorption_targets = {}
        if source.has("absorption_targets"):
            targets_rel, targets_params = source.of_quarter("absorption_targets")
            absorption_targets = dict(
                con.execute(
                    f"select quarter_of_year, target_pct from {targets_rel} order by 1",
                    targets_params,
                ).fetchall()
            )
        by_opd = {}
        for table in ("physical_progress", "complaint_response", "audit_plan"):
            relation, params = source.of_quarter(table)
            by_opd[table] = {
                row["opd_code"]: row for row in _dicts(con, f"select * from {relation}", params)
            }
        regions = _regions(con, source, ranking)
        lineage_rel, lineage_params = source.of_quarter("measure_lineage")
        raw_lines = _dicts(
            con,
            f"select opd_code, component, source_file_name, source_sheet, "
            f"list(source_line order by source_line) filter (is_counted) as counted, "
            f"count(*) filter (not is_counted) as not_counted from {lineage_rel} "
            "group by all order by opd_code, component, source_file_name, source_sheet",
            lineage_params,
        )
    return ReportData(
        quarter=quarter,
        publication=publication,
        regions=regions,
        ranking=ranking,
        components=components,
        history=history,
        indicators_under_target=indicators,
        revisions=revisions,
        absorption=absorption,
        absorption_targets=absorption_targets,
        physical=by_opd["physical_progress"],
        complaints=by_opd["complaint_response"],
        audit=by_opd["audit_plan"],
        raw_lines=raw_lines,
        warnings=_quality_warnings(home, quarter),
    )


def _regions(con: duckdb.DuckDBPyConnection, source: _Source, ranking: list[dict]) -> list[dict]:
    """The regions of the quarter; a publication older than the `regions` mart names each by
    its code."""
    if source.has("regions"):
        relation, params = source.of_quarter("regions")
        rows = _dicts(con, f"select * from {relation} order by region_code", params)
        if rows:
            return rows
    codes = sorted({row["region_code"] for row in ranking})
    return [{"region_code": code, "region_name": code} for code in codes]
