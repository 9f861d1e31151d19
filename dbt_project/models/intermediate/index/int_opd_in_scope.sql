-- The agencies ranked this quarter: those of the master active during it, with their ranking group.
with

opd as (
    select * from {{ ref('stg_inbox__opd') }}
),

parameters as (
    select * from {{ ref('stg_scheme__parameters') }}
),

active as (
    select
        opd.opd_code,
        opd.opd_name,
        opd.opd_type,
        opd.region_code,
        opd.region_name,
        -- a scheme may rank some agency types apart (e.g. kecamatan) within each region
        case
            when list_contains(string_split(parameters.separate_rank_types, ','), opd.opd_type)
                then opd.region_code || '/' || opd.opd_type
            else opd.region_code
        end as rank_group
    from opd
    cross join parameters
    where
        coalesce(opd.active_from, date '1900-01-01') <= {{ quarter_last_day() }}
        and coalesce(opd.active_to, date '9999-12-31') >= {{ quarter_first_day() }}
)

select * from active
