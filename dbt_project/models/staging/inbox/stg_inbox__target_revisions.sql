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
        {{ provenance_columns() }}
    from source_rows
    where
        {{ is_in_build_quarter() }}
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
