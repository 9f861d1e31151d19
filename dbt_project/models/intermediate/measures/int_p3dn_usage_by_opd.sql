-- Domestic-product share of procurement, year to date, against the scheme's target (Inpres 2/2022).
with

p3dn as (
    select * from {{ ref('stg_inbox__p3dn') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

final as (
    select
        p3dn.opd_code,
        p3dn.procurement_total,
        p3dn.domestic_total,
        case
            when p3dn.procurement_total > 0
                then p3dn.domestic_total / p3dn.procurement_total * 100
        end as p3dn_pct,
        parameters.p3dn_target_pct as target_pct,
        -- no procurement at all: full score (reported as a warning)
        case
            when p3dn.procurement_total = 0 then 100
            else
                least(
                    p3dn.domestic_total / p3dn.procurement_total * 100
                    / parameters.p3dn_target_pct,
                    1
                ) * 100
        end as score,
        p3dn.procurement_total = 0 as has_no_procurement
    from p3dn
    cross join parameters
)

select * from final
