-- The Monte Carlo draws of the scheme's weights behind opd_rank_uncertainty: in each draw every
-- component's weight is moved by a uniform share within ± perturbation_pct of itself, then the
-- weights are renormalised to sum to 100. The uniform numbers come from an md5 of
-- seed/draw/component: the same scheme gives the same draws on any machine and DuckDB version.
with

components as (
    select * from {{ ref('stg_scheme__components') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

draws as (
    select
        unnest(range(uncertainty_draws)) as draw,
        uncertainty_seed,
        uncertainty_perturbation_pct
    from parameters
),

uniform as (
    select
        draws.draw,
        components.component,
        components.position,
        components.weight as scheme_weight,
        draws.uncertainty_perturbation_pct as perturbation_pct,
        -- the first 32 bits of the md5, as a number in [0, 1)
        (
            '0x' || left(
                md5(concat_ws('/', draws.uncertainty_seed, draws.draw, components.component)), 8
            )
        )::ubigint
        / 4294967296 as uniform_number
    from draws
    cross join components
),

perturbed as (
    select
        draw,
        component,
        position,
        scheme_weight,
        scheme_weight * (1 + perturbation_pct / 100 * (2 * uniform_number - 1)) as drawn_weight
    from uniform
),

final as (
    select
        draw,
        component,
        position,
        scheme_weight,
        drawn_weight * 100 / sum(drawn_weight) over (partition by draw) as weight
    from perturbed
)

select * from final
