-- Year to date of the quarter being built: January up to the quarter's last month.
with

source_rows as (
    select * from {{ source('inbox', 'fisik') }}
),

renamed as (
    select
        -- period and keys
        year,
        month,
        opd_code,
        sub_activity_code,
        -- cumulative progress
        physical_target_pct,
        physical_realization_pct,
        -- provenance
        {{ provenance_columns() }}
    from source_rows
    where
        {{ is_year_to_date_of_build_quarter() }}
),

deduplicated as (
    {{ without_exact_copies(
        'renamed',
        ['year', 'month', 'opd_code', 'sub_activity_code'],
        [
            'year',
            'month',
            'opd_code',
            'sub_activity_code',
            'physical_target_pct',
            'physical_realization_pct',
        ]
    ) }}
)

select * from deduplicated
