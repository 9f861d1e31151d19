"""How each column type is stored in DuckDB and parsed from text, as SQL over the raw text column.

Values are read as text and converted in SQL so that a rejected value can be reported with its line
and the whole file never has to pass through Python. The parsing rules are DuckDB macros of the
connection (`install_macros`), so every query spells them the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import duckdb

from core.contract import STORAGE_TYPE, ColumnType

NUMBER_TYPES: tuple[ColumnType, ...] = ("int", "money", "num", "pct")

# The range every value of a type must fall in, with the rule name reported when it does not.
RANGE: dict[ColumnType, tuple[str, str]] = {
    "month": ("{v} between 1 and 12", "month_out_of_range"),
    "quarter": ("{v} between 1 and 4", "quarter_out_of_range"),
    "pct": ("{v} between 0 and 100", "pct_out_of_range"),
}

# The first year a regional budget in this form can be about (SIPD and its predecessors); the
# last is next year (a budget is planned a year ahead): a year outside is a typo, e.g. 2052 or 1925.
FIRST_PLAUSIBLE_YEAR = 2000


def plausible_years() -> tuple[int, int]:
    return FIRST_PLAUSIBLE_YEAR, dt.date.today().year + 1


# English `1,234,567.89` or Indonesian `1.234.567,89`: decided per column and file (numbers.py).
Convention = Literal["en", "id"]

# Indonesian month names and the abbreviations finance exports use (`Agt`, `Agu`, `Peb`, `Nop`),
# with the English ones a spreadsheet in English locale writes.
MONTH_NAMES: dict[str, int] = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agt", "agu", "ags", "agust", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Dates are first brought to `d-m-Y` or `Y-m-d` (month names to numbers, `/` to `-`, `T` to a
# space), so that few formats cover every accepted spelling.
DATETIME_FORMATS = tuple(
    f"{d}{t}" for d in ("%Y-%m-%d", "%d-%m-%Y") for t in ("", " %H:%M:%S", " %H:%M")
)
# Excel counts days from 1899-12-30; five digits cover 1927–2173. The fraction of a day is read to
# the second: a binary fraction is never exactly a time of day.
EXCEL_SERIAL = r"\d{5}(\.\d+)?"

# Number text: `Rp`, spaces and a trailing `%` dropped, `(5)` read as `-5`.
_UNSIGNED_EN = r"\d+(\.\d+)?|\d{1,3}(,\d{3})+(\.\d+)?"
_UNSIGNED_ID = r"\d+(,\d+)?|\d{1,3}(\.\d{3})+(,\d+)?"


def _lookup(mapping: dict[str, int], key: str) -> str:
    """SQL: the number `key` names in `mapping`, else null."""
    names = ", ".join(f"'{k}'" for k in mapping)
    numbers = ", ".join(str(v) for v in mapping.values())
    return f"([{numbers}])[list_position([{names}], {key})]"


_FORMATS = "[" + ", ".join(f"'{f}'" for f in DATETIME_FORMATS) + "]"

# Each macro binds its intermediate text once with a one-element list_transform: DuckDB expands
# macros inline, and a text used several times would otherwise be rebuilt (and planned) each time.
MACROS = (
    "create or replace temp macro rapor_text(v) as nullif(trim(v), '')",
    # the number with Rp, spaces and % removed and parentheses turned into a minus sign
    r"""create or replace temp macro rapor_number_text(v) as list_transform(
        [regexp_replace(lower(trim(v)), '(rp\.?)|[\s\x{00a0}]|%$', '', 'g')],
        lambda t: case when regexp_full_match(t, '\(.*\)') then '-' || t[2:-2] else t end
    )[1]""",
    # which convention a value shows: plain (either), ambiguous (either, differently), en, id
    rf"""create or replace temp macro rapor_number_kind(v) as list_transform(
        [regexp_replace(rapor_number_text(v), '^[+-]', '')],
        lambda u: case
            when u is null or u = '' then null
            when regexp_full_match(u, '\d+') then 'plain'
            when regexp_full_match(u, '\d{{1,3}}[.,]\d{{3}}') then 'ambiguous'
            when regexp_full_match(u, '{_UNSIGNED_EN}') then 'en'
            when regexp_full_match(u, '{_UNSIGNED_ID}') then 'id'
        end
    )[1]""",
    # the same, cheaply for the usual canonical `1234567.89` (a cast), by the regexes otherwise
    r"""create or replace temp macro rapor_number_kind_fast(v) as case
        when not contains(v, ',') and try_cast(v as double) is not null then case
            when not contains(v, '.') then 'plain'
            when length(v) <= 9 and regexp_full_match(trim(v), '[+-]?\d{1,3}\.\d{3}')
                then 'ambiguous'
            else 'en'
        end
        else rapor_number_kind(v)
    end""",
    # the value as canonical number text under the column's convention; null if it is not one
    rf"""create or replace temp macro rapor_number(v, convention) as list_transform(
        [rapor_number_text(v)],
        lambda n: list_transform(
            [regexp_replace(n, '^[+-]', '')],
            lambda u: case when starts_with(n, '-') then '-' else '' end || case
                when convention = 'id' and regexp_full_match(u, '{_UNSIGNED_ID}')
                    then replace(replace(u, '.', ''), ',', '.')
                when convention = 'en' and regexp_full_match(u, '{_UNSIGNED_EN}')
                    then replace(u, ',', '')
            end
        )[1]
    )[1]""",
    f"""create or replace temp macro rapor_month_number(name) as
        {_lookup(MONTH_NAMES, "name")}""",
    # `31 Maret 2024 10:15` → `31-03-2024 10:15`; `2024/03/31T10:15` → `2024-03-31 10:15`
    r"""create or replace temp macro rapor_date_text(v) as list_transform(
        [lower(trim(v))],
        lambda s: replace(replace(coalesce(
            regexp_replace(
                s,
                '^(\d{1,2})[\s/-]+[a-z]+\.?[\s/,-]+(\d{4})',
                '\1-' || lpad(rapor_month_number(
                    regexp_extract(s, '^\d{1,2}[\s/-]+([a-z]+)', 1)
                )::varchar, 2, '0') || '-\2'
            ),
            s
        ), '/', '-'), 't', ' ')
    )[1]""",
    rf"""create or replace temp macro rapor_ts(v) as list_transform(
        [rapor_date_text(v)],
        lambda s: coalesce(
            try_strptime(s, {_FORMATS}),
            case when regexp_full_match(s, '{EXCEL_SERIAL}') then
                timestamp '1899-12-30' + to_seconds(round(s::double * 86400)::bigint)
            end
        )
    )[1]""",
    r"""create or replace temp macro rapor_month(v) as list_transform(
        [lower(trim(v))],
        lambda s: case
            when regexp_full_match(s, '\d{1,2}(\.0+)?') then s::double::integer
            else rapor_month_number(rtrim(s, '.'))
        end
    )[1]""",
    rf"""create or replace temp macro rapor_quarter(v) as list_transform(
        [regexp_replace(lower(trim(v)), '^(triwulan|trw|tw|kuartal|q)[\s.-]*', '')],
        lambda q: case
            when regexp_full_match(q, '\d{{1,2}}(\.0+)?') then q::double::integer
            else {_lookup(ROMAN_QUARTERS, "q")}
        end
    )[1]""",
)


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    for statement in MACROS:
        con.execute(statement)


def text_sql(ident: str) -> str:
    """The trimmed text of a cell, null when empty."""
    return f"rapor_text({ident})"


def parse_sql(column_type: ColumnType, ident: str, convention: Convention = "en") -> str:
    """SQL turning the text column `ident` into the stored type; null where it cannot be parsed."""
    storage = STORAGE_TYPE[column_type]
    if column_type == "str":
        return text_sql(ident)
    if column_type == "date":
        return f"rapor_ts({ident})::date"
    if column_type == "ts":
        return f"rapor_ts({ident})"
    if column_type == "month":
        return f"try_cast(rapor_month({ident}) as {storage})"
    if column_type == "quarter":
        return f"try_cast(rapor_quarter({ident}) as {storage})"
    if convention == "en":
        # most values are plain numbers: cast them without the regular expressions
        return (
            f"coalesce(try_cast({text_sql(ident)} as {storage}), "
            f"try_cast(rapor_number({ident}, 'en') as {storage}))"
        )
    return f"try_cast(rapor_number({ident}, 'id') as {storage})"
