with

source_rows as (
    select * from {{ source('inbox', 'indikator') }}
),

renamed as (
    select
        -- period and keys
        year,
        quarter,
        opd_code,
        indicator_code,
        indicator_name,
        lower(level) as level,
        unit,
        -- direction: positif (higher is better) or negatif (lower is better)
        case
            when lower(polarity) in ('positif', 'positive', '+', 'maximize', 'maksimal')
                then 'positif'
            when lower(polarity) in ('negatif', 'negative', '-', 'minimize', 'minimal')
                then 'negatif'
        end as polarity,
        -- values
        target,
        realization,
        weight,
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
        'indicator_name',
        'level',
        'unit',
        'polarity',
        'target',
        'realization',
        'weight',
    ]) }}
)

select * from renamed
