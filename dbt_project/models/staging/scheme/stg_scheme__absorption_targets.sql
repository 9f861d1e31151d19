-- The whole cumulative absorption target curve (quarters 1–4) of the scheme in force for the
-- quarter being built (macros/scheme_rows.sql).
{{ scheme_rows('scheme_absorption_targets') }}
