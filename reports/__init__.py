"""Reports read the published marts with SQL only; this package never imports Dagster."""
