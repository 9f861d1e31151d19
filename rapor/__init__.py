"""The command line, the top floor: it runs the Dagster definitions in process."""
