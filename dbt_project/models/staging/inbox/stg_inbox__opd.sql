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
        _file_sha256 as source_file_sha256,
        _file_name as source_file_name,
        _sheet as source_sheet,
        _line as source_line,
        _load_id as load_id
    from source_rows
    where {{ is_current_row('opd', '0', '0') }}
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
