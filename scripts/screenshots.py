"""The README's screenshots of the quarterly report: the ranking page and one OPD card of a
published quarter, at desktop and phone width, taken by headless Chromium.

    .venv/bin/python scripts/screenshots.py --report .rapor/reports/2025-Q4 [--opd 33.71.05]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, required=True, help="reports/<quarter> of a home")
    parser.add_argument("--opd", help="the card to show (default: the first)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    card = args.report / "opd" / f"{args.opd}.html" if args.opd else None
    card = card or sorted((args.report / "opd").glob("*.html"))[0]
    pages = {"ranking": args.report / "index.html", "card": card}
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for name, page_file in pages.items():
            for width_name, (width, height) in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.resolve().as_uri())
                shot = args.out / f"{name}-{width_name}.png"
                page.screenshot(path=shot, full_page=width_name == "phone")
                print(shot)
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
