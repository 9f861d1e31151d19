{#-
  The rows of a `raw.scheme_*` table (source `scheme`, written by ingest/scheme_tables.py) for the
  quarter being built: the scheme in force. Each staging scheme model is this one select.
-#}
{% macro scheme_rows(table) -%}
    select * from {{ source('scheme', table) }}
    where quarter_key = {{ build_quarter_key() }}
{%- endmacro %}
