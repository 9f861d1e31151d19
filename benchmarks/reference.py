"""Run `reference.sql`, the benchmark's lower bound: the quarter's ranking straight from the inbox
files in one DuckDB process.

    python -m benchmarks.reference --inbox DIR --quarter 2024-Q4 [--scheme magelang] --out FILE
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from benchmarks.scores import RankedOpd, write_ranking
from core.quarters import Quarter
from core.scheme import Scheme, load_scheme

SQL = Path(__file__).with_name("reference.sql")
# The measures reference.sql computes: the Magelang scheme's.
MEASURES = {"budget_absorption", "physical_progress", "indicator_achievement", "p3dn_usage"}


def _variables(quarter: Quarter, scheme: Scheme) -> dict[str, object]:
    """What reference.sql reads with getvariable(): the quarter and the scheme's parameters."""
    unsupported = {c.measure for c in scheme.components} - MEASURES
    if unsupported or scheme.ranking.separate_types or scheme.ranking.tie_breakers:
        raise ValueError(
            f"reference.sql covers schemes like magelang (measures {sorted(MEASURES)}, one "
            f"ranking group per region, no tie-breakers); {scheme.name} is not one"
        )
    return {
        "quarter_key": quarter.key,
        "quarter_year": quarter.year,
        "quarter_number": quarter.quarter,
        "last_month": quarter.last_month,
        "first_day": quarter.start,
        "last_day": quarter.last_day,
        "absorption_target_pct": float(scheme.budget_absorption.target_pct[quarter.quarter]),
        "p3dn_target_pct": float(scheme.p3dn_usage.target_pct),
        "indicator_cap": float(scheme.indicator_achievement.cap),
        "indicator_levels": list(scheme.indicator_achievement.levels),
        "missing_realization": scheme.indicator_achievement.missing_realization,
        "components": [
            {"measure": c.measure, "weight": float(c.weight)} for c in scheme.components
        ],
        "zones": [{"zone": z.zone, "min_score": float(z.min_score)} for z in scheme.zones],
    }


def reference_ranking(
    inbox: Path, quarter: Quarter, scheme: str | Path | None = None
) -> list[RankedOpd]:
    variables = _variables(quarter, load_scheme(scheme).scheme)
    with duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")  # a child's log is not a terminal
        # reference.sql names its files relative to the inbox
        search_path = str(inbox.resolve()).replace("'", "''")
        con.execute(f"set file_search_path = '{search_path}'")
        for name, value in variables.items():
            con.execute(f"set variable {name} = ?", [value])
        rows = con.execute(SQL.read_text(encoding="utf-8")).fetchall()
    return [RankedOpd(code, score, rank, zone) for _, code, score, rank, zone in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reference", description=__doc__)
    parser.add_argument("--inbox", required=True, type=Path)
    parser.add_argument("--quarter", required=True, type=Quarter.parse)
    parser.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    parser.add_argument("--out", required=True, type=Path, help="CSV file of the ranking")
    args = parser.parse_args(argv)
    write_ranking(args.out, reference_ranking(args.inbox, args.quarter, args.scheme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
