"""Synthetic inbox data for demos and load tests: Kota Magelang, Jawa Tengah, or a whole nation.

Every file is in the canonical inbox format of `spec/inputs.md` and deterministic for a seed.
"""

from rapor.generate.inbox import Summary, generate
from rapor.generate.scales import SCALES, Scale

__all__ = ["SCALES", "Scale", "Summary", "generate"]
