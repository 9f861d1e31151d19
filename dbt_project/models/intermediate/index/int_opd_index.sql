-- The index: sum of the weighted component scores, rounded once, at the end, to 2 decimals half
-- away from zero (macros/ranking.sql).
with

component_scores as (
    select * from {{ ref('int_component_scores') }}
),

summed as (
    select
        opd_code,
        {{ order_independent_sum('score * weight / 100') }} as index_raw,
        count(*) filter (where score is null and not is_excluded) as missing_components
    from component_scores
    group by opd_code
),

final as (
    select
        opd_code,
        index_raw,
        missing_components,
        case
            when missing_components = 0 then {{ rounded_index('index_raw') }}
        end as index_score
    from summed
)

select * from final
