"""The dbt project as dagster-dbt sees it, built once. Never parsed at import: `rapor` and the
tests prepare the manifest first (`core.dbt_project.ensure_manifest`)."""

from __future__ import annotations

from dagster_dbt import DbtProject

from core.dbt_project import DBT_PROJECT_DIR

rapor_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
rapor_dbt_project.prepare_if_dev()
