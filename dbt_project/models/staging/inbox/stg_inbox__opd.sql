with

source_rows as (
    select * from {{ source('inbox', 'opd') }}
),

renamed as (
    select
        -- identity
        opd_code,
        opd_name,
        coalesce(lower(opd_type), 'lainnya') as opd_type,
        aliases,
        -- a single-region inbox needs no region column
        coalesce(region_code, 'default') as region_code,
        region_name,
        -- validity
        active_from,
        active_to,
        -- provenance
        {{ provenance_columns() }}
    from source_rows
    qualify {{ first_of_exact_copies([
        'opd_code',
        'opd_name',
        'opd_type',
        'aliases',
        'region_code',
        'region_name',
        'active_from',
        'active_to',
    ]) }}
)

select * from renamed
