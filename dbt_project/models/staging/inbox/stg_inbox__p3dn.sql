with

source_rows as (
    select * from {{ source('inbox', 'p3dn') }}
),

renamed as (
    select
        -- period and keys
        year,
        quarter,
        opd_code,
        -- year-to-date money
        procurement_total,
        domestic_total,
        -- provenance
        {{ provenance_columns() }}
    from source_rows
    where
        {{ is_in_build_quarter() }}
    qualify {{ first_of_exact_copies([
        'year',
        'quarter',
        'opd_code',
        'procurement_total',
        'domestic_total',
    ]) }}
)

select * from renamed
