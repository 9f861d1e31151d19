"""Great Expectations suites over a quarter's raw rows: the value rules of `docs/inputs.md` that
gate publication. Validation reads the quarter's rows from DuckDB in batches, never a whole table.
"""
