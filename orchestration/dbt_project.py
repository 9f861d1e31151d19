"""The dbt project as dagster-dbt sees it, built once. Never parsed at import, except under
`dagster dev`, which picks up changed models: `rapor` and the tests prepare the manifest first
(`core.dbt_project.ensure_manifest`)."""

from __future__ import annotations

from dagster_dbt import DbtProject
from dagster_dbt.dbt_project import DagsterDbtProjectPreparer

from core.dbt_project import DBT_PROJECT_DIR, ensure_manifest

rapor_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# dagster-dbt's own preparation (`prepare_if_dev`) runs the `dbt` on PATH, which a fresh shell
# lacks; the venv's dbt parses instead, and only when a model changed.
if DagsterDbtProjectPreparer().using_dagster_dev():
    ensure_manifest()
