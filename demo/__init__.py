"""Synthetic inbox data for demos and load tests: Kota Magelang, Jawa Tengah, or a whole nation.

Every file is deterministic for a seed: in the canonical inbox format of `docs/inputs.md`, or
(style `messy`) the same rows in a mix of the real-world formats the inbox accepts.
"""

from demo.inbox import STYLES, Summary, generate
from demo.scales import SCALES, Scale

__all__ = ["SCALES", "STYLES", "Scale", "Summary", "generate"]
