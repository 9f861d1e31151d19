-- The audit plan of the quarter being built shares each region's capacity exactly
-- (docs/methodology.md#audit-plan: largest-remainder rounding, the total equals the capacity)
-- and gives every OPD at least one visit. Returns the regions where the visits do not add up.
-- shown in Dagster as a check of the audit plan mart
{{ config(meta={'dagster': {'ref': {'name': 'audit_plan'}}}) }}

with

plan as (
    select
        region_code,
        capacity,
        audits_allocated
    from {{ ref('audit_plan') }}
    where quarter_key = {{ build_quarter_key() }}
),

by_region as (
    select
        region_code,
        min(capacity) as capacity,
        max(capacity) as capacity_seen_too,
        sum(audits_allocated) as visits,
        min(audits_allocated) as fewest_visits
    from plan
    group by region_code
),

final as (
    select
        region_code,
        capacity,
        capacity_seen_too,
        visits,
        fewest_visits
    from by_region
    where visits <> capacity or capacity <> capacity_seen_too or fewest_visits < 1
)

select * from final
