-- Cumulative physical target and realisation of the quarter's last month, weighted by each
-- sub-activity's pagu of that month (docs/methodology.md#physical-progress).
with

progress as (
    select * from {{ ref('stg_inbox__physical_progress') }}
    where month = {{ quarter_last_month() }}
),

pagu as (
    select * from {{ ref('stg_inbox__budget_lines') }}
    where month = {{ quarter_last_month() }}
),

weighted as (
    select
        progress.opd_code,
        count(*) as sub_activities,
        sum(pagu.budget) as budget,
        sum(pagu.budget * progress.physical_target_pct) / sum(pagu.budget) as weighted_target_pct,
        sum(pagu.budget * progress.physical_realization_pct)
        / sum(pagu.budget) as weighted_realization_pct
    from progress
    inner join pagu
        on
            progress.opd_code = pagu.opd_code
            and progress.sub_activity_code = pagu.sub_activity_code
    group by progress.opd_code
    having sum(pagu.budget) > 0
),

final as (
    select
        opd_code,
        sub_activities,
        budget,
        weighted_target_pct,
        weighted_realization_pct,
        -- nothing was due: full score
        case
            when weighted_target_pct = 0 then 100
            else least(weighted_realization_pct / weighted_target_pct, 1) * 100
        end as score
    from weighted
)

select * from final
