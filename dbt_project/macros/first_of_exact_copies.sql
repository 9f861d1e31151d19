{#-
  A row that appears more than once with exactly the same values counts once (spec: inputs.md,
  exact duplicate rows are a warning, loaded once); the first line stays its provenance. Rows with
  the same key and different values are an error the data-quality gate stops before dbt runs.
-#}
{% macro first_of_exact_copies(columns) -%}
    row_number() over (
        partition by {{ columns | join(', ') }}
        order by _file_name, _line
    ) = 1
{%- endmacro %}
