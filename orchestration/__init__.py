"""Dagster definitions of Rapor: thin assets and checks over `ingest/`, dbt and publication."""

import warnings

from dagster import BetaWarning

# `backfill_policy` on @asset is beta; every asset sets it so backfills run one quarter per run.
warnings.filterwarnings("ignore", category=BetaWarning)
