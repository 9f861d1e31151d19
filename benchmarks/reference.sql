-- The reference lower bound of the benchmark: the published ranking of one quarter under the
-- Magelang scheme (index_score, rank, zone per OPD), computed straight from the inbox CSV files in
-- one DuckDB query, with the formulas of dbt_project/models (docs/methodology.md).
--
-- It is a reference, not a second pipeline: it covers only the Magelang scheme's four measures
-- (budget absorption, physical progress, program indicators, P3DN) on the canonical files that
-- `rapor generate` writes (canonical headers and values, codes not names, no exact duplicate rows),
-- and it checks nothing. Like the ingest, a file later in name order supersedes earlier files of
-- its dataset for the periods it holds, so a corrected file dropped in the inbox counts.
-- Types are the warehouse's (money decimal(20, 2), numbers decimal(24, 6), percentages
-- decimal(12, 4)) and every expression is the dbt model's, so the doubles, and the index rounded
-- once at the end, come out the same.
--
-- benchmarks/reference.py runs it with `file_search_path` set to the inbox and these variables:
-- quarter_key, quarter_year, quarter_number, last_month, first_day, last_day (the quarter) and,
-- from the scheme file, absorption_target_pct, p3dn_target_pct, indicator_cap, indicator_levels,
-- missing_realization, components (list of {measure, weight}), zones (list of {zone, min_score}).

with

budget_rows as (
    select
        filename,
        month,
        opd_code,
        sub_activity_code,
        budget,
        realization_month,
        realization_ytd
    from read_csv(
        'anggaran/*.csv',
        header = true,
        filename = true,
        dateformat = '%Y-%m-%d',
        types = {
            'year': 'integer',
            'month': 'tinyint',
            'opd_code': 'varchar',
            'sub_activity_code': 'varchar',
            'budget': 'decimal(20, 2)',
            'realization_month': 'decimal(20, 2)',
            'realization_ytd': 'decimal(20, 2)'
        }
    )
    where year = getvariable('quarter_year') and month <= getvariable('last_month')
),

-- the file in force for each month: the last, in name order, that holds it (a scan of its own, so
-- that the budget rows stream through the aggregation below instead of being held in memory)
budget_file_in_force as (
    select
        month,
        max(filename) as filename
    from read_csv(
        'anggaran/*.csv',
        header = true,
        filename = true,
        types = {'year': 'integer', 'month': 'tinyint'}
    )
    where year = getvariable('quarter_year') and month <= getvariable('last_month')
    group by month
),

budget_lines as (
    select budget_rows.*
    from budget_rows
    semi join budget_file_in_force using (month, filename)
),

progress_rows as (
    select
        filename,
        opd_code,
        sub_activity_code,
        physical_target_pct,
        physical_realization_pct
    from read_csv(
        'fisik/*.csv',
        header = true,
        filename = true,
        dateformat = '%Y-%m-%d',
        types = {
            'year': 'integer',
            'month': 'tinyint',
            'opd_code': 'varchar',
            'sub_activity_code': 'varchar',
            'physical_target_pct': 'decimal(12, 4)',
            'physical_realization_pct': 'decimal(12, 4)'
        }
    )
    where year = getvariable('quarter_year') and month = getvariable('last_month')
),

progress_last_month as (
    select progress_rows.*
    from progress_rows
    where filename = (select max(progress_rows.filename) from progress_rows)
),

indicator_rows as (
    select
        filename,
        opd_code,
        indicator_code,
        lower(level) as level,
        case
            when lower(polarity) in ('positif', 'positive', '+', 'maximize', 'maksimal')
                then 'positif'
            when lower(polarity) in ('negatif', 'negative', '-', 'minimize', 'minimal')
                then 'negatif'
        end as polarity,
        target,
        realization,
        weight
    from read_csv(
        'indikator/*.csv',
        header = true,
        filename = true,
        dateformat = '%Y-%m-%d',
        types = {
            'year': 'integer',
            'quarter': 'tinyint',
            'opd_code': 'varchar',
            'indicator_code': 'varchar',
            'level': 'varchar',
            'polarity': 'varchar',
            'target': 'decimal(24, 6)',
            'realization': 'decimal(24, 6)',
            'weight': 'decimal(24, 6)'
        }
    )
    where year = getvariable('quarter_year') and quarter = getvariable('quarter_number')
),

indicators as (
    select indicator_rows.*
    from indicator_rows
    where filename = (select max(indicator_rows.filename) from indicator_rows)
),

revision_rows as (
    select
        filename,
        -- the line in its file: the later of two same-day decisions stands, as in the pipeline
        row_number() over () as line_order,
        opd_code,
        indicator_code,
        proposed_target,
        lower(status) as status,
        decided_at
    from read_csv(
        'revisi_target/*.csv',
        header = true,
        filename = true,
        dateformat = '%Y-%m-%d',
        types = {
            'year': 'integer',
            'quarter': 'tinyint',
            'opd_code': 'varchar',
            'indicator_code': 'varchar',
            'proposed_target': 'decimal(24, 6)',
            'status': 'varchar',
            'decided_at': 'date'
        }
    )
    where year = getvariable('quarter_year') and quarter = getvariable('quarter_number')
),

approved_in_time as (
    select
        opd_code,
        indicator_code,
        proposed_target
    from revision_rows
    where
        filename = (select max(revision_rows.filename) from revision_rows)
        and status = 'disetujui'
        and decided_at <= getvariable('last_day')
    qualify
        row_number() over (
            partition by opd_code, indicator_code
            order by decided_at desc, line_order desc
        ) = 1
),

p3dn_rows as (
    select
        filename,
        opd_code,
        procurement_total,
        domestic_total
    from read_csv(
        'p3dn/*.csv',
        header = true,
        filename = true,
        dateformat = '%Y-%m-%d',
        types = {
            'year': 'integer',
            'quarter': 'tinyint',
            'opd_code': 'varchar',
            'procurement_total': 'decimal(20, 2)',
            'domestic_total': 'decimal(20, 2)'
        }
    )
    where year = getvariable('quarter_year') and quarter = getvariable('quarter_number')
),

p3dn as (
    select p3dn_rows.*
    from p3dn_rows
    where filename = (select max(p3dn_rows.filename) from p3dn_rows)
),

opd_rows as (
    select
        filename,
        opd_code,
        coalesce(region_code, 'default') as region_code,
        active_from,
        active_to
    from read_csv(
        'opd/*.csv',
        header = true,
        filename = true,
        dateformat = '%Y-%m-%d',
        types = {
            'opd_code': 'varchar',
            'region_code': 'varchar',
            'active_from': 'date',
            'active_to': 'date'
        }
    )
),

-- the agencies ranked this quarter; Magelang ranks every type together, one group per region
opd_in_scope as (
    select
        opd_code,
        region_code as rank_group
    from opd_rows
    where
        filename = (select max(opd_rows.filename) from opd_rows)
        and coalesce(active_from, date '1900-01-01') <= getvariable('last_day')
        and coalesce(active_to, date '9999-12-31') >= getvariable('first_day')
),

-- budget absorption: pagu in force in the quarter's last month, realisation year to date
budget_by_sub_activity as (
    select
        opd_code,
        sub_activity_code,
        max(case when month = getvariable('last_month') then budget end) as budget,
        max(case when month = getvariable('last_month') then realization_ytd end) as reported_ytd,
        sum(realization_month) as summed_months,
        bool_or(month = getvariable('last_month')) as has_pagu_in_force
    from budget_lines
    group by opd_code, sub_activity_code
),

budget_by_opd as (
    select
        opd_code,
        sum(budget) as budget,
        sum(coalesce(reported_ytd, summed_months, 0)) as realization_ytd
    from budget_by_sub_activity
    where has_pagu_in_force
    group by opd_code
),

budget_absorption_scores as (
    select
        opd_code,
        case
            when budget > 0
                then
                    least(
                        realization_ytd / budget * 100 / getvariable('absorption_target_pct'), 1
                    ) * 100
        end as score
    from budget_by_opd
),

-- physical progress: the last month's cumulative figures weighted by that month's pagu
progress_by_opd as (
    select
        progress_last_month.opd_code,
        sum(budget_by_sub_activity.budget * progress_last_month.physical_target_pct)
        / sum(budget_by_sub_activity.budget) as weighted_target_pct,
        sum(budget_by_sub_activity.budget * progress_last_month.physical_realization_pct)
        / sum(budget_by_sub_activity.budget) as weighted_realization_pct
    from progress_last_month
    inner join budget_by_sub_activity
        on
            progress_last_month.opd_code = budget_by_sub_activity.opd_code
            and progress_last_month.sub_activity_code = budget_by_sub_activity.sub_activity_code
    where budget_by_sub_activity.has_pagu_in_force
    group by progress_last_month.opd_code
    having sum(budget_by_sub_activity.budget) > 0
),

physical_progress_scores as (
    select
        opd_code,
        case
            when weighted_target_pct = 0 then 100
            else least(weighted_realization_pct / weighted_target_pct, 1) * 100
        end as score
    from progress_by_opd
),

-- indicator achievement: effective target, uncapped achievement, capped score
indicator_achievement as (
    select
        indicators.opd_code,
        indicators.realization,
        indicators.weight,
        case
            when indicators.realization is null then null
            when
                indicators.polarity = 'positif'
                and coalesce(approved_in_time.proposed_target, indicators.target) <> 0
                then
                    indicators.realization
                    / coalesce(approved_in_time.proposed_target, indicators.target) * 100
            when
                indicators.polarity = 'negatif'
                and coalesce(approved_in_time.proposed_target, indicators.target) <> 0
                then
                    greatest(
                        (
                            2 * coalesce(approved_in_time.proposed_target, indicators.target)
                            - indicators.realization
                        )
                        / coalesce(approved_in_time.proposed_target, indicators.target) * 100,
                        0
                    )
            when indicators.polarity = 'negatif'
                then case when indicators.realization = 0 then 100 else 0 end
        end as achievement_pct,
        (indicators.level is null and len(getvariable('indicator_levels')) = 5)
        or list_contains(getvariable('indicator_levels'), indicators.level) as is_level_scored
    from indicators
    left join approved_in_time
        on
            indicators.opd_code = approved_in_time.opd_code
            and indicators.indicator_code = approved_in_time.indicator_code
),

indicator_achievement_scores as (
    select
        opd_code,
        sum(
            case
                when realization is null and getvariable('missing_realization') = 'zero' then 0
                else least(achievement_pct, getvariable('indicator_cap'))
            end
            * coalesce(weight, 1)
        )
        / sum(coalesce(weight, 1)) as score
    from indicator_achievement
    where
        is_level_scored
        and not (realization is null and getvariable('missing_realization') = 'exclude')
    group by opd_code
),

-- domestic products: year to date, against the scheme's target; no procurement scores 100
p3dn_usage_scores as (
    select
        opd_code,
        case
            when procurement_total = 0 then 100
            else
                least(
                    domestic_total / procurement_total * 100 / getvariable('p3dn_target_pct'), 1
                ) * 100
        end as score
    from p3dn
),

measure_scores as (
    select
        'budget_absorption' as measure,
        opd_code,
        score
    from budget_absorption_scores
    union all
    select
        'physical_progress' as measure,
        opd_code,
        score
    from physical_progress_scores
    union all
    select
        'indicator_achievement' as measure,
        opd_code,
        score
    from indicator_achievement_scores
    union all
    select
        'p3dn_usage' as measure,
        opd_code,
        score
    from p3dn_usage_scores
),

scheme_components as (
    select unnest(getvariable('components'), recursive := true)
),

component_scores as (
    select
        opd_in_scope.opd_code,
        measure_scores.score,
        scheme_components.weight * 100
        / sum(scheme_components.weight) over (partition by opd_in_scope.opd_code) as weight
    from opd_in_scope
    cross join scheme_components
    left join measure_scores
        on
            opd_in_scope.opd_code = measure_scores.opd_code
            and scheme_components.measure = measure_scores.measure
),

-- the index: rounded once, at the end, half away from zero, from the sum fixed to 8 decimals
opd_index as (
    select
        opd_code,
        case
            when count(*) filter (where score is null) = 0
                then round(sum(score * weight / 100)::decimal(38, 8), 2)
        end::decimal(5, 2) as index_score
    from component_scores
    group by opd_code
),

ranked as (
    select
        opd_in_scope.opd_code,
        opd_index.index_score,
        rank() over (
            partition by opd_in_scope.rank_group order by opd_index.index_score desc
        ) as rank
    from opd_in_scope
    inner join opd_index on opd_in_scope.opd_code = opd_index.opd_code
),

zones as (
    select unnest(getvariable('zones'), recursive := true)
)

select
    getvariable('quarter_key') as quarter_key,
    ranked.opd_code,
    ranked.index_score,
    ranked.rank::integer as rank,
    (
        select zones.zone from zones
        where zones.min_score <= ranked.index_score
        order by zones.min_score desc limit 1
    ) as zone
from ranked
order by ranked.opd_code
