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
        {{ provenance_columns() }}
    from source_rows
    where
        {{ is_in_build_quarter() }}
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
