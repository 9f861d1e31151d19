with

p3dn as (
    select * from {{ ref('int_p3dn_usage_by_opd') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        opd_code,
        procurement_total::decimal(20, 2) as procurement_total,
        domestic_total::decimal(20, 2) as domestic_total,
        p3dn_pct::double as p3dn_pct,
        target_pct::double as target_pct,
        score::double as score,
        has_no_procurement
    from p3dn
)

select * from final
