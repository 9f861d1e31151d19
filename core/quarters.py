"""Quarter keys (`2024-Q3`), which are also the Dagster partition keys."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_KEY = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def parse(cls, key: str) -> Quarter:
        """Parse `2024-Q3`; also accepts a quarter's first day (`2024-07-01`), the partition key
        of runs recorded before the partitions were keyed by quarter."""
        text = key.strip().upper()
        match = _KEY.match(text)
        if match:
            return cls(int(match.group(1)), int(match.group(2)))
        try:
            start = dt.date.fromisoformat(key.strip())
        except ValueError:
            raise ValueError(f"not a quarter: {key!r} (expected e.g. 2024-Q3)") from None
        if start.day != 1 or start.month not in (1, 4, 7, 10):
            raise ValueError(f"{key!r} is not the first day of a quarter")
        return cls(start.year, (start.month - 1) // 3 + 1)

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def partition_key(self) -> str:
        return self.key

    @property
    def first_month(self) -> int:
        return 3 * self.quarter - 2

    @property
    def last_month(self) -> int:
        return 3 * self.quarter

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end_exclusive(self) -> dt.date:
        """First day after the quarter: filters are half-open (`>= start and < end`)."""
        return self.next().start

    @property
    def last_day(self) -> dt.date:
        return self.end_exclusive - dt.timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + self.quarter // 4, self.quarter % 4 + 1)

    @property
    def earlier_in_year(self) -> list[Quarter]:
        """The quarters of the year before this one, oldest first."""
        return [Quarter(self.year, number) for number in range(1, self.quarter)]

    def build_row(self) -> dict:
        """The row of `raw.build_quarter` from which the dbt models read the quarter they build."""
        return {
            "quarter_key": self.key,
            "year": self.year,
            "quarter": self.quarter,
            "first_day": self.start,
            "last_day": self.last_day,
            "end_exclusive": self.end_exclusive,
            "first_month": self.first_month,
            "last_month": self.last_month,
        }

    def __str__(self) -> str:
        return self.key
