-- The scheme in force for the quarter being built.
with

source_rows as (
    select * from {{ source('scheme', 'scheme_parameters') }}
),

filtered as (
    select * from source_rows
    where quarter_key = {{ quarter_key_literal() }}
)

select * from filtered
