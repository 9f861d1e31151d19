-- The scheme in force for the quarter being built.
with

source_rows as (
    select * from {{ source('scheme', 'scheme_complaint_sla') }}
),

filtered as (
    select * from source_rows
    where quarter_key = {{ build_quarter_key() }}
)

select * from filtered
