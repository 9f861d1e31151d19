"""Ingest: inbox files → archived by sha256 → parsed and typed → `raw.*` tables with provenance.

Plain functions; this package never imports Dagster.
"""
