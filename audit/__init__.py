"""Auditors' tools over the publication: the trace of a published rank to its raw rows."""
