{#- Every value lies within the bounds, both inclusive; a bound left out does not apply. -#}
{% test value_between(model, column_name, min_value=none, max_value=none) %}
    select {{ column_name }}
    from {{ model }}
    where
        {% if min_value is not none -%}
            {{ column_name }} < {{ min_value }}
        {%- else -%}
            false
        {%- endif %}
        or {% if max_value is not none -%}
            {{ column_name }} > {{ max_value }}
        {%- else -%}
            false
        {%- endif %}
{% endtest %}
