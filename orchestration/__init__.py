"""Dagster definitions of Rapor: thin assets and checks over `ingest/`, dbt and publication."""

import warnings

# from dagster's light shared package: `import dagster` (1.1 s) is not paid by the child processes
# of this package that do not use it (orchestration/earlier_indexes.py)
from dagster_shared.utils.warnings import BetaWarning, PreviewWarning

# `backfill_policy` on @asset is beta; every asset sets it so backfills run one quarter per run.
warnings.filterwarnings("ignore", category=BetaWarning)
# Partitioned asset checks are in preview; the quality checks run per quarter.
warnings.filterwarnings("ignore", category=PreviewWarning)
