-- Per complaint submitted in the quarter: its response deadline (the sla_workdays-th working day
-- strictly after the submission date), the working days it took to answer and whether the
-- answer came in time (docs/methodology.md#complaint-response). A working day is Monday–Friday
-- and not a holiday of the scheme's calendar (national, cuti bersama, regional).
with

complaints as (
    select * from {{ ref('stg_inbox__complaints') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

sla_by_category as (
    select * from {{ ref('stg_scheme__complaint_sla') }}
),

holidays as (
    select * from {{ ref('stg_scheme__non_working_days') }}
),

longest_sla as (
    select max(sla_workdays) as sla_workdays from sla_by_category
),

calendar_span as (
    -- from the quarter's first day to past the latest answer and the longest deadline: a
    -- deadline of n working days falls within 7n/5 days plus the holidays
    select
        {{ quarter_first_day() }} as first_day,
        greatest(
            (select max(complaints.first_response_at) as latest from complaints)::date,
            {{ quarter_last_day() }}
        )
        + to_days(
            greatest(parameters.complaint_sla_workdays, coalesce(longest_sla.sla_workdays, 0))
            * 2 + 60
        ) as last_day
    from parameters
    cross join longest_sla
),

days as (
    select unnest(generate_series(first_day, last_day, interval 1 day))::date as calendar_day
    from calendar_span
),

calendar as (
    select
        days.calendar_day,
        isodow(days.calendar_day) <= 5 and holidays.day is null as is_working_day
    from days
    left join holidays on days.calendar_day = holidays.day
),

-- working days counted from the calendar's start: the working days strictly after one date up
-- to and including another are the difference of their numbers
numbered as (
    select
        calendar_day,
        is_working_day,
        sum(is_working_day::integer) over (order by calendar_day) as workday_number
    from calendar
),

working_days as (
    select
        calendar_day,
        workday_number
    from numbered
    where is_working_day
),

with_sla as (
    select
        complaints.*,
        complaints.submitted_at::date as submitted_date,
        complaints.first_response_at::date as response_date,
        coalesce(sla_by_category.sla_workdays, parameters.complaint_sla_workdays) as sla_workdays
    from complaints
    cross join parameters
    left join sla_by_category
        on lower(trim(complaints.category)) = sla_by_category.category
),

final as (
    select
        with_sla.tracking_id,
        with_sla.opd_code,
        with_sla.category,
        with_sla.status,
        with_sla.submitted_at,
        with_sla.first_response_at,
        with_sla.sla_workdays,
        deadline.calendar_day as sla_deadline,
        with_sla.first_response_at is not null as is_responded,
        answered.workday_number - submitted.workday_number as response_workdays,
        coalesce(with_sla.response_date <= deadline.calendar_day, false) as is_in_sla,
        with_sla.source_file_name,
        with_sla.source_line
    from with_sla
    inner join numbered as submitted on with_sla.submitted_date = submitted.calendar_day
    inner join working_days as deadline
        on submitted.workday_number + with_sla.sla_workdays = deadline.workday_number
    left join numbered as answered on with_sla.response_date = answered.calendar_day
)

select * from final
