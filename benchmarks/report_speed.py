"""Time the quarterly report (reports/quarterly.py) of a published quarter: one region of 60 OPD,
and the 27 regions of a province (about 1 200 OPD) in one report.

    python -m benchmarks.report_speed [--workdir DIR] [--repeat 3]

The generated province inbox is published for 2024-Q1 and 2024-Q2 with `rapor run`; so is a
region of 60 OPD cut from it (the rows of the first 60 OPD of its first two regions, as one
region). Neither run is timed, and a `--workdir` that already holds them is reused. Then the
report of 2024-Q2 is written `--repeat` times: the pages and the workbook alone, and the whole
report with the PDF printed by Chromium. Prints the medians; targets: 10 s for a 60-OPD region,
2 minutes for every region of a province.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from core.home import Home
from core.quarters import Quarter
from demo import generate
from rapor.runner import EXIT_PUBLISHED, run_quarter
from reports.quarterly import write_quarterly_report
from reports.report_data import ReportUnavailable, read_report_data

QUARTERS = (Quarter(2024, 1), Quarter(2024, 2))
REGION_OPDS = 60
TARGETS = {"region": 10.0, "province": 120.0}


def _region_inbox(province: Path, out: Path) -> None:
    """The rows of the first `REGION_OPDS` OPD of the province's first two regions, every one
    in the first region."""
    with (province / "opd" / "opd.csv").open(encoding="utf-8", newline="") as handle:
        master = list(csv.DictReader(handle))
    first_two = sorted({row["region_code"] for row in master})[:2]
    kept = sorted(row["opd_code"] for row in master if row["region_code"] in first_two)
    kept = set(kept[:REGION_OPDS])
    first = next(row for row in master if row["region_code"] == first_two[0])
    for source in province.rglob("*.csv"):
        target = out / source.relative_to(province)
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            source.open(encoding="utf-8", newline="") as read,
            target.open("w", encoding="utf-8", newline="") as write,
        ):
            reader = csv.DictReader(read)
            writer = csv.DictWriter(write, fieldnames=reader.fieldnames, lineterminator="\n")
            writer.writeheader()
            for row in reader:
                if row["opd_code"] not in kept:
                    continue
                if "region_code" in row:
                    row["region_code"], row["region_name"] = (
                        first["region_code"],
                        first["region_name"],
                    )
                writer.writerow(row)


def _published(home: Path, inbox: Path) -> Home:
    """`home` with both quarters published, running those it does not hold yet."""
    paths = Home(home)
    for quarter in QUARTERS:
        try:
            read_report_data(paths, quarter)
        except ReportUnavailable:
            outcome = run_quarter(home, inbox, quarter)
            assert outcome.exit_code == EXIT_PUBLISHED, outcome.errors
    return paths


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Chromium, through Playwright's
    driver): what the report costs whatever else the machine runs."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _median_seconds(repeat: int, action) -> tuple[float, float]:
    """Median wall time and median CPU time of `action`."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu_seconds()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(workdir: Path, repeat: int) -> list[tuple]:
    province = workdir / "province" / "inbox"
    if not province.exists():
        generate(province, scale="province", years=(2024,))
    region = workdir / "region" / "inbox"
    if not region.exists():
        _region_inbox(province, region)
    rows = []
    for name, inbox in (("region", region), ("province", province)):
        paths = _published(inbox.parent / "home", inbox)
        target = TARGETS[name]
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
    load = os.getloadavg()[0]
    print(
        f"quarterly report of 2024-Q2, median of {args.repeat}, on {os.cpu_count()} cores "
        f"(load average {load:.1f}); wall time (CPU time, Chromium included)"
    )
    print("| case | regions | OPD | pages + xlsx | with the PDFs | target | met |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, regions, opds, pages, whole, target in rows:
        met = "yes" if whole[0] <= target else "no"
        print(
            f"| {name} | {regions} | {opds:,} | {pages[0]:.1f} s ({pages[1]:.1f} s) | "
            f"{whole[0]:.1f} s ({whole[1]:.1f} s) | {target:.0f} s | {met} |"
        )


if __name__ == "__main__":
    main()
