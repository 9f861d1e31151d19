-- The order the scheme's tie-breakers put the OPDs of a ranking group in: by the score of the
-- first tie-breaker component, then the second… (1 = best). Equal for every OPD when the scheme
-- has none, so that equal indexes share a rank.
with

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

component_scores as (
    select * from {{ ref('int_component_scores') }}
),

tie_breakers as (
    select * from {{ ref('stg_scheme__tie_breakers') }}
),

keys as (
    select
        component_scores.opd_code,
        -- fixed to 8 decimals so that binary noise cannot break a tie; an excluded component
        -- (no score) loses to any score
        list(
            coalesce(round(component_scores.score::decimal(38, 8), 8), -1)
            order by tie_breakers.position
        ) as tie_break_scores
    from component_scores
    inner join tie_breakers on component_scores.component = tie_breakers.component
    group by component_scores.opd_code
),

final as (
    select
        opd.opd_code,
        opd.rank_group,
        coalesce(keys.tie_break_scores, []) as tie_break_scores,
        dense_rank() over (
            partition by opd.rank_group
            order by coalesce(keys.tie_break_scores, []) desc
        ) as tie_break_order
    from opd
    left join keys on opd.opd_code = keys.opd_code
)

select * from final
