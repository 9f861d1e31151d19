-- Each OPD's score per component of the scheme, with the weight actually applied.
with

component_scores as (
    select * from {{ ref('int_component_scores') }}
),

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        component_scores.opd_code,
        component_scores.component,
        component_scores.measure,
        component_scores.position::integer as position,
        component_scores.measure_value::double as measure_value,
        component_scores.score::double as score,
        component_scores.scheme_weight::double as scheme_weight,
        component_scores.weight::double as weight,
        (component_scores.score * component_scores.weight / 100)::double as weighted_score,
        component_scores.is_excluded
    from component_scores
    inner join opd on component_scores.opd_code = opd.opd_code
)

select * from final
