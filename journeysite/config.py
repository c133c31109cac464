"""The plugin's typed configuration (`plugins: - journeysite: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from journeysite.builddate import BuildDateOption
from journeysite.limits import DEFAULT_LIMITS, Limits


class LimitsConfig(base.Config):
    """Bounds on what one content file may hold; exceeding one is an error, not a hang."""

    max_file_bytes = c.Type(int, default=DEFAULT_LIMITS.max_file_bytes)
    max_depth = c.Type(int, default=DEFAULT_LIMITS.max_depth)
    max_values = c.Type(int, default=DEFAULT_LIMITS.max_values)
    max_string_length = c.Type(int, default=DEFAULT_LIMITS.max_string_length)
    max_list_length = c.Type(int, default=DEFAULT_LIMITS.max_list_length)

    def to_limits(self) -> Limits:
        return Limits(
            max_file_bytes=self.max_file_bytes,
            max_depth=self.max_depth,
            max_values=self.max_values,
            max_string_length=self.max_string_length,
            max_list_length=self.max_list_length,
        )


class JourneysiteConfig(base.Config):
    journeys_index = c.Type(str, default="journeys/index.md")
    """Where the generated index of all journeys is published."""

    nav_title = c.Type(str, default="Journeys")
    stakeholders_title = c.Type(str, default="Stakeholders")

    offline = c.Type(bool, default=True)
    """Turn off Material's Google Fonts so the site makes no request to another host."""

    limits = c.SubConfig(LimitsConfig)

    build_date = c.Optional(BuildDateOption())
    """The reference day (YYYY-MM-DD) for review-due figures; else SOURCE_DATE_EPOCH, else today."""

    portfolio_title = c.Type(str, default="Portfolio")

    ownership_title = c.Type(str, default="Ownership")
    """Navigation title of the ownership matrix and the per-owner pages."""

    require_owner = c.Type(bool, default=False)
    """Make a touchpoint without an `owner` a build error (for portals that enforce ownership in CI);
    by default the ownership matrix lists unowned touchpoints and the build goes on."""
