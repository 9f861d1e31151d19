-- The consequence labels of the scheme in force for the quarter being built
-- (macros/scheme_rows.sql).
{{ scheme_rows('scheme_consequence_labels') }}
