{#-
  Every listed column is filled. One test per model instead of one per column: dbt spends about
  as long on a test's bookkeeping as DuckDB on its query, and the pipeline runs them every quarter.
  A failing row names its empty columns.
-#}
{% test not_null_columns(model, columns) %}
    select
        concat_ws(
            ', ',
            {% for column in columns -%}
                case when {{ column }} is null then '{{ column }}' end
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) as empty_columns
    from {{ model }}
    where
        {% for column in columns -%}
            {{ column }} is null{% if not loop.last %} or {% endif %}
        {%- endfor %}
{% endtest %}
