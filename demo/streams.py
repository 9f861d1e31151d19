"""Deterministic random streams: one per purpose, region, agency and year, derived from the seed.

`random.Random(str)` seeds from a SHA-512 of the text, so a stream never depends on `hash()`
randomisation, on the global generator or on the order in which other streams were used.
"""

from __future__ import annotations

import random


def stream(seed: int, *parts: object) -> random.Random:
    """The stream named by `seed` and `parts`, e.g. `stream(7, "33.71", "33.71.04", 2024)`."""
    return random.Random("-".join(str(p) for p in (seed, *parts)))
