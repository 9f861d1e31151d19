with

indicators as (
    select * from {{ ref('int_indicator_achievement') }}
),

final as (
    select
        -- keys
        {{ build_quarter_key() }} as quarter_key,
        opd_code,
        indicator_code,
        indicator_name,
        level,
        unit,
        polarity,
        -- target and realisation
        original_target::decimal(24, 6) as original_target,
        target::decimal(24, 6) as target,
        target_source,
        realization::decimal(24, 6) as realization,
        weight::decimal(24, 6) as weight,
        -- achievement
        achievement_pct::double as achievement_pct,
        achievement_score::double as achievement_score,
        achievement_category,
        is_unreported,
        is_scored,
        -- provenance of the indicator row
        source_file_name,
        source_sheet,
        source_line::bigint as source_line,
        source_file_sha256
    from indicators
)

select * from final
