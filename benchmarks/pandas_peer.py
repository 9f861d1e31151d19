"""The peer of the benchmark: the straightforward pandas script a data analyst would write instead
of the pipeline. It reads the inbox CSV files whole, filters, groups and merges, with floats, and
ranks the quarter under a Magelang-like scheme (see `benchmarks.reference.MEASURES`).

It does what such a script does, no more: no checks, no provenance, no corrected files (every file
of a dataset folder counts), no exact-duplicate handling.

    python -m benchmarks.pandas_peer --inbox DIR --quarter 2024-Q4 [--scheme magelang] --out FILE
"""

from __future__ import annotations

import argparse
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.scores import RankedOpd, write_ranking
from core.quarters import Quarter
from core.scheme import Scheme, load_scheme

# codes look like numbers ("33.71" would become 33.71, "33.10" 33.1): always read them as text
CODES = {"opd_code": str, "region_code": str, "sub_activity_code": str, "indicator_code": str}
POSITIVE = {"positif", "positive", "+", "maximize", "maksimal"}
NEGATIVE = {"negatif", "negative", "-", "minimize", "minimal"}


def read_dataset(inbox: Path, dataset: str, columns: list[str]) -> pd.DataFrame:
    files = sorted((inbox / dataset).glob("*.csv"))
    dtypes = {c: t for c, t in CODES.items() if c in columns}
    return pd.concat(
        (pd.read_csv(path, usecols=columns, dtype=dtypes) for path in files), ignore_index=True
    )


def budget_absorption(budget: pd.DataFrame, quarter: Quarter, scheme: Scheme) -> pd.Series:
    pagu = budget.loc[
        budget["month"] == quarter.last_month,
        ["opd_code", "sub_activity_code", "budget", "realization_ytd"],
    ]
    monthly = budget.groupby(["opd_code", "sub_activity_code"], as_index=False)[
        "realization_month"
    ].sum()
    lines = pagu.merge(monthly, on=["opd_code", "sub_activity_code"], how="left")
    # the reported year-to-date figure, else the months summed
    lines["realization"] = lines["realization_ytd"].fillna(lines["realization_month"]).fillna(0.0)
    by_opd = lines.groupby("opd_code")[["budget", "realization"]].sum()
    target = scheme.budget_absorption.target_pct[quarter.quarter]
    score = np.minimum(by_opd["realization"] / by_opd["budget"] * 100 / target, 1) * 100
    return score.where(by_opd["budget"] > 0)


def physical_progress(progress: pd.DataFrame, budget: pd.DataFrame, quarter: Quarter) -> pd.Series:
    last = progress[progress["month"] == quarter.last_month]
    pagu = budget.loc[
        budget["month"] == quarter.last_month, ["opd_code", "sub_activity_code", "budget"]
    ]
    lines = last.merge(pagu, on=["opd_code", "sub_activity_code"])
    lines["weighted_target"] = lines["budget"] * lines["physical_target_pct"]
    lines["weighted_realization"] = lines["budget"] * lines["physical_realization_pct"]
    by_opd = lines.groupby("opd_code")[["budget", "weighted_target", "weighted_realization"]].sum()
    by_opd = by_opd[by_opd["budget"] > 0]
    target = by_opd["weighted_target"] / by_opd["budget"]
    realization = by_opd["weighted_realization"] / by_opd["budget"]
    return pd.Series(
        np.where(target == 0, 100.0, np.minimum(realization / target, 1) * 100), index=by_opd.index
    )


def indicator_achievement(
    indicators: pd.DataFrame, revisions: pd.DataFrame, quarter: Quarter, scheme: Scheme
) -> pd.Series:
    approved = revisions[
        (revisions["status"].str.lower() == "disetujui")
        & (pd.to_datetime(revisions["decided_at"]) <= pd.Timestamp(quarter.last_day))
    ]
    # the latest decision stands; of two on the same day, the later line
    latest = approved.sort_values("decided_at", kind="stable").drop_duplicates(
        ["opd_code", "indicator_code"], keep="last"
    )
    scored = indicators.merge(
        latest[["opd_code", "indicator_code", "proposed_target"]],
        on=["opd_code", "indicator_code"],
        how="left",
    )
    target = scored["proposed_target"].fillna(scored["target"])
    realization = scored["realization"]
    polarity = scored["polarity"].str.lower()
    positive, negative = polarity.isin(POSITIVE), polarity.isin(NEGATIVE)
    with np.errstate(divide="ignore", invalid="ignore"):  # a target of 0 has its own branch
        achievement = np.select(
            [
                realization.isna(),
                positive & (target != 0),
                negative & (target != 0),
                negative,
            ],
            [
                np.nan,
                realization / target * 100,
                np.maximum((2 * target - realization) / target * 100, 0),
                np.where(realization == 0, 100.0, 0.0),
            ],
            default=np.nan,
        )
    settings = scheme.indicator_achievement
    unreported = realization.isna()
    scored["score"] = np.where(
        unreported & (settings.missing_realization == "zero"),
        0.0,
        np.minimum(achievement, settings.cap),
    )
    level = scored["level"].str.lower()
    every_level = len(settings.levels) == 5
    in_levels = level.isin(settings.levels) | (level.isna() & every_level)
    if settings.missing_realization == "exclude":
        in_levels &= ~unreported
    scored = scored[in_levels]
    weight = scored["weight"].fillna(1.0)
    return (scored["score"] * weight).groupby(scored["opd_code"]).sum() / weight.groupby(
        scored["opd_code"]
    ).sum()


def p3dn_usage(p3dn: pd.DataFrame, scheme: Scheme) -> pd.Series:
    by_opd = p3dn.set_index("opd_code")
    share = by_opd["domestic_total"] / by_opd["procurement_total"] * 100
    score = np.minimum(share / scheme.p3dn_usage.target_pct, 1) * 100
    return score.where(by_opd["procurement_total"] != 0, 100.0)


def rounded_index(raw: float) -> Decimal:
    """Half away from zero, from the value fixed to 8 decimals, as the pipeline rounds."""
    return Decimal(f"{raw:.8f}").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pandas_ranking(
    inbox: Path, quarter: Quarter, scheme_name: str | Path | None = None
) -> list[RankedOpd]:
    scheme = load_scheme(scheme_name).scheme
    year = quarter.year

    opd = read_dataset(inbox, "opd", ["opd_code", "region_code", "active_from", "active_to"])
    opd = opd[
        (opd["active_from"].fillna("1900-01-01") <= quarter.last_day.isoformat())
        & (opd["active_to"].fillna("9999-12-31") >= quarter.start.isoformat())
    ]
    budget = read_dataset(
        inbox,
        "anggaran",
        [
            "year",
            "month",
            "opd_code",
            "sub_activity_code",
            "budget",
            "realization_month",
            "realization_ytd",
        ],
    )
    budget = budget[(budget["year"] == year) & (budget["month"] <= quarter.last_month)]
    progress = read_dataset(
        inbox,
        "fisik",
        [
            "year",
            "month",
            "opd_code",
            "sub_activity_code",
            "physical_target_pct",
            "physical_realization_pct",
        ],
    )
    progress = progress[progress["year"] == year]
    indicators = read_dataset(
        inbox,
        "indikator",
        [
            "year",
            "quarter",
            "opd_code",
            "indicator_code",
            "level",
            "polarity",
            "target",
            "realization",
            "weight",
        ],
    )
    indicators = indicators[
        (indicators["year"] == year) & (indicators["quarter"] == quarter.quarter)
    ]
    revisions = read_dataset(
        inbox,
        "revisi_target",
        [
            "year",
            "quarter",
            "opd_code",
            "indicator_code",
            "proposed_target",
            "status",
            "decided_at",
        ],
    )
    revisions = revisions[(revisions["year"] == year) & (revisions["quarter"] == quarter.quarter)]
    p3dn = read_dataset(
        inbox, "p3dn", ["year", "quarter", "opd_code", "procurement_total", "domestic_total"]
    )
    p3dn = p3dn[(p3dn["year"] == year) & (p3dn["quarter"] == quarter.quarter)]

    measures = {
        "budget_absorption": budget_absorption(budget, quarter, scheme),
        "physical_progress": physical_progress(progress, budget, quarter),
        "indicator_achievement": indicator_achievement(indicators, revisions, quarter, scheme),
        "p3dn_usage": p3dn_usage(p3dn, scheme),
    }
    total_weight = sum(c.weight for c in scheme.components)
    index = pd.Series(0.0, index=opd["opd_code"])
    complete = pd.Series(True, index=opd["opd_code"])
    for component in scheme.components:
        score = measures[component.measure].reindex(index.index)
        index += score.fillna(0.0) * (component.weight * 100 / total_weight) / 100
        complete &= score.notna()

    ranked = opd.set_index("opd_code")[["region_code"]].fillna({"region_code": "default"})
    ranked["index_score"] = [
        rounded_index(raw) if ok else None for raw, ok in zip(index, complete, strict=True)
    ]
    ranked["rank"] = (
        ranked["index_score"]
        .astype(float)
        .groupby(ranked["region_code"])
        .rank(method="min", ascending=False, na_option="bottom")
    )
    zones = sorted(scheme.zones, key=lambda z: z.min_score, reverse=True)
    return [
        RankedOpd(code, score, int(rank), _zone(score, zones))
        for code, score, rank in zip(
            ranked.index, ranked["index_score"], ranked["rank"], strict=True
        )
    ]


def _zone(score: Decimal | None, zones: list) -> str | None:
    if score is None:
        return None
    return next((z.zone for z in zones if z.min_score <= score), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pandas_peer", description=__doc__)
    parser.add_argument("--inbox", required=True, type=Path)
    parser.add_argument("--quarter", required=True, type=Quarter.parse)
    parser.add_argument("--scheme", help="shipped scheme name or a YAML file (default magelang)")
    parser.add_argument("--out", required=True, type=Path, help="CSV file of the ranking")
    args = parser.parse_args(argv)
    write_ranking(args.out, pandas_ranking(args.inbox, args.quarter, args.scheme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
