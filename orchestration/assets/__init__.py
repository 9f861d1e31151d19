"""Asset modules, each owning its assets and checks."""
