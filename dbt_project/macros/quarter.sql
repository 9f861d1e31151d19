{#- The quarter being built, from the vars the orchestrator passes (see dbt_project.yml). -#}
{% macro quarter_last_month() -%}
    {{ var('quarter') | int * 3 }}
{%- endmacro %}

{% macro quarter_first_day() -%}
    make_date({{ var('year') | int }}, {{ var('quarter') | int * 3 - 2 }}, 1)
{%- endmacro %}

{#- Half-open bound: the first day after the quarter. -#}
{% macro quarter_end_exclusive() -%}
    ({{ quarter_first_day() }} + interval 3 month)::date
{%- endmacro %}

{% macro quarter_last_day() -%}
    ({{ quarter_end_exclusive() }} - interval 1 day)::date
{%- endmacro %}

{% macro quarter_key_literal() -%}
    '{{ var("quarter_key") }}'
{%- endmacro %}
