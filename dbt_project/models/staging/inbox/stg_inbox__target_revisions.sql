with

source_rows as (
    select * from {{ source('inbox', 'revisi_target') }}
),

renamed as (
    select
        -- period and keys
        year,
        quarter,
        opd_code,
        indicator_code,
        -- the negotiation
        original_target,
        proposed_target,
        lower(status) as status,
        decided_at,
        reason,
        -- provenance
        _file_sha256 as source_file_sha256,
        _file_name as source_file_name,
        _sheet as source_sheet,
        _line as source_line,
        _load_id as load_id
    from source_rows
    where
        year = {{ quarter_year() }}
        and quarter = {{ quarter_number() }}
        and {{ is_current_row('revisi_target', 'year', 'quarter') }}
    qualify {{ first_of_exact_copies([
        'year',
        'quarter',
        'opd_code',
        'indicator_code',
        'original_target',
        'proposed_target',
        'status',
        'decided_at',
        'reason',
    ]) }}
)

select * from renamed
