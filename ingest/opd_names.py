"""OPD named instead of coded: resolved to `opd_code` against the OPD master while loading.

A name matches the master's `opd_name` or any of its `aliases` (`|`-separated) after normalising
case, spaces and punctuation and dropping a region suffix (`Dinas Pendidikan Kota Magelang` →
`dinas pendidikan`). The master is the one in the warehouse, which already holds the `opd/` files
of the same run: they are loaded first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from core.findings import Finding, shown_value
from core.messages import Lang, word

_PUNCTUATION = re.compile(r"[^\w]+")
# `Kota Magelang`, `Kab. Bekasi`, `Pemerintah Provinsi Jawa Tengah` at the end of a name.
_REGION_SUFFIX = re.compile(
    r"\s+(pemerintah\s+)?(pemkot|pemkab|kota|kabupaten|kab|provinsi|prov)\s.*$"
)
CLOSEST_SHOWN = 3
CLOSEST_CUTOFF = 0.5


def normalize_name(text: str) -> str:
    name = _PUNCTUATION.sub(" ", str(text).lower()).strip()
    name = re.sub(r"\s+", " ", name)
    return _REGION_SUFFIX.sub("", name) or name


@dataclass
class OpdMaster:
    codes_by_name: dict[str, set[str]] = field(default_factory=dict)
    shown_by_name: dict[str, str] = field(default_factory=dict)
    official_names: dict[str, str] = field(default_factory=dict)

    def add(self, code: str, name: str) -> None:
        key = normalize_name(name)
        if key:
            self.codes_by_name.setdefault(key, set()).add(code)
            self.shown_by_name.setdefault(key, f"{name.strip()} ({code})")


def current_master(con: duckdb.DuckDBPyConnection) -> OpdMaster:
    """Names and aliases of the current OPD master rows of the warehouse."""
    rows = con.execute(
        "select opd_code, opd_name, aliases from raw.opd as m where exists ("
        "select 1 from raw.file_periods as p where p.file_sha256 = m._file_sha256 "
        "and p.dataset = 'opd' and p.superseded_by is null)"
    ).fetchall()
    master = OpdMaster()
    for code, name, aliases in rows:
        master.official_names.setdefault(code, name or "")
        for known in [name or "", *(aliases or "").split("|")]:
            master.add(code, known)
    return master


def resolve_opd_names(
    con: duckdb.DuckDBPyConnection,
    master: OpdMaster,
    finding: Callable[..., Finding],
    lang: Lang,
) -> list[Finding]:
    """Fill `_staged.opd_code` where a row names its OPD; findings for names that do not match
    exactly one OPD."""
    columns = {d[0] for d in con.execute("select * from _staged limit 0").description}
    if "opd_code" not in columns:
        con.execute("alter table _staged add column opd_code varchar")
    named = con.execute(
        "select opd_name, count(*), arg_min(_sheet, _line), min(_line) from _staged "
        "where rapor_text(opd_code) is null and rapor_text(opd_name) is not null "
        "group by opd_name order by min(_line)"
    ).fetchall()
    resolved, findings = [], []
    for name, rows, sheet, line in named:
        key = normalize_name(name)
        codes = master.codes_by_name.get(key, set())
        where = {"sheet": sheet, "line": line, "column": "opd_name", "value": shown_value(name)}
        if len(codes) == 1:
            resolved.append((name, next(iter(codes))))
        elif codes:
            candidates = "; ".join(f"{master.official_names[c]} ({c})" for c in sorted(codes))
            findings.append(
                finding("ambiguous_opd_name", rows=rows, candidates=candidates, **where)
            )
        else:
            close = difflib.get_close_matches(
                key, master.codes_by_name, n=CLOSEST_SHOWN, cutoff=CLOSEST_CUTOFF
            )
            closest = "; ".join(master.shown_by_name[k] for k in close) or word("none_close", lang)
            findings.append(finding("unknown_opd_name", rows=rows, closest=closest, **where))
    if resolved:
        con.execute("create or replace temp table _opd_names (opd_name varchar, opd_code varchar)")
        con.executemany("insert into _opd_names values (?, ?)", resolved)
        con.execute(
            "update _staged set opd_code = n.opd_code from _opd_names as n "
            "where _staged.opd_name = n.opd_name and rapor_text(_staged.opd_code) is null"
        )
    return findings
