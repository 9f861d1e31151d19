"""The report's PDFs printed by headless Chromium (Debian's `chromium`, driven by Playwright):
each PDF is one self-contained print page printed once on A4, all of them by one browser, a few
pages printing at once (one per core)."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)
MARGIN = {"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"}


@dataclass(frozen=True)
class PrintJob:
    """A self-contained print page (every style inline, no request), rendered when printed."""

    render: Callable[[], str]
    path: Path


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


def join_pdfs(parts: list[Path], path: Path) -> None:
    """The parts' pages, in order, as one PDF at `path`; the parts are removed."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(part)
    with path.open("wb") as out:
        writer.write(out)
    writer.close()
    for part in parts:
        part.unlink()


def print_pdfs(jobs: list[PrintJob]) -> None:
    """Print each job's page to its path, A4."""
    asyncio.run(_print_all(jobs, chromium_path()))


async def _print_all(jobs: list[PrintJob], executable: str) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_FLAGS)
        )
        try:
            queue: asyncio.Queue[PrintJob] = asyncio.Queue()
            for job in jobs:
                queue.put_nowait(job)

            async def printer() -> None:
                page = await browser.new_page()
                # nothing is fetched: the print page carries all it needs
                await page.route("**/*", lambda route: route.abort())
                while not queue.empty():
                    job = queue.get_nowait()
                    await page.set_content(job.render(), wait_until="load")
                    await page.pdf(
                        path=str(job.path), format="A4", print_background=True, margin=MARGIN
                    )
                await page.close()

            workers = max(1, min(len(jobs), os.cpu_count() or 1))
            await asyncio.gather(*(printer() for _ in range(workers)))
        finally:
            await browser.close()
