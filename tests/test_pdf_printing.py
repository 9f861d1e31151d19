"""The report's PDFs (reports/pdf.py): several reports in a row share one browser when a
backfill or the demo keeps it, and print the same pages as with a browser of their own."""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader

from rapor.runner import children_of
from reports.pdf import PrintJob, browser_kept, print_pdfs


def _job(path: Path, text: str) -> PrintJob:
    return PrintJob(lambda: f"<html><body><h1>{text}</h1></body></html>", path)


def _browsers() -> set[int]:
    """This process's Chromium main processes (its renderers are their children)."""
    found = set()
    for pid in children_of(os.getpid()):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"chromium" in command[0] and not any(b"--type=" in part for part in command):
            found.add(pid)
    return found


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_reports_printed_in_a_row_share_the_kept_browser(tmp_path):
    with browser_kept():
        print_pdfs([_job(tmp_path / "q1.pdf", "Triwulan I")])
        first = _browsers()
        print_pdfs([_job(tmp_path / "q2.pdf", "Triwulan II"), _job(tmp_path / "q3.pdf", "III")])
        assert _browsers() == first
        assert len(first) == 1
    assert _browsers() == set(), "the browser ends with the block"
    assert _text(tmp_path / "q1.pdf") == "Triwulan I"
    assert _text(tmp_path / "q2.pdf") == "Triwulan II"
    assert _text(tmp_path / "q3.pdf") == "III"


def test_a_kept_browser_prints_what_a_browser_of_its_own_prints(tmp_path):
    print_pdfs([_job(tmp_path / "own.pdf", "Peringkat OPD")])
    with browser_kept():
        print_pdfs([_job(tmp_path / "kept.pdf", "Peringkat OPD")])
    own, kept = PdfReader(tmp_path / "own.pdf"), PdfReader(tmp_path / "kept.pdf")
    assert len(own.pages) == len(kept.pages) == 1
    assert _text(tmp_path / "own.pdf") == _text(tmp_path / "kept.pdf") == "Peringkat OPD"
    assert own.pages[0].mediabox == kept.pages[0].mediabox
