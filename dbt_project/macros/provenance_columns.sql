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
