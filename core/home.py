"""The layout of a Rapor home (`--home`, `$RAPOR_HOME`, else `./.rapor`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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

    @property
    def dbt_target(self) -> Path:
        """dbt's artifacts for this home's warehouse; kept, so the next build parses partially."""
        return self.root / "dbt"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"
