-- Standard competition ranking ("1224", docs/methodology.md#rank) of the quarter being built:
-- within its ranking group, an OPD's rank is 1 + the number of OPDs of the group ranked strictly
-- better: a higher (rounded, published) index, or the same index and a better place in the scheme's
-- tie-breaker order; so OPDs equal on both share a rank and the next rank skips; group_size is the
-- number of OPDs ranked in the group. Returns the OPDs whose rank or group size is wrong.
-- shown in Dagster as a check of the ranking mart
{{ config(meta={'dagster': {'ref': {'name': 'opd_quarter_ranking'}}}) }}

with

ranking as (
    select
        rank_group,
        opd_code,
        index_score,
        tie_break_order,
        rank,
        group_size
    from {{ ref('opd_quarter_ranking') }}
    where quarter_key = {{ build_quarter_key() }}
),

opd_above as (
    select
        ranking.opd_code,
        count(higher.opd_code) as opd_ranked_better
    from ranking
    left join ranking as higher
        on
            ranking.rank_group = higher.rank_group
            and (
                ranking.index_score < higher.index_score
                or (
                    ranking.index_score = higher.index_score
                    and ranking.tie_break_order > higher.tie_break_order
                )
            )
    group by ranking.opd_code
),

group_sizes as (
    select
        rank_group,
        count(*) as opd_in_group
    from ranking
    group by rank_group
),

final as (
    select
        ranking.rank_group,
        ranking.opd_code,
        ranking.index_score,
        ranking.rank,
        opd_above.opd_ranked_better + 1 as expected_rank,
        ranking.group_size,
        group_sizes.opd_in_group as expected_group_size
    from ranking
    inner join opd_above on ranking.opd_code = opd_above.opd_code
    inner join group_sizes on ranking.rank_group = group_sizes.rank_group
    where
        -- an OPD without an index is not ranked against the others (its not_null test fails)
        (ranking.index_score is not null and ranking.rank <> opd_above.opd_ranked_better + 1)
        or ranking.group_size <> group_sizes.opd_in_group
)

select * from final
