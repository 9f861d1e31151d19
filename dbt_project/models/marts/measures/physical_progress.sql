with

progress as (
    select * from {{ ref('int_physical_progress_by_opd') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        opd_code,
        sub_activities::integer as sub_activities,
        budget::decimal(20, 2) as budget,
        weighted_target_pct::double as weighted_target_pct,
        weighted_realization_pct::double as weighted_realization_pct,
        score::double as score
    from progress
)

select * from final
