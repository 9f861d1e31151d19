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
        _file_sha256 as source_file_sha256,
        _file_name as source_file_name,
        _sheet as source_sheet,
        _line as source_line,
        _load_id as load_id
    from source_rows
    where
        year = {{ quarter_year() }}
        and quarter = {{ quarter_number() }}
        and {{ is_current_row('p3dn', 'year', 'quarter') }}
    qualify {{ first_of_exact_copies([
        'year',
        'quarter',
        'opd_code',
        'procurement_total',
        'domestic_total',
    ]) }}
)

select * from renamed
