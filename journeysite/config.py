"""The plugin's typed configuration (`plugins: - journeysite: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from journeysite.build_date import BuildDateOption
from journeysite.format.i18n import N_
from journeysite.format.limits import DEFAULT_LIMITS, Limits

GROUP_MODES: tuple[str, ...] = ("auto", "always", "never")
DEFAULT_GROUP_THRESHOLD = 30
"""With `auto`, group when there are more personas (or stakeholders) than this."""
DEFAULT_MATRIX_ROWS = 2000
"""A portfolio with more touchpoints than this gets its matrix on several pages (whole journeys,
by title), each at most this long unless one journey alone is longer."""
DEFAULT_TABLE_ROWS = 1000
"""Rows per portfolio table: every KPI of 10 000 journeys was 40 MB of HTML."""


class PositiveInt(c.Type[int]):
    """A whole number of at least 1 (a limit of 0, a negative one or `true` is a typo)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(int, **kwargs)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"must be a whole number of at least 1 (got {value!r})")
        return value


class LimitsConfig(base.Config):
    """Bounds on what one content file may hold; exceeding one is an error, not a hang."""

    max_file_bytes = PositiveInt(default=DEFAULT_LIMITS.max_file_bytes)
    max_depth = PositiveInt(default=DEFAULT_LIMITS.max_depth)
    max_values = PositiveInt(default=DEFAULT_LIMITS.max_values)
    max_string_length = PositiveInt(default=DEFAULT_LIMITS.max_string_length)
    max_list_length = PositiveInt(default=DEFAULT_LIMITS.max_list_length)

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

    nav_title = c.Type(str, default=N_("Journeys"))
    stakeholders_title = c.Type(str, default=N_("Stakeholders"))

    offline = c.Type(bool, default=True)
    """Turn off Material's Google Fonts so the site makes no request to another host."""

    limits = c.SubConfig(LimitsConfig)

    build_date = c.Optional(BuildDateOption())
    """The reference day (YYYY-MM-DD) for review-due figures; else SOURCE_DATE_EPOCH, else today."""

    portfolio_title = c.Type(str, default=N_("Portfolio"))

    ownership_title = c.Type(str, default=N_("Ownership"))
    """Navigation title of the ownership matrix and the per-owner pages."""

    require_owner = c.Type(bool, default=False)
    """Make a touchpoint without an `owner` a build error (for portals that enforce ownership in CI);
    by default the ownership matrix lists unowned touchpoints and the build goes on."""
    nav_grouping = c.Choice(GROUP_MODES, default="auto")
    """Personas under segment sections and stakeholders under kind sections, each with an index
    page: `auto` once there are more than `nav_group_threshold` of them, `always` or `never`."""

    nav_group_threshold = c.Type(int, default=DEFAULT_GROUP_THRESHOLD)

    ownership_matrix_rows = PositiveInt(default=DEFAULT_MATRIX_ROWS)
    """With more touchpoints than this, the ownership matrix lists pages of whole journeys (by
    title) of at most this many touchpoints each, instead of one table of every touchpoint."""

    build_processes = c.Choice((0, 1, 2), default=0)
    """Processes that write a build's pages (journeysite.publish.page_workers): 0 two on a machine
    with two cores or more for 200 to 8,000 pages; 1 one; 2 two."""

    labels = c.DictOfItems(c.Type(str), default={})
    """The portal's own words for single terms of the generated text, after translation: a word
    or phrase as it reads in the site's language → its replacement (`persona: customer`), whole
    words only; a lower-case term also renames its capitalised form (journeysite/publish/locales.py)."""

    portfolio_table_rows = PositiveInt(default=DEFAULT_TABLE_ROWS)
    """Rows listed by each table or list of the portfolio pages (reviews, maps without sources or
    not validated, KPIs, pain points, the touchpoints of a channel, the lowest emotion points,
    evidence). With more, it lists those that most need attention and says where every row is:
    each journey's page, the ownership matrix and the exports."""
