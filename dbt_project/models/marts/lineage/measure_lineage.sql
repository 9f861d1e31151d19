-- Row-level lineage of the quarter (docs/methodology.md#lineage): for every OPD in scope ×
-- component of the scheme, the raw rows its measure was computed from (is_counted) and the rows
-- the quarter considered and did not count, with why. The rules are the measures' own: this
-- model only joins their rows back to the raw rows by provenance (file sha256, sheet, line; a
-- text file's sheet may be null, hence `is not distinct from`).
{#- `rules`: the CTE below that lists every staged row of the dataset with, where it does not
    count, why (without one, every staged row counts); a budget line is listed once per measure it
    counts in -#}
{%- set datasets = [
    {'name': 'anggaran', 'staging': 'stg_inbox__budget_lines', 'measure': 'budget_absorption',
        'rules': 'budget_rules'},
    {'name': 'fisik', 'staging': 'stg_inbox__physical_progress', 'measure': 'physical_progress',
        'rules': 'progress_rows'},
    {'name': 'indikator', 'staging': 'stg_inbox__indicators', 'measure': 'indicator_achievement',
        'rules': 'indicator_rows'},
    {
        'name': 'revisi_target',
        'staging': 'stg_inbox__target_revisions',
        'measure': 'indicator_achievement',
        'rules': 'revision_rows',
    },
    {'name': 'pengaduan', 'staging': 'stg_inbox__complaints', 'measure': 'complaint_response'},
    {'name': 'p3dn', 'staging': 'stg_inbox__p3dn', 'measure': 'p3dn_usage'},
    {'name': 'komponen', 'staging': 'stg_inbox__assessed_scores', 'measure': 'assessed'},
] %}

with

superseding_files as (
    select
        periods.file_sha256,
        min(files.file_name) as file_name
    from {{ source('ingest', 'file_periods') }} as periods
    inner join {{ source('ingest', 'ingested_files') }} as files
        on periods.superseded_by = files.file_sha256
    group by periods.file_sha256
),

budget_lines as (
    select * from {{ ref('stg_inbox__budget_lines') }}
),

progress as (
    select * from {{ ref('stg_inbox__physical_progress') }}
),

-- int_budget_absorption_by_opd: the pagu of the quarter's last month, the realisation year to
-- date reported that month, else summed from the monthly figures
budget_sub_activities as (
    select
        opd_code,
        sub_activity_code,
        bool_or(month = {{ quarter_last_month() }}) as has_pagu_in_force,
        max(case when month = {{ quarter_last_month() }} then realization_ytd end) as reported_ytd
    from budget_lines
    group by opd_code, sub_activity_code
),

budget_rows as (
    select
        budget_lines.source_file_sha256,
        budget_lines.source_sheet,
        budget_lines.source_line,
        case
            when not budget_sub_activities.has_pagu_in_force
                then 'no row for the quarter''s last month: no pagu in force'
            when
                budget_lines.month < {{ quarter_last_month() }}
                and budget_sub_activities.reported_ytd is not null
                then 'an earlier month: the realisation year to date of the last month stands'
        end as why
    from budget_lines
    inner join budget_sub_activities
        on
            budget_lines.opd_code = budget_sub_activities.opd_code
            and budget_lines.sub_activity_code = budget_sub_activities.sub_activity_code
),

last_month_progress as (
    select * from progress
    where month = {{ quarter_last_month() }}
),

last_month_pagu as (
    select * from budget_lines
    where month = {{ quarter_last_month() }}
),

-- int_physical_progress_by_opd: the last month's progress, weighted by that month's pagu
progress_rows as (
    select
        progress.source_file_sha256,
        progress.source_sheet,
        progress.source_line,
        case
            when progress.month < {{ quarter_last_month() }}
                then 'an earlier month: the cumulative progress of the last month stands'
            when last_month_pagu.source_line is null
                then 'no pagu for the sub-activity in the quarter''s last month'
        end as why
    from progress
    left join last_month_pagu
        on
            progress.opd_code = last_month_pagu.opd_code
            and progress.sub_activity_code = last_month_pagu.sub_activity_code
            and progress.month = last_month_pagu.month
),

pagu_weight_rows as (
    select
        'physical_progress' as measure,
        last_month_pagu.source_file_sha256,
        last_month_pagu.source_sheet,
        last_month_pagu.source_line,
        case
            when last_month_progress.source_line is null
                then 'no physical progress for the sub-activity in the quarter''s last month'
        end as why
    from last_month_pagu
    left join last_month_progress
        on
            last_month_pagu.opd_code = last_month_progress.opd_code
            and last_month_pagu.sub_activity_code = last_month_progress.sub_activity_code
),

indicators as (
    select * from {{ ref('int_indicator_achievement') }}
),

indicator_rows as (
    select
        source_file_sha256,
        source_sheet,
        source_line,
        case
            when not is_scored
                then
                    'not scored: a level the scheme does not score, '
                    || 'or unreported under missing_realization: exclude'
        end as why
    from indicators
),

revisions as (
    select * from {{ ref('stg_inbox__target_revisions') }}
),

-- int_indicator_achievement keeps the revision that set each target
revision_rows as (
    select
        revisions.source_file_sha256,
        revisions.source_sheet,
        revisions.source_line,
        case
            when indicators.revision_line is not null then null
            when revisions.status <> 'disetujui' then 'revision not approved: ' || revisions.status
            when revisions.decided_at > {{ quarter_last_day() }}
                then 'approved after the quarter''s last day'
            else 'not the revision in force (a later approval, or no such indicator)'
        end as why
    from revisions
    left join indicators
        on
            revisions.source_file_sha256 = indicators.revision_file_sha256
            and revisions.source_sheet is not distinct from indicators.revision_sheet
            and revisions.source_line = indicators.revision_line
    -- one indicator row per revision: an indicator code appears once per OPD and quarter
    qualify
        row_number() over (
            partition by revisions.source_file_sha256, revisions.source_sheet, revisions.source_line
            order by indicators.indicator_code
        ) = 1
),

-- a budget line counts in budget absorption and, in the quarter's last month, weighs physical
-- progress
budget_rules as (
    select
        'budget_absorption' as measure,
        source_file_sha256,
        source_sheet,
        source_line,
        why
    from budget_rows
    union all
    select
        measure,
        source_file_sha256,
        source_sheet,
        source_line,
        why
    from pagu_weight_rows
),

{% for dataset in datasets %}
    {%- set rules = dataset.get('rules') %}
    {{ dataset.name }}_read as (
        select
            _file_sha256,
            _file_name,
            _sheet,
            _line,
            _load_id,
            _is_current,
            opd_code,
            {% if dataset.name == 'komponen' -%}
                lower(component) as assessed_component,
            {%- else -%}
                null::varchar as assessed_component,
            {%- endif %}
            {% if dataset.name == 'pengaduan' -%}
                submitted_at >= {{ quarter_first_day() }}
                and submitted_at < {{ quarter_end_exclusive() }} as is_in_window,
            {%- else -%}
                true as is_in_window,
            {%- endif %}
            {{ row_values_json() }} as row_values
        from {{ every_loaded_row(dataset.name) }}
        where
            {% if dataset.name in ('anggaran', 'fisik') -%}
                {{ is_year_to_date_of_build_quarter() }}
            {%- elif dataset.name == 'pengaduan' -%}
                -- the quarter's complaints, and the other rows of the files they came in
                (
                    submitted_at >= {{ quarter_first_day() }}
                    and submitted_at < {{ quarter_end_exclusive() }}
                )
                or _file_sha256 in (
                    select staged.source_file_sha256
                    from {{ ref(dataset.staging) }} as staged
                )
            {%- else -%}
                {{ is_in_build_quarter() }}
            {%- endif %}
    ),

    -- a staged row counts unless its measure's rule says why not; staging dropped the others (a
    -- superseded file's, a complaint outside the quarter, an exact copy). One join per dataset
    -- and none kept aside: the rows' values are large, and DuckDB would spill them to disk.
    {{ dataset.name }}_rows as (
        select
            '{{ dataset.name }}' as dataset,
            {% if dataset.name == 'anggaran' -%}
                coalesce(rules.measure, '{{ dataset.measure }}') as measure,
            {%- else -%}
                '{{ dataset.measure }}' as measure,
            {%- endif %}
            read_rows._file_sha256 as source_file_sha256,
            read_rows._file_name as source_file_name,
            read_rows._sheet as source_sheet,
            read_rows._line as source_line,
            read_rows._load_id as load_id,
            read_rows.opd_code,
            read_rows.assessed_component,
            read_rows.row_values,
            case
                when rules.source_line is not null then {{ 'rules.why' if rules else 'null' }}
                when not read_rows._is_current
                    then
                        'superseded by '
                        || coalesce(superseding_files.file_name, 'a corrected file')
                when not read_rows.is_in_window then 'submitted outside the quarter'
                else 'exact copy of an earlier row'
            end as why
        from {{ dataset.name }}_read as read_rows
        left join {{ rules or ref(dataset.staging) }} as rules
            on
                read_rows._file_sha256 = rules.source_file_sha256
                and read_rows._sheet is not distinct from rules.source_sheet
                and read_rows._line = rules.source_line
        left join superseding_files on read_rows._file_sha256 = superseding_files.file_sha256
    ),
{% endfor %}

lineage as (
    {%- for dataset in datasets %}
        select * from {{ dataset.name }}_rows
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

components as (
    select * from {{ ref('stg_scheme__components') }}
),

opd as (
    select * from {{ ref('int_opd_in_scope') }}
),

final as (
    select
        {{ build_quarter_key() }} as quarter_key,
        lineage.opd_code,
        components.component,
        lineage.measure,
        lineage.dataset,
        (
            {{ row_id(
                'lineage.source_file_sha256', 'lineage.source_sheet', 'lineage.source_line'
            ) }}
        ) as row_id,
        lineage.source_file_sha256,
        lineage.source_file_name,
        -- a text file's sheet is empty, however its rows were read
        coalesce(lineage.source_sheet, '') as source_sheet,
        lineage.source_line::bigint as source_line,
        lineage.load_id,
        lineage.why is null as is_counted,
        lineage.why,
        lineage.row_values::varchar as row_values
    from lineage
    inner join opd on lineage.opd_code = opd.opd_code
    inner join components
        on
            lineage.measure = components.measure
            and (
                components.measure <> 'assessed'
                or lineage.assessed_component = components.component
            )
)

select * from final
