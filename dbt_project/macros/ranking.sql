{#-
  The ranking rules of docs/methodology.md#rank, shared by the published ranking
  (opd_quarter_ranking) and the Monte Carlo of the weights (opd_rank_uncertainty), so that a draw
  ranks exactly as the publication does.
-#}

{#- The index rounded once to 2 decimals, half away from zero; the double is first fixed to 8
    decimals so that binary noise (85.12499999999) cannot flip the rounding. -#}
{% macro rounded_index(expression) -%}
    round(({{ expression }})::decimal(38, 8), 2)
{%- endmacro %}

{#- The same rounding in whole hundredths, for an index of 0–100, as an integer: the Monte Carlo
    ranks millions of drawn indexes, and 128-bit decimals cost it several times more. -#}
{% macro index_hundredths(expression) -%}
    ((round(({{ expression }}) * 100000000)::bigint + 500000) // 1000000)
{%- endmacro %}

{#- Standard competition ranking ("1224") within `partition_by`: best first on `index`, then on
    the tie-breaker order (1 = best; equal for every OPD when the scheme has no tie-breakers);
    and how many OPDs of the group rank at least as well, which the consequences need (ties at a
    boundary come in together). One sort serves both; the caller brings the group size (the
    Monte Carlo knows it without another pass over its millions of rows). -#}
{% macro competition_rank_columns(partition_by, index, tie_break_order) -%}
    rank() over (
        partition by {{ partition_by }}
        order by {{ index }} desc, {{ tie_break_order }} asc
    ) as rank,
    count(*) over (
        partition by {{ partition_by }}
        order by {{ index }} desc, {{ tie_break_order }} asc
        range between unbounded preceding and current row
    ) as opd_at_or_above
{%- endmacro %}

{#- 1 + the OPDs of the group ranked strictly worse. -#}
{% macro rank_from_bottom(opd_at_or_above, group_size) -%}
    ({{ group_size }} - {{ opd_at_or_above }} + 1)
{%- endmacro %}

{#- How many OPDs of the group rank at least as badly as this one. -#}
{% macro opd_at_or_below(rank, group_size) -%}
    ({{ group_size }} - {{ rank }} + 1)
{%- endmacro %}

{#- The best top_n ranks are rewarded, the worst bottom_n sanctioned, ties at the boundary all
    included; at most half of a group each (a tie group crossing the half is left out whole),
    so no OPD is both. -#}
{% macro is_rewarded(rank, opd_at_or_above, group_size, top_n) -%}
    (
        {{ rank }} <= {{ top_n }}
        and {{ opd_at_or_above }} <= {{ group_size }} // 2
    )
{%- endmacro %}

{% macro is_sanctioned(rank, opd_at_or_above, group_size, bottom_n) -%}
    (
        {{ rank_from_bottom(opd_at_or_above, group_size) }} <= {{ bottom_n }}
        and {{ opd_at_or_below(rank, group_size) }} <= {{ group_size }} // 2
    )
{%- endmacro %}
