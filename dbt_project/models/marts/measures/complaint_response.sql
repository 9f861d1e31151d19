with

complaint_response as (
    select * from {{ ref('int_complaint_response_by_opd') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        opd_code,
        complaints::integer as complaints,
        responded::integer as responded,
        responded_in_sla::integer as responded_in_sla,
        response_rate_pct::double as response_rate_pct,
        median_response_workdays::double as median_response_workdays,
        score::double as score,
        is_excluded
    from complaint_response
)

select * from final
