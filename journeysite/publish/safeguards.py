"""Theme settings that would let writers' text run as code, and how journeysite turns them off.

Material's `content.tooltips` renders a tooltip's text with innerHTML: the title it shows for a
truncated navigation entry (a journey title, a persona or stakeholder name) or for a link's title
in a field becomes live HTML, so `<img src=x onerror=...>` in a title runs when a reader hovers
it. Without the feature, browsers show the same titles as plain native tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence

UNSAFE_FEATURES = ("content.tooltips",)


def safe_features(features: Sequence[str]) -> tuple[list[str], list[str]]:
    """The theme features to keep, and the unsafe ones removed."""
    kept = [f for f in features if f not in UNSAFE_FEATURES]
    removed = [f for f in features if f in UNSAFE_FEATURES]
    return kept, removed
