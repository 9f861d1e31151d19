with

absorption as (
    select * from {{ ref('int_budget_absorption_by_opd') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        opd_code,
        sub_activities::integer as sub_activities,
        budget::decimal(20, 2) as budget,
        realization_ytd::decimal(20, 2) as realization_ytd,
        absorption_pct::double as absorption_pct,
        target_pct::double as target_pct,
        score::double as score
    from absorption
)

select * from final
