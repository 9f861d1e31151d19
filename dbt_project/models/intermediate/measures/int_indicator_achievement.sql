-- Per indicator: the effective target (an approved revision decided by the quarter's last day
-- wins), the uncapped achievement and the capped score (docs/methodology.md#indicator-achievement).
with

indicators as (
    select * from {{ ref('stg_inbox__indicators') }}
),

revisions as (
    select * from {{ ref('stg_inbox__target_revisions') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

approved_in_time as (
    select
        opd_code,
        indicator_code,
        proposed_target,
        decided_at,
        source_file_sha256,
        source_sheet,
        source_line
    from revisions
    where status = 'disetujui' and decided_at <= {{ quarter_last_day() }}
    -- the latest approved decision stands
    qualify
        row_number() over (
            partition by opd_code, indicator_code
            order by decided_at desc, source_line desc
        ) = 1
),

targeted as (
    select
        indicators.*,
        coalesce(approved_in_time.proposed_target, indicators.target) as effective_target,
        case
            when approved_in_time.proposed_target is not null then 'revised' else 'original'
        end as target_source,
        -- the revision row that set the target, for the lineage of the measure
        approved_in_time.source_file_sha256 as revision_file_sha256,
        approved_in_time.source_sheet as revision_sheet,
        approved_in_time.source_line as revision_line
    from indicators
    left join approved_in_time
        on
            indicators.opd_code = approved_in_time.opd_code
            and indicators.indicator_code = approved_in_time.indicator_code
),

achieved as (
    select
        targeted.*,
        case
            when targeted.realization is null then null
            when targeted.polarity = 'positif' and targeted.effective_target <> 0
                then targeted.realization / targeted.effective_target * 100
            -- KemenPAN-RB: (1 + (1 - realisasi / target)) x 100%, floored at 0
            when targeted.polarity = 'negatif' and targeted.effective_target <> 0
                then
                    greatest(
                        (2 * targeted.effective_target - targeted.realization)
                        / targeted.effective_target * 100,
                        0
                    )
            when targeted.polarity = 'negatif'
                then case when targeted.realization = 0 then 100 else 0 end
        end as achievement_pct,
        (
            targeted.level is null and len(string_split(parameters.indicator_levels, ',')) = 5
        )
        or list_contains(string_split(parameters.indicator_levels, ','), targeted.level)
            as is_level_scored,
        parameters.indicator_cap,
        parameters.missing_realization
    from targeted
    cross join parameters
),

final as (
    select
        year,
        quarter,
        opd_code,
        indicator_code,
        indicator_name,
        level,
        unit,
        polarity,
        target as original_target,
        effective_target as target,
        target_source,
        realization,
        weight,
        achievement_pct,
        case
            when realization is null and missing_realization = 'zero' then 0
            -- least() skips nulls in DuckDB: without an achievement there is no score
            when achievement_pct is not null then least(achievement_pct, indicator_cap)
        end as achievement_score,
        -- Permendagri 86/2017
        case
            when achievement_pct is null then null
            when achievement_pct >= 91 then 'sangat tinggi'
            when achievement_pct >= 76 then 'tinggi'
            when achievement_pct >= 66 then 'sedang'
            when achievement_pct >= 51 then 'rendah'
            else 'sangat rendah'
        end as achievement_category,
        realization is null as is_unreported,
        is_level_scored and not (realization is null and missing_realization = 'exclude')
            as is_scored,
        source_file_name,
        source_sheet,
        source_line,
        source_file_sha256,
        revision_file_sha256,
        revision_sheet,
        revision_line
    from achieved
)

select * from final
