{#-
  True for a raw row whose file has not been superseded, for that row's period, by a corrected file
  of the same dataset (see ingest/load.py: raw.file_periods).
-#}
{% macro is_current_row(dataset, year_expr, period_expr, alias='source_rows') -%}
    exists (
        select 1
        from {{ source('inbox', 'file_periods') }} as periods
        where
            periods.file_sha256 = {{ alias }}._file_sha256
            and periods.dataset = '{{ dataset }}'
            and periods.year = {{ year_expr }}
            and periods.period = {{ period_expr }}
            and periods.superseded_by is null
    )
{%- endmacro %}
