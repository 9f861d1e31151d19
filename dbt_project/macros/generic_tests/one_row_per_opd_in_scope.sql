{#- Every OPD of the master active in the quarter is ranked exactly once, and nothing else is. -#}
{% test one_row_per_opd_in_scope(model) %}
    with

    expected as (
        select opd_code from {{ ref('int_opd_in_scope') }}
    ),

    ranked as (
        select
            opd_code,
            count(*) as rows_for_opd
        from {{ model }}
        group by opd_code
    )

    select
        coalesce(expected.opd_code, ranked.opd_code) as opd_code,
        coalesce(ranked.rows_for_opd, 0) as rows_for_opd
    from expected
    full outer join ranked on expected.opd_code = ranked.opd_code
    where coalesce(ranked.rows_for_opd, 0) <> 1 or expected.opd_code is null
{% endtest %}
