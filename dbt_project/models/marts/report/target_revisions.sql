-- Every target revision proposed for the quarter, whatever its decision: the OPD card shows the
-- rejected and pending proposals next to the target that was applied
-- (indicator_achievement.target_source says which target counted).
with

revisions as (
    select * from {{ ref('stg_inbox__target_revisions') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        -- a proposal is a line of a file: its raw row id is the key
        {{ row_id('source_file_sha256', 'source_sheet', 'source_line') }} as row_id,
        opd_code,
        indicator_code,
        original_target::decimal(24, 6) as original_target,
        proposed_target::decimal(24, 6) as proposed_target,
        status,
        decided_at,
        reason,
        source_file_name,
        source_sheet,
        source_line::bigint as source_line
    from revisions
)

select * from final
