{#- The weights applied to one OPD's components must add up to 100 %. -#}
{% test weights_sum_to_100(model) %}
    select
        quarter_key,
        opd_code,
        sum(weight) as total_weight
    from {{ model }}
    group by quarter_key, opd_code
    having abs(sum(weight) - 100) > 1e-9
{% endtest %}
