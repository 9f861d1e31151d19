-- Rank, zone, predicate and consequence of every OPD in scope
-- (docs/methodology.md, from #index-and-weights to #consequences).
with

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

opd_index as (
    select * from {{ ref('int_opd_index') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

zones as (
    select * from {{ ref('stg_scheme__zones') }}
),

predicates as (
    select * from {{ ref('stg_scheme__predicates') }}
),

labels as (
    select * from {{ ref('stg_scheme__consequence_labels') }}
),

tie_breaks as (
    select * from {{ ref('int_opd_tie_break') }}
),

ranked as (
    select
        opd.opd_code,
        opd.opd_name,
        opd.opd_type,
        opd.region_code,
        opd.rank_group,
        opd_index.index_score,
        tie_breaks.tie_break_order,
        -- standard competition ranking ("1224"), then the scheme's tie-breakers
        {{ competition_rank_columns(
            'opd.rank_group', 'opd_index.index_score', 'tie_breaks.tie_break_order'
        ) }},
        count(*) over (partition by opd.rank_group) as group_size
    from opd
    inner join opd_index on opd.opd_code = opd_index.opd_code
    inner join tie_breaks on opd.opd_code = tie_breaks.opd_code
),

with_consequence as (
    select
        ranked.*,
        {{ rank_from_bottom('ranked.opd_at_or_above', 'ranked.group_size') }} as rank_from_bottom,
        {{ opd_at_or_below('ranked.rank', 'ranked.group_size') }} as opd_at_or_below,
        {{ is_rewarded(
            'ranked.rank', 'ranked.opd_at_or_above', 'ranked.group_size', 'parameters.reward_top_n'
        ) }} as is_rewarded,
        {{ is_sanctioned(
            'ranked.rank',
            'ranked.opd_at_or_above',
            'ranked.group_size',
            'parameters.sanction_bottom_n'
        ) }} as is_sanctioned,
        parameters.reward_top_n,
        parameters.sanction_bottom_n,
        parameters.scheme_name,
        parameters.scheme_sha256,
        parameters.lowest_predicate
    from ranked
    cross join parameters
),

final as (
    select
        -- period
        {{ build_quarter_key() }} as quarter_key,
        {{ quarter_year() }}::integer as year,
        {{ quarter_number() }}::integer as quarter,
        -- agency
        with_consequence.opd_code,
        with_consequence.opd_name,
        with_consequence.opd_type,
        with_consequence.region_code,
        with_consequence.rank_group,
        -- result
        with_consequence.index_score::decimal(5, 2) as index_score,
        with_consequence.rank::integer as rank,
        with_consequence.group_size::integer as group_size,
        with_consequence.tie_break_order::integer as tie_break_order,
        (
            select zones.zone from zones
            where zones.min_score <= with_consequence.index_score
            order by zones.min_score desc limit 1
        ) as zone,
        coalesce(
            (
                select predicates.predicate from predicates
                where with_consequence.index_score > predicates.above_score
                order by predicates.above_score desc limit 1
            ),
            with_consequence.lowest_predicate
        ) as predicate,
        case
            when with_consequence.is_rewarded then 'reward'
            when with_consequence.is_sanctioned then 'sanction'
            else 'none'
        end as consequence,
        case
            when with_consequence.is_rewarded
                then (
                    select labels.label from labels
                    where labels.consequence = 'reward' and labels.position <= with_consequence.rank
                    order by labels.position desc limit 1
                )
            when with_consequence.is_sanctioned
                then (
                    select labels.label from labels
                    where
                        labels.consequence = 'sanction'
                        and labels.position <= with_consequence.rank_from_bottom
                    order by labels.position desc limit 1
                )
        end as consequence_label,
        -- brought in only because it ties with the OPD at the boundary
        (
            with_consequence.is_rewarded
            and with_consequence.opd_at_or_above > with_consequence.reward_top_n
        )
        or (
            with_consequence.is_sanctioned
            and with_consequence.opd_at_or_below > with_consequence.sanction_bottom_n
        ) as is_boundary_tie,
        -- lineage
        with_consequence.scheme_name,
        with_consequence.scheme_sha256
    from with_consequence
)

select * from final
