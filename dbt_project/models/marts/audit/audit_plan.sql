-- The Inspektorat's visits of the year, as of the quarter being built
-- (docs/methodology.md#audit-plan). Risk: the budget's percent rank in the region and 100 − the
-- average index over the year's quarters up to and including this one, weighted by the scheme.
-- The orchestrator has built every earlier quarter of the year from the inputs it has now
-- (ingest/built_quarters.py), so the plan does not depend on the order quarters were built in.
-- Visits: capacity shared by risk, at least one each, largest remainders, the total exact
-- (macros/allocate_visits.sql).
with

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

budgets as (
    select * from {{ ref('int_budget_absorption_by_opd') }}
),

rankings as (
    select * from {{ ref('opd_quarter_ranking') }}
    where
        year = {{ quarter_year() }}
        and quarter <= {{ quarter_number() }}
        and index_score is not null
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

year_index as (
    select
        opd_code,
        -- an average of doubles is a sum: order-independent, as the plan's quotas are
        {{ order_independent_sum('index_score') }} / count(*) as avg_index_score,
        count(*) as quarters_averaged
    from rankings
    group by opd_code
),

budget_shares as (
    select
        opd.region_code,
        opd.opd_code,
        coalesce(budgets.budget, 0) as budget,
        coalesce(budgets.budget, 0) * 100
        / nullif(sum(coalesce(budgets.budget, 0)) over (partition by opd.region_code), 0)
            as budget_share_pct,
        count(*) over (partition by opd.region_code) as opd_in_region,
        -- tied budgets take the middle of the ranks they span, so that the ranks of a region
        -- always add up the same: more budget for one OPD moves only those it passes
        (
            rank() over (partition by opd.region_code order by coalesce(budgets.budget, 0))
            + count(*) over (
                partition by opd.region_code order by coalesce(budgets.budget, 0)
                range between unbounded preceding and current row
            )
        ) / 2 as mid_rank
    from opd
    left join budgets on opd.opd_code = budgets.opd_code
),

budget_ranks as (
    select
        region_code,
        opd_code,
        budget,
        budget_share_pct,
        opd_in_region,
        -- one OPD alone in its region is in the middle
        case
            when opd_in_region = 1 then 50
            else (mid_rank - 1) / (opd_in_region - 1) * 100
        end as budget_share_pct_rank
    from budget_shares
),

risks as (
    select
        budget_ranks.region_code,
        budget_ranks.opd_code,
        budget_ranks.budget,
        budget_ranks.budget_share_pct,
        budget_ranks.budget_share_pct_rank,
        year_index.avg_index_score,
        year_index.quarters_averaged,
        parameters.audit_budget_weight / 100 * budget_ranks.budget_share_pct_rank
        + parameters.audit_performance_weight / 100 * (100 - year_index.avg_index_score)
            as risk_score,
        coalesce(parameters.audit_capacity, 2 * budget_ranks.opd_in_region) as capacity
    from budget_ranks
    cross join parameters
    left join year_index on budget_ranks.opd_code = year_index.opd_code
),

{{ allocate_visits('risks') }},

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        {{ quarter_year() }}::integer as year,
        risks.region_code,
        risks.opd_code,
        risks.budget::decimal(20, 2) as budget,
        risks.budget_share_pct::double as budget_share_pct,
        risks.budget_share_pct_rank::double as budget_share_pct_rank,
        risks.avg_index_score::double as avg_index_score,
        risks.quarters_averaged::integer as quarters_averaged,
        risks.risk_score::double as risk_score,
        allocated.capacity::integer as capacity,
        allocated.quota::double as quota,
        allocated.audits_allocated::integer as audits_allocated
    from risks
    inner join allocated on risks.opd_code = allocated.opd_code
)

select * from final
