-- Every OPD in scope × every component of the scheme, with its measure's value and score.
-- An excluded component gives its weight to the OPD's other components, in proportion to theirs.
with

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

components as (
    select * from {{ ref('stg_scheme__components') }}
),

measure_scores as (
    select
        opd_code,
        'budget_absorption' as measure,
        null as component,
        absorption_pct as measure_value,
        score,
        false as is_excluded
    from {{ ref('int_budget_absorption_by_opd') }}
    union all
    select
        opd_code,
        'physical_progress' as measure,
        null as component,
        weighted_realization_pct as measure_value,
        score,
        false as is_excluded
    from {{ ref('int_physical_progress_by_opd') }}
    union all
    select
        opd_code,
        'indicator_achievement' as measure,
        null as component,
        score as measure_value,
        score,
        false as is_excluded
    from {{ ref('int_indicator_achievement_by_opd') }}
    union all
    select
        opd_code,
        'p3dn_usage' as measure,
        null as component,
        p3dn_pct as measure_value,
        score,
        false as is_excluded
    from {{ ref('int_p3dn_usage_by_opd') }}
    union all
    select
        opd_code,
        'complaint_response' as measure,
        null as component,
        response_rate_pct as measure_value,
        score,
        is_excluded
    from {{ ref('int_complaint_response_by_opd') }}
    union all
    select
        opd_code,
        'assessed' as measure,
        component,
        score as measure_value,
        score,
        false as is_excluded
    from {{ ref('stg_inbox__assessed_scores') }}
),

scored as (
    select
        opd.opd_code,
        components.component,
        components.measure,
        components.position,
        components.weight as scheme_weight,
        measure_scores.measure_value,
        measure_scores.score,
        coalesce(measure_scores.is_excluded, false) as is_excluded
    from opd
    cross join components
    left join measure_scores
        on
            opd.opd_code = measure_scores.opd_code
            and components.measure = measure_scores.measure
            and (
                components.measure <> 'assessed'
                or components.component = measure_scores.component
            )
),

final as (
    select
        opd_code,
        component,
        measure,
        position,
        scheme_weight,
        measure_value,
        score,
        is_excluded,
        case
            when is_excluded then 0
            else
                scheme_weight * 100
                -- exact, as macros/order_independent_sum.sql explains
                / sum((case when is_excluded then 0 else scheme_weight end)::decimal(38, 12))
                    over (partition by opd_code)
        end as weight
    from scored
)

select * from final
