"""The report's PDFs printed by headless Chromium (Debian's `chromium`, driven by Playwright):
each PDF is one self-contained print page printed once on A4, every PDF by the same browser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)


class PdfUnavailable(Exception):
    """No Chromium to print with: the PDF cannot be written."""


def chromium_path() -> str:
    """`$RAPOR_CHROMIUM`, else `chromium` on the PATH."""
    path = os.environ.get("RAPOR_CHROMIUM") or shutil.which("chromium")
    if not path:
        raise PdfUnavailable(
            "the PDF needs Chromium: apt-get install -y chromium (or set RAPOR_CHROMIUM)"
        )
    return path


def print_pdfs(jobs: list[tuple[str, Path]]) -> None:
    """Print each `html` (self-contained: every style inline, no request) to its path, A4."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_FLAGS)
        )
        try:
            page = browser.new_page()
            # nothing is fetched: the print page carries all it needs
            page.route("**/*", lambda route: route.abort())
            for html, path in jobs:
                page.set_content(html, wait_until="load")
                page.pdf(
                    path=str(path),
                    format="A4",
                    print_background=True,
                    margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"},
                )
        finally:
            browser.close()
