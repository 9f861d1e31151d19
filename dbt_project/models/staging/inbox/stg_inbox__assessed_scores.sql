with

source_rows as (
    select * from {{ source('inbox', 'komponen') }}
),

renamed as (
    select
        -- period and keys
        year,
        quarter,
        opd_code,
        lower(component) as component,
        -- the assessment
        score,
        assessor,
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
        and {{ is_current_row('komponen', 'year', 'quarter') }}
    qualify {{ first_of_exact_copies([
        'year',
        'quarter',
        'opd_code',
        'component',
        'score',
        'assessor',
    ]) }}
)

select * from renamed
