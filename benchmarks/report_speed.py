"""Time the quarterly report (reports/quarterly.py) of a published quarter: one kabupaten of
about 60 OPD, and the 27 regions of a province (about 1 200 OPD) in one report.

    python -m benchmarks.report_speed [--workdir DIR] [--repeat 3]

Each case generates its inbox, publishes 2024-Q1 and 2024-Q2 with `rapor run` (not timed), then
writes the report of 2024-Q2 `--repeat` times: the pages and the workbook alone, and the whole
report with the PDF printed by Chromium. Prints the medians; targets: 10 s for a 60-OPD region,
2 minutes for every region of a province.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from core.home import Home
from core.quarters import Quarter
from demo import SCALES, Scale, generate
from demo.regions import Region
from rapor.runner import EXIT_PUBLISHED, run_quarter
from reports.quarterly import write_quarterly_report
from reports.report_data import read_report_data

QUARTERS = (Quarter(2024, 1), Quarter(2024, 2))
PROVINCE = SCALES["province"]
# a kabupaten: its kecamatan make it a region of about 60 OPD
KABUPATEN = Scale(
    "kabupaten",
    (Region("33.01", "Kabupaten Cilacap"),),
    PROVINCE.sub_activities_per_opd,
    PROVINCE.indicators_per_opd,
    PROVINCE.complaints_per_opd,
)
CASES = (("one region", KABUPATEN, 10.0), ("province", PROVINCE, 120.0))


def _median_seconds(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(workdir: Path, repeat: int) -> list[tuple]:
    rows = []
    for name, scale, target in CASES:
        inbox, home = workdir / scale.name / "inbox", workdir / scale.name / "home"
        generate(inbox, scale=scale, years=(2024,))
        for quarter in QUARTERS:
            outcome = run_quarter(home, inbox, quarter)
            assert outcome.exit_code == EXIT_PUBLISHED, outcome.errors
        paths = Home(home)
        data = read_report_data(paths, QUARTERS[-1])
        regions, opds = len(data.regions), len(data.ranking)
        pages = _median_seconds(
            repeat, lambda p=paths: write_quarterly_report(p, QUARTERS[-1], with_pdf=False)
        )
        whole = _median_seconds(repeat, lambda p=paths: write_quarterly_report(p, QUARTERS[-1]))
        rows.append((name, regions, opds, pages, whole, target))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", help="where the inboxes and homes go (default: a temp dir)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(args.workdir or temp)
        rows = measure(workdir, args.repeat)
    print(f"quarterly report of 2024-Q2, median of {args.repeat}")
    print("| case | regions | OPD | pages + xlsx | with the PDF | target | met |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, regions, opds, pages, whole, target in rows:
        met = "yes" if whole <= target else "no"
        print(
            f"| {name} | {regions} | {opds:,} | {pages:.1f} s | {whole:.1f} s | "
            f"{target:.0f} s | {met} |"
        )


if __name__ == "__main__":
    main()
