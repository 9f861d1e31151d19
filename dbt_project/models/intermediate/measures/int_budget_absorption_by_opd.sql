-- budget = pagu in force in the quarter's last month; realisation year to date, from the
-- cumulative column where reported, else summed from the monthly figures
-- (docs/methodology.md#budget-absorption).
with

budget_lines as (
    select * from {{ ref('stg_inbox__budget_lines') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

pagu_in_force as (
    select
        opd_code,
        sub_activity_code,
        budget
    from budget_lines
    where month = {{ quarter_last_month() }}
),

realization_by_sub_activity as (
    select
        opd_code,
        sub_activity_code,
        max(case when month = {{ quarter_last_month() }} then realization_ytd end) as reported_ytd,
        sum(realization_month) as summed_months
    from budget_lines
    group by opd_code, sub_activity_code
),

sub_activities as (
    select
        pagu_in_force.opd_code,
        pagu_in_force.sub_activity_code,
        pagu_in_force.budget,
        coalesce(
            realization_by_sub_activity.reported_ytd, realization_by_sub_activity.summed_months, 0
        ) as realization_ytd
    from pagu_in_force
    left join realization_by_sub_activity
        on
            pagu_in_force.opd_code = realization_by_sub_activity.opd_code
            and pagu_in_force.sub_activity_code = realization_by_sub_activity.sub_activity_code
),

by_opd as (
    select
        opd_code,
        count(*) as sub_activities,
        sum(budget) as budget,
        sum(realization_ytd) as realization_ytd
    from sub_activities
    group by opd_code
),

final as (
    select
        by_opd.opd_code,
        by_opd.sub_activities,
        by_opd.budget,
        by_opd.realization_ytd,
        case
            when by_opd.budget > 0 then by_opd.realization_ytd / by_opd.budget * 100
        end as absorption_pct,
        parameters.absorption_target_pct as target_pct,
        case
            when by_opd.budget > 0
                then
                    least(
                        by_opd.realization_ytd / by_opd.budget * 100
                        / parameters.absorption_target_pct,
                        1
                    ) * 100
        end as score
    from by_opd
    cross join parameters
)

select * from final
