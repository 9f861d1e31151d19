-- The files a quarter is built from: every file with at least one row in the quarter's staging
-- models (current, in the quarter's window, exact copies dropped), and how many rows it gave.
with

opd as (
    select 'opd' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__opd') }}
),

budget_lines as (
    select 'anggaran' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__budget_lines') }}
),

physical_progress as (
    select 'fisik' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__physical_progress') }}
),

indicators as (
    select 'indikator' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__indicators') }}
),

target_revisions as (
    select 'revisi_target' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__target_revisions') }}
),

complaints as (
    select 'pengaduan' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__complaints') }}
),

p3dn as (
    select 'p3dn' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__p3dn') }}
),

assessed_scores as (
    select 'komponen' as dataset, source_file_sha256, source_file_name
    from {{ ref('stg_inbox__assessed_scores') }}
),

used_rows as (
    select * from opd
    union all select * from budget_lines
    union all select * from physical_progress
    union all select * from indicators
    union all select * from target_revisions
    union all select * from complaints
    union all select * from p3dn
    union all select * from assessed_scores
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        dataset,
        source_file_sha256 as file_sha256,
        source_file_name as file_name,
        count(*)::bigint as rows_used
    from used_rows
    group by dataset, source_file_sha256, source_file_name
)

select * from final
