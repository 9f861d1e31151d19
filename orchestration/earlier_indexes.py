"""The index of the earlier quarters of a year, for the audit plan, built in one dbt process.

`python -m orchestration.earlier_indexes HOME SCHEME QUARTER=FINGERPRINT...` builds, in the order
given, the index of each quarter the dbt step found missing or built from other inputs, code or
scheme (ingest/built_quarters.py), without tests and unpublished, and records it built from the
inputs of that fingerprint. One process for them all, through dbt's programmatic runner with the
project parsed once: a `dbt` subprocess per quarter paid dbt's start-up and parse each time (4.2 s
a quarter for the generated city, 1.3 s here). The dbt step starts it through the run's standby
(core/dbt_standby.py), where dbt is imported already; it is a process of the run either way, so
an interrupted run stops it with the run's other children. Prints one line per quarter built;
exits 1 naming the quarter whose build failed.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from core.dbt_project import DBT_PROJECT_DIR
from core.home import Home
from core.quarters import Quarter
from core.scheme import LoadedScheme, load_scheme
from ingest.build_quarter import set_build_quarter
from ingest.built_quarters import forget_build, record_build
from ingest.scheme_tables import write_scheme
from publication.tables import INPUT_FILES_TABLE

# The index the audit plan averages over the year's quarters (marts/audit/audit_plan.sql).
RANKING_MODEL = "opd_quarter_ranking"
SELECTION = f"+{RANKING_MODEL} {INPUT_FILES_TABLE}"
PARTIAL_PARSE = "partial_parse.msgpack"


@contextmanager
def _warehouse(paths: Home) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, through the DuckDB instance dbt keeps open in this process once it has run:
    DuckDB refuses a second instance of a file in one process, and core.warehouse.connect's
    settings would make one; dbt's profile bounds the memory of this one."""
    con = duckdb.connect(str(paths.warehouse))
    try:
        yield con
    finally:
        con.close()


def _prepare(paths: Home, quarter: Quarter, scheme: LoadedScheme) -> None:
    """The warehouse set up to build `quarter`."""
    with _warehouse(paths) as con:
        forget_build(con, quarter)
        write_scheme(con, scheme, quarter)
        set_build_quarter(con, quarter)


def _keep_setup_parse(paths: Home) -> None:
    """A new home starts from the parse made at setup, as dagster-dbt's invocations do (the
    profile is the same in every home): without it dbt parses the whole project, 6 s."""
    kept = paths.dbt_target / PARTIAL_PARSE
    made_at_setup = DBT_PROJECT_DIR / "target" / PARTIAL_PARSE
    if made_at_setup.exists() and not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(made_at_setup, kept)


def build_earlier_indexes(
    paths: Home, scheme: LoadedScheme, fingerprints: dict[Quarter, str]
) -> int:
    from dbt.cli.main import dbtRunner

    common = [
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(paths.dbt_target),
        "--log-path", str(paths.dbt_target),
        "--quiet",
    ]  # fmt: skip
    runner = None
    for quarter, fingerprint in fingerprints.items():
        _prepare(paths, quarter, scheme)
        started = time.monotonic()
        if runner is None:
            _keep_setup_parse(paths)
            parsed = dbtRunner().invoke(["parse", "--no-write-json", *common])
            if not parsed.success:
                print(f"{quarter}: the dbt project could not be parsed", file=sys.stderr)
                return 1
            runner = dbtRunner(manifest=parsed.result)
        # the run's own success: every selected model built, the ranking included
        built = runner.invoke(["run", "--select", SELECTION, "--no-write-json", *common])
        if not built.success:
            print(
                f"{quarter}: its index, which the audit plan of the year averages, could not be "
                f"built: see the dbt log in {paths.dbt_target}",
                file=sys.stderr,
            )
            return 1
        with _warehouse(paths) as con:
            record_build(con, quarter, fingerprint)
        print(f"{quarter}: index built for the audit plan in {time.monotonic() - started:.1f} s")
    return 0


def main(argv: list[str]) -> int:
    home, scheme, *stale = argv
    # profiles.yml names the warehouse under ~ (orchestration/assets/dbt.py)
    os.environ["HOME"] = str(Path(home).resolve())
    os.environ.pop("RAPOR_WAREHOUSE", None)
    fingerprints = {
        Quarter.parse(key): fingerprint for key, fingerprint in (arg.split("=") for arg in stale)
    }
    return build_earlier_indexes(Home(Path(home)), load_scheme(scheme), fingerprints)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
