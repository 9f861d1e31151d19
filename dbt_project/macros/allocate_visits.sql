{#-
  Largest-remainder (Hamilton) allocation of the Inspektorat's visits
  (docs/methodology.md#audit-plan). `risks` is a relation or CTE with region_code, opd_code,
  risk_score and capacity (the region's visits of the year). Every OPD gets one visit; the rest is
  shared in proportion to risk_score (equally when every risk is 0): each OPD gets the whole part of
  its quota, and the visits left go one each to the largest remainders (ties: higher risk, then
  opd_code). The total is exactly the capacity, or the number of OPDs when the capacity is smaller
  (one visit each is the floor). Kept apart so that tests run this very SQL on generated inputs.
-#}
{% macro allocate_visits(risks) -%}
    with_quota as (
        select
            region_code,
            opd_code,
            risk_score,
            greatest(capacity, count(*) over (partition by region_code)) as capacity,
            greatest(capacity, count(*) over (partition by region_code))
            - count(*) over (partition by region_code) as shared_visits,
            count(*) over (partition by region_code) as opd_in_region,
            -- order-independent, so that a quota is the same to the last bit in every build
            {{ order_independent_sum('risk_score', 'partition by region_code') }} as region_risk
        from {{ risks }}
    ),

    quotas as (
        select
            *,
            case
                when region_risk > 0 then shared_visits * risk_score / region_risk
                else shared_visits / opd_in_region
            end as quota
        from with_quota
    ),

    whole_parts as (
        select
            *,
            floor(quota) as whole_visits,
            quota - floor(quota) as remainder
        from quotas
    ),

    remainders_ranked as (
        select
            *,
            shared_visits - sum(whole_visits) over (partition by region_code) as visits_left,
            row_number() over (
                partition by region_code
                order by remainder desc, risk_score desc, opd_code asc
            ) as remainder_order
        from whole_parts
    ),

    allocated as (
        select
            region_code,
            opd_code,
            risk_score,
            capacity,
            quota,
            (1 + whole_visits + case when remainder_order <= visits_left then 1 else 0 end)
                as audits_allocated
        from remainders_ranked
    )
{%- endmacro %}
