-- The Monte Carlo's rounding of an index in whole hundredths (index_hundredths) is the published
-- rounding (rounded_index), so that a draw at the published weights ranks exactly as the
-- publication (macros/ranking.sql). Returns the values where the two differ, among: halves and
-- binary noise picked by hand, every thousandth from 0 to 100, every half-hundredth and its
-- nearest neighbours, and 200 000 values spread over 0–100 by md5.
-- shown in Dagster as a check of the Monte Carlo mart, and run with it
-- depends_on: {{ ref('opd_rank_uncertainty') }}
{{ config(meta={'dagster': {'ref': {'name': 'opd_rank_uncertainty'}}}) }}

with

hand_picked as (
    select unnest([
        85.125, 85.12499999999, 85.135, 76.005, 75.995, 0.0, 0.004999, 100.0, 99.995, 50.0049999
    ])::double as x
),

thousandths as (
    select numbers.i / 1000 as x
    from range(100001) as numbers (i)
),

nudges as (
    select unnest([-1e-9, 0, 1e-9]) as nudge
),

half_hundredths as (
    select (numbers.i + 0.5) / 100 + nudges.nudge as x
    from range(10000) as numbers (i)
    cross join nudges
),

spread as (
    -- the first 52 bits of the md5 of i, as a number in [0, 100)
    select ('0x' || left(md5(numbers.i::varchar), 13))::ubigint / 4503599627370496 * 100 as x
    from range(200000) as numbers (i)
),

all_values as (
    select x from hand_picked
    union all
    select x from thousandths
    union all
    select x from half_hundredths
    union all
    select x from spread
),

final as (
    select
        x,
        {{ rounded_index('x') }} as published,
        {{ index_hundredths('x') }} as drawn_hundredths
    from all_values
    where {{ rounded_index('x') }} * 100 <> {{ index_hundredths('x') }}
)

select * from final
