"""Dagster definitions of Rapor: thin assets and checks over `ingest/`, dbt and publication."""

import warnings

from dagster import BetaWarning, PreviewWarning

# `backfill_policy` on @asset is beta; every asset sets it so backfills run one quarter per run.
warnings.filterwarnings("ignore", category=BetaWarning)
# Partitioned asset checks are in preview; the quality checks run per quarter.
warnings.filterwarnings("ignore", category=PreviewWarning)
