"""The ranking of a published quarter as a plain-text table for the terminal."""

from __future__ import annotations

from pathlib import Path

import duckdb

RANKING_SQL = """
select rank, opd_code, opd_name, index_score, zone, predicate, consequence,
       coalesce(consequence_label, '') as consequence_label, rank_group
from marts.opd_quarter_ranking
where quarter_key = ?
order by rank_group, rank, opd_code
"""
HEADERS = ("Rank", "Kode", "OPD", "Indeks", "Zona", "Predikat", "Konsekuensi")


def latest_published_quarter(published_db: Path) -> str | None:
    with duckdb.connect(str(published_db), read_only=True) as con:
        row = con.execute(
            "select max(quarter_key) from marts.publication_log where status = 'published'"
        ).fetchone()
    return row[0] if row else None


def ranking_rows(published_db: Path, quarter_key: str) -> list[tuple]:
    with duckdb.connect(str(published_db), read_only=True) as con:
        return con.execute(RANKING_SQL, [quarter_key]).fetchall()


def format_ranking(rows: list[tuple], name_width: int = 48) -> str:
    """Fixed-width table; consequences read `reward: Rp5.000.000`."""
    lines = []
    groups = sorted({row[8] for row in rows})
    for group in groups:
        if len(groups) > 1:
            lines.append(f"[{group}]")
        body = []
        for rank, code, name, index, zone, predicate, consequence, label, row_group in rows:
            if row_group != group:
                continue
            outcome = "" if consequence == "none" else f"{consequence}: {label}".rstrip(": ")
            short = name if len(name) <= name_width else name[: name_width - 1] + "…"
            body.append((str(rank), code, short, f"{index:.2f}", zone, predicate, outcome))
        widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(HEADERS)]
        lines.append("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body
        ]
    return "\n".join(lines)
