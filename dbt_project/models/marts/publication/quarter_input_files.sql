-- The files a quarter is built from: every file with at least one row in the quarter's staging
-- models (current, in the quarter's window, exact copies dropped), and how many rows it gave.
{%- set staging_model_of_dataset = {
    'opd': 'stg_inbox__opd',
    'anggaran': 'stg_inbox__budget_lines',
    'fisik': 'stg_inbox__physical_progress',
    'indikator': 'stg_inbox__indicators',
    'revisi_target': 'stg_inbox__target_revisions',
    'pengaduan': 'stg_inbox__complaints',
    'p3dn': 'stg_inbox__p3dn',
    'komponen': 'stg_inbox__assessed_scores',
} %}

with

used_rows as (
    {%- for dataset, model in staging_model_of_dataset.items() %}
        select
            '{{ dataset }}' as dataset,
            source_file_sha256,
            source_file_name
        from {{ ref(model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
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
