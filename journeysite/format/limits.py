"""Resource limits on content: every bound a hostile or broken file can hit is defined here once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 1_000_000
    max_depth: int = 32
    max_values: int = 50_000
    max_string_length: int = 20_000
    max_list_length: int = 1_000


DEFAULT_LIMITS = Limits()


LARGEST_NUMBER = 10**15
"""Numbers in front matter stay within ±10^15: exact as a float and as a JavaScript number (charts),
and far beyond any score, count or KPI; a larger one is a typo or an attack, refused with its line."""
