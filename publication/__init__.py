"""Write–audit–publish: a checked quarter from the working warehouse into the published outputs."""
