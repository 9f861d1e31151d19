-- The published index of an OPD (docs/methodology.md#index-and-weights) is the sum of the weighted
-- scores of its components in opd_quarter_component_scores, rounded once to 2 decimals: the two
-- marts must agree to within the rounding (half a hundredth). Returns the OPDs of the quarter being
-- built where they do not, or where one mart has the OPD and the other does not.
-- shown in Dagster as a check of the ranking mart
{{ config(meta={'dagster': {'ref': {'name': 'opd_quarter_ranking'}}}) }}

with

ranking as (
    select
        opd_code,
        index_score
    from {{ ref('opd_quarter_ranking') }}
    where quarter_key = {{ build_quarter_key() }}
),

component_scores as (
    select
        opd_code,
        sum(weighted_score) as weighted_score_sum,
        count(*) filter (where score is null and not is_excluded) as missing_components
    from {{ ref('opd_quarter_component_scores') }}
    where quarter_key = {{ build_quarter_key() }}
    group by opd_code
),

final as (
    select
        coalesce(ranking.opd_code, component_scores.opd_code) as opd_code,
        ranking.index_score,
        component_scores.weighted_score_sum,
        component_scores.missing_components
    from ranking
    full outer join component_scores on ranking.opd_code = component_scores.opd_code
    where
        ranking.opd_code is null
        or component_scores.opd_code is null
        -- an OPD with a missing component has no index (the not_null tests report it)
        or (
            component_scores.missing_components = 0
            and abs(ranking.index_score - component_scores.weighted_score_sum) > 0.005 + 1e-9
        )
)

select * from final
