{#-
  A row that appears more than once with exactly the same values counts once
  (docs/inputs.md#which-rows-count: exact duplicate rows are a warning, loaded once); the first
  line stays its provenance. Rows with the same key and different values are an error the
  data-quality gate stops before dbt runs.
-#}
{% macro first_of_exact_copies(columns, file_name='_file_name', line='_line') -%}
    row_number() over (
        partition by {{ columns | join(', ') }}
        order by {{ file_name }}, {{ line }}
    ) = 1
{%- endmacro %}

{#-
  The rows of `relation` without their exact copies, for the models of millions of rows: copies
  share their key, so only the rows of a key seen more than once go through the window of
  first_of_exact_copies (a national year of budget lines: 16 s instead of 61 s).
-#}
{% macro without_exact_copies(relation, key_columns, value_columns) -%}
    with

    keyed_rows as (
        select
            *,
            hash({{ key_columns | join(', ') }}) as key_hash
        from {{ relation }}
    ),

    repeated_keys as (
        select key_hash
        from keyed_rows
        group by key_hash
        having count(*) > 1
    ),

    rows_of_single_keys as (
        select * exclude (key_hash)
        from keyed_rows
        where key_hash not in (select repeated_keys.key_hash from repeated_keys)
    ),

    first_rows_of_repeated_keys as (
        select * exclude (key_hash)
        from keyed_rows
        where key_hash in (select repeated_keys.key_hash from repeated_keys)
        qualify {{ first_of_exact_copies(value_columns, 'source_file_name', 'source_line') }}
    )

    select * from rows_of_single_keys
    union all
    select * from first_rows_of_repeated_keys
{%- endmacro %}
