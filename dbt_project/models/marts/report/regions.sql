-- The regions ranked in the quarter with their names from the OPD master: the report titles a
-- region by its name and a province's overview lists every region.
with

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        region_code,
        -- the master may leave the name empty on some rows of a region
        coalesce(max(region_name), region_code) as region_name,
        count(*)::integer as opd_count,
        count(distinct rank_group)::integer as rank_groups
    from opd
    group by region_code
)

select * from final
