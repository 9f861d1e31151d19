{#-
  The provenance of a raw row under the names staging gives it: the file (sha256 and name as
  received), the sheet and the line a person sees, and the load that brought it in.
-#}
{% macro provenance_columns() -%}
    _file_sha256 as source_file_sha256,
    _file_name as source_file_name,
    _sheet as source_sheet,
    _line as source_line,
    _load_id as load_id
{%- endmacro %}

{#-
  The stable id of a raw row: the file's sha256, the sheet and the line a person sees. Staging
  carries the three as provenance (above); the lineage mart writes them as one id, so the same
  row of the same file has the same id in every quarter, version and rebuild.
-#}
{% macro row_id(file_sha256, sheet, line) -%}
    {{ file_sha256 }} || '/' || coalesce({{ sheet }}, '') || '/' || {{ line }}::varchar
{%- endmacro %}

{#-
  The values of a raw row as read (its contract columns: no provenance, not whether it is
  current), as a JSON object.
-#}
{% macro row_values_json() -%}
    to_json(struct_pack(*columns(
        * exclude (_file_sha256, _file_name, _sheet, _line, _load_id, _is_current)
    )))
{%- endmacro %}

{#-
  Every row ever loaded of a dataset, superseded ones included, with `_is_current`: a view over
  the raw table behind source('inbox', dataset), which keeps only the current rows. Not a source
  of its own: it is the same table of the same ingest asset (Dagster keys each source by its
  table's name).
-#}
{% macro every_loaded_row(dataset) -%}
    loaded_rows.{{ dataset }}
{%- endmacro %}
