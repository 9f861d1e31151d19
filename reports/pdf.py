"""The report's PDFs printed by headless Chromium (Debian's `chromium`, driven by Playwright):
each PDF is one self-contained print page printed once on A4, all of them by one browser, a few
pages printing at once (one per core)."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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
    """Print each job's page to its path, A4: in the kept browser if there is one."""
    if _kept is not None:
        _kept.print(jobs)
    else:
        asyncio.run(_print_all(jobs, chromium_path()))


@contextmanager
def browser_kept() -> Iterator[None]:
    """One browser for the reports printed inside the block (a backfill's, the demo's): its
    start (0.8 s) is paid once, not per report. Started here, before the runs, so that a run
    does not count it among the processes it must stop. Without Chromium, each report says so
    as it would without the block."""
    global _kept
    try:
        kept = _KeptBrowser(chromium_path())
    except Exception:  # each report then says why it has no PDF
        yield
        return
    _kept = kept
    try:
        yield
    finally:
        _kept = None
        kept.close()


class _KeptBrowser:
    """A browser driven from a thread of its own, whose event loop outlives each print."""

    def __init__(self, executable: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        try:
            self._playwright, self._browser = self._call(_launch(executable))
        except BaseException:
            self._stop_loop()
            raise

    def print(self, jobs: list[PrintJob]) -> None:
        self._call(_print_with(self._browser, jobs))

    def close(self) -> None:
        # a browser an interruption already stopped has nothing left to close
        with suppress(Exception):
            self._call(_shut(self._playwright, self._browser))
        self._stop_loop()

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


_kept: _KeptBrowser | None = None


async def _launch(executable: str):
    from playwright.async_api import async_playwright

    playwright = await async_playwright().start()
    try:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_FLAGS)
        )
    except BaseException:
        await playwright.stop()
        raise
    return playwright, browser


async def _shut(playwright, browser) -> None:
    try:
        await browser.close()
    finally:
        await playwright.stop()


async def _print_all(jobs: list[PrintJob], executable: str) -> None:
    playwright, browser = await _launch(executable)
    try:
        await _print_with(browser, jobs)
    finally:
        await _shut(playwright, browser)


async def _print_with(browser, jobs: list[PrintJob]) -> None:
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
            await page.pdf(path=str(job.path), format="A4", print_background=True, margin=MARGIN)
        await page.close()

    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    await asyncio.gather(*(printer() for _ in range(workers)))
