-- The OPD's indicator measure: weighted mean of the capped scores of its scored indicators
-- (weights from the `weight` column; an indicator without one counts 1).
with

indicators as (
    select * from {{ ref('int_indicator_achievement') }}
    where is_scored
),

final as (
    select
        opd_code,
        count(*) as indicators,
        {{ order_independent_sum('achievement_score * coalesce(weight, 1)') }}
        / {{ order_independent_sum('coalesce(weight, 1)') }} as score
    from indicators
    group by opd_code
)

select * from final
