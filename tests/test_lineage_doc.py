"""docs/lineage.md is what `python -m rapor.lineage_doc` writes from the current dbt models."""

from __future__ import annotations

from rapor.lineage_doc import DOC, render


def test_the_lineage_doc_is_not_stale():
    expected = render()
    assert "`current_rows.anggaran` | `budget`" in expected
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/lineage.md is stale: run `.venv/bin/python -m rapor.lineage_doc`"
    )
