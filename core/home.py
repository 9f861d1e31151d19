"""The layout of a Rapor home (`--home`, `$RAPOR_HOME`, else `./.rapor`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


def file_name(code: str) -> str:
    """A code as a file name: characters other than letters, digits, `.`, `-`, `_` become `_`."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", code)


@dataclass(frozen=True)
class Home:
    root: Path

    @property
    def warehouse(self) -> Path:
        """The working warehouse: written by ingest and dbt, never read by BI tools. dbt's
        profile names it `~/warehouse/rapor.duckdb`, with HOME set to the root."""
        return self.root / "warehouse" / "rapor.duckdb"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def published_dir(self) -> Path:
        return self.root / "published"

    @property
    def published_db(self) -> Path:
        """What BI tools read: replaced atomically by each publication."""
        return self.published_dir / "rapor.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.published_dir / "parquet"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    def trace_page(self, quarter_key: str, opd_code: str) -> Path:
        """The auditors' trace page of an OPD (audit/trace.py writes it, the quarterly report's
        card links it), beside the quarter's report."""
        return self.reports_dir / quarter_key / "trace" / f"{file_name(opd_code)}.html"

    @property
    def dbt_target(self) -> Path:
        """dbt's artifacts for this home's warehouse; kept, so the next build parses partially."""
        return self.root / "dbt"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"
