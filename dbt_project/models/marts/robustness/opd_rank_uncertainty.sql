-- How robust each published rank and consequence is to the choice of weights: the quarter's
-- ranking recomputed under every weight draw of int_weight_draws (components' scores as
-- published), with the same groups, tie-breakers, rounding and consequence rules as
-- opd_quarter_ranking (macros/ranking.sql). One query over draws × OPDs, no loop; the rows of
-- that product carry integers only (the index in hundredths, the draw and group in one ranking
-- partition key), so that 25 000 OPD × 1 000 draws sort in seconds.
with

component_scores as (
    select * from {{ ref('int_component_scores') }}
),

weight_draws as (
    select * from {{ ref('int_weight_draws') }}
),

tie_breaks as (
    select * from {{ ref('int_opd_tie_break') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

published as (
    select * from {{ ref('opd_quarter_ranking') }}
    where quarter_key = {{ build_quarter_key() }} and index_score is not null
),

-- one list per OPD and per draw, in the scheme's component order: an index is a dot product
opd_scores as (
    select
        opd_code,
        list(coalesce(score, 0)::double order by position) as scores,
        list(case when is_excluded then 0 else 1 end::double order by position) as counted
    from component_scores
    group by opd_code
),

opd_vectors as (
    select
        published.opd_code,
        published.group_size,
        row_number() over (order by published.opd_code) as opd_id,
        dense_rank() over (order by published.rank_group) as group_id,
        tie_breaks.tie_break_order,
        opd_scores.scores,
        opd_scores.counted
    from published
    inner join opd_scores on published.opd_code = opd_scores.opd_code
    inner join tie_breaks on published.opd_code = tie_breaks.opd_code
),

group_count as (
    select max(group_id) as group_total from opd_vectors
),

draw_weights as (
    select
        draw,
        list(weight order by position) as weights
    from weight_draws
    group by draw
),

{%- set drawn_index -%}
    list_dot_product(opd_vectors.scores, draw_weights.weights)
    / list_dot_product(opd_vectors.counted, draw_weights.weights)
{%- endset %}

draw_index as (
    select
        opd_vectors.opd_id::integer as opd_id,
        opd_vectors.group_size::integer as group_size,
        -- a ranking group within a draw, numbered so that draws never share one
        (draw_weights.draw * group_count.group_total + opd_vectors.group_id)::integer as draw_group,
        opd_vectors.tie_break_order::integer as tie_break_order,
        -- an excluded component's weight is spread over the others in proportion to theirs
        {{ index_hundredths(drawn_index) }}::integer as index_hundredths
    from opd_vectors
    cross join draw_weights
    cross join group_count
),

draw_ranks as (
    select
        opd_id,
        group_size,
        {{ competition_rank_columns('draw_group', 'index_hundredths', 'tie_break_order') }}
    from draw_index
),

draw_consequences as (
    select
        draw_ranks.opd_id,
        draw_ranks.rank,
        {{ is_rewarded(
            'draw_ranks.rank',
            'draw_ranks.opd_at_or_above',
            'draw_ranks.group_size',
            'parameters.reward_top_n'
        ) }} as is_rewarded,
        {{ is_sanctioned(
            'draw_ranks.rank',
            'draw_ranks.opd_at_or_above',
            'draw_ranks.group_size',
            'parameters.sanction_bottom_n'
        ) }} as is_sanctioned
    from draw_ranks
    cross join parameters
),

-- how often each OPD got each rank: a few dozen rows per OPD instead of one per draw, so
-- that the quantiles need no sort of millions of values
rank_counts as (
    select
        opd_id,
        rank,
        count(*) as draws_at_rank,
        -- never both: at most half of a group is rewarded and at most half sanctioned
        count(*) filter (where is_rewarded) as rewarded,
        count(*) filter (where is_sanctioned) as sanctioned
    from draw_consequences
    group by opd_id, rank
),

cumulative as (
    select
        opd_id,
        rank,
        rewarded,
        sanctioned,
        sum(draws_at_rank) over (
            partition by opd_id order by rank rows between unbounded preceding and current row
        ) as draws_up_to_rank,
        sum(draws_at_rank) over (partition by opd_id) as draws
    from rank_counts
),

-- discrete quantiles: the rank at position ⌊(draws − 1) × q⌋ (from 0) of the sorted ranks
by_opd as (
    select
        opd_id,
        max(draws) as draws,
        min(rank) filter (where draws_up_to_rank > floor((draws - 1) * 0.05)) as rank_p05,
        min(rank) filter (where draws_up_to_rank > floor((draws - 1) * 0.5)) as median_rank,
        min(rank) filter (where draws_up_to_rank > floor((draws - 1) * 0.95)) as rank_p95,
        sum(rewarded) / max(draws) as reward_share,
        sum(sanctioned) / max(draws) as sanction_share
    from cumulative
    group by opd_id
),

kept as (
    select
        published.opd_code,
        published.rank_group,
        published.index_score,
        published.rank,
        published.consequence,
        by_opd.draws,
        by_opd.rank_p05,
        by_opd.median_rank,
        by_opd.rank_p95,
        by_opd.reward_share,
        by_opd.sanction_share,
        case published.consequence
            when 'reward' then by_opd.reward_share
            when 'sanction' then by_opd.sanction_share
            else 1 - by_opd.reward_share - by_opd.sanction_share
        end as consequence_kept_share
    from published
    inner join opd_vectors on published.opd_code = opd_vectors.opd_code
    inner join by_opd on opd_vectors.opd_id = by_opd.opd_id
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        kept.opd_code,
        kept.rank_group,
        -- as published
        kept.index_score,
        kept.rank,
        kept.consequence,
        -- under the weight draws
        kept.draws::integer as draws,
        parameters.uncertainty_perturbation_pct::double as perturbation_pct,
        kept.median_rank::integer as median_rank,
        kept.rank_p05::integer as rank_p05,
        kept.rank_p95::integer as rank_p95,
        kept.reward_share::double as reward_share,
        kept.sanction_share::double as sanction_share,
        kept.consequence_kept_share::double as consequence_kept_share,
        kept.consequence_kept_share < parameters.uncertainty_min_kept_share
            as is_consequence_uncertain
    from kept
    cross join parameters
)

select * from final
