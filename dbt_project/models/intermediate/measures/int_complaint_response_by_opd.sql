-- Complaint follow-up per OPD in scope: the share of its complaints of the quarter answered
-- within the deadline. An OPD without complaints scores 100 (`no_complaints: full`) or has the
-- component excluded (`no_complaints: exclude`).
with

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

complaints as (
    select * from {{ ref('int_complaint_response') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

by_opd as (
    select
        opd_code,
        count(*) as complaints,
        count(*) filter (where is_responded) as responded,
        count(*) filter (where is_in_sla) as responded_in_sla,
        median(response_workdays) filter (where is_responded) as median_response_workdays
    from complaints
    group by opd_code
),

final as (
    select
        opd.opd_code,
        coalesce(by_opd.complaints, 0) as complaints,
        coalesce(by_opd.responded, 0) as responded,
        coalesce(by_opd.responded_in_sla, 0) as responded_in_sla,
        by_opd.responded_in_sla / by_opd.complaints * 100 as response_rate_pct,
        by_opd.median_response_workdays,
        case
            when by_opd.complaints > 0 then by_opd.responded_in_sla / by_opd.complaints * 100
            when parameters.no_complaints = 'full' then 100
        end as score,
        by_opd.complaints is null and parameters.no_complaints = 'exclude' as is_excluded
    from opd
    cross join parameters
    left join by_opd on opd.opd_code = by_opd.opd_code
)

select * from final
