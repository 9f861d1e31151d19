{#-
  The quarter being built, read from `raw.build_quarter` (one row, written by the orchestrator just
  before `dbt build`). Not dbt vars: a var that changes every quarter makes dbt re-parse the whole
  project on every run, which cost more than building the quarter.
-#}
{% macro build_quarter(column) -%}
    (select {{ column }} from {{ source('scheme', 'build_quarter') }})
{%- endmacro %}

{% macro quarter_year() -%}
    {{ build_quarter('year') }}
{%- endmacro %}

{% macro quarter_number() -%}
    {{ build_quarter('quarter') }}
{%- endmacro %}

{% macro quarter_last_month() -%}
    {{ build_quarter('last_month') }}
{%- endmacro %}

{% macro quarter_first_day() -%}
    {{ build_quarter('first_day') }}
{%- endmacro %}

{#- Half-open bound: the first day after the quarter. -#}
{% macro quarter_end_exclusive() -%}
    {{ build_quarter('end_exclusive') }}
{%- endmacro %}

{% macro quarter_last_day() -%}
    {{ build_quarter('last_day') }}
{%- endmacro %}

{% macro build_quarter_key() -%}
    {{ build_quarter('quarter_key') }}
{%- endmacro %}

{#- A row of a quarterly dataset that belongs to the quarter being built. -#}
{% macro is_in_build_quarter() -%}
    year = {{ quarter_year() }} and quarter = {{ quarter_number() }}
{%- endmacro %}

{#- A row of a monthly dataset from January up to the last month of the quarter being built. -#}
{% macro is_year_to_date_of_build_quarter() -%}
    year = {{ quarter_year() }} and month <= {{ quarter_last_month() }}
{%- endmacro %}
