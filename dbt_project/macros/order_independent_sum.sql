{#- A sum of doubles that does not depend on the order the rows arrive in: a double sum does, and
    parallel scans change that order between two builds of the same inputs, so an unchanged
    rerun would publish scores differing in the last bit (and a new content digest). Each term
    is fixed to 12 decimals and summed exactly as a 128-bit decimal. With `over`, the sum over
    that window (e.g. `partition by region_code`). -#}
{% macro order_independent_sum(expression, over=none) -%}
    {%- if over is none -%}
        sum(({{ expression }})::decimal(38, 12))::double
    {%- else -%}
        (sum(({{ expression }})::decimal(38, 12)) over ({{ over }}))::double
    {%- endif -%}
{%- endmacro %}
