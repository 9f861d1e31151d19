-- The scheme's whole cumulative absorption target curve for the quarter's year: the OPD card
-- draws the OPD's absorption of the quarters published so far against all four targets
-- (budget_absorption.target_pct holds only the target of its own quarter).
with

targets as (
    select * from {{ ref('stg_scheme__absorption_targets') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        quarter_of_year::integer as quarter_of_year,
        target_pct::double as target_pct
    from targets
)

select * from final
