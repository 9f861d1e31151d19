-- Complaints submitted in the quarter being built (half-open bounds on the submission time).
with

source_rows as (
    select * from {{ source('inbox', 'pengaduan') }}
),

renamed as (
    select
        -- keys
        tracking_id,
        opd_code,
        category,
        lower(status) as status,
        -- timeline
        submitted_at,
        first_response_at,
        closed_at,
        -- provenance
        {{ provenance_columns() }}
    from source_rows
    where
        submitted_at >= {{ quarter_first_day() }}
        and submitted_at < {{ quarter_end_exclusive() }}
    qualify {{ first_of_exact_copies([
        'tracking_id',
        'submitted_at',
        'opd_code',
        'category',
        'status',
        'first_response_at',
        'closed_at',
    ]) }}
)

select * from renamed
