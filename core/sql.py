"""Quoting for the SQL that Rapor writes itself (identifiers and literals it did not type)."""

from __future__ import annotations


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"
