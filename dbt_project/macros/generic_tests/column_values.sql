{#-
  Each listed column keeps to its rules: filled (`not_null`), between its bounds (`between`:
  both inclusive, a bound left out does not apply) or among its values (`accepted`: text quoted,
  numbers as they are); an empty value breaks only `not_null`. The columns of `unique` together
  hold each combination of values once (an empty value is a value: two rows empty there are two
  of the same). One test per model instead of one per column and rule: dbt spends about as long
  on a test's bookkeeping as DuckDB on its query, and the pipeline runs them every quarter. A
  failing row names the columns that broke a rule, `unique (…)` for a combination held twice.
-#}
{% test column_values(model, not_null=[], unique=[], between={}, accepted={}) %}
    {%- set rules = column_value_rules(not_null, between, accepted) -%}
    {%- set columns = [] -%}
    {%- for column in rules | map('first') | list + unique -%}
        {%- if column not in columns %}{% do columns.append(column) %}{% endif -%}
    {%- endfor -%}
    {#- a part without rules (or without a key) selects nothing: one query shape for all -#}
    select
        concat_ws(
            ', ',
            {% for column, broken in rules -%}
                case when {{ broken }} then '{{ column }}' end,
            {% endfor %}
            null
        ) as broken_columns,
        {% for column in columns -%}
            {{ column }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from {{ model }}
    where
        {% for column, broken in rules -%}
            ({{ broken }}) or
        {% endfor %}
        false
    union all
    select
        'unique ({{ unique | join(", ") }})' as broken_columns,
        {% for column in columns -%}
            {% if column in unique %}{{ column }}{% else %}null as {{ column }}{% endif %}
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from {{ model }}
    {% if unique -%}
        group by {{ unique | join(', ') }}
        having count(*) > 1
    {%- else -%}
        where false
    {%- endif %}
{% endtest %}

{#- (column, the condition a row breaking its rule meets): empty, then bounds, then values. -#}
{% macro column_value_rules(not_null, between, accepted) %}
    {%- set rules = [] -%}
    {%- for column in not_null -%}
        {%- do rules.append((column, column ~ ' is null')) -%}
    {%- endfor -%}
    {%- for column, bounds in between.items() -%}
        {%- set outside = [] -%}
        {%- if bounds.get('min_value') is not none -%}
            {%- do outside.append(column ~ ' < ' ~ bounds['min_value']) -%}
        {%- endif -%}
        {%- if bounds.get('max_value') is not none -%}
            {%- do outside.append(column ~ ' > ' ~ bounds['max_value']) -%}
        {%- endif -%}
        {%- do rules.append((column, outside | join(' or '))) -%}
    {%- endfor -%}
    {%- for column, values in accepted.items() -%}
        {%- set literals = [] -%}
        {%- for value in values -%}
            {%- if value is string -%}
                {%- do literals.append("'" ~ value | replace("'", "''") ~ "'") -%}
            {%- else -%}
                {%- do literals.append(value | string) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do rules.append((column, column ~ ' not in (' ~ literals | join(', ') ~ ')')) -%}
    {%- endfor -%}
    {{ return(rules) }}
{% endmacro %}
