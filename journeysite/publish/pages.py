"""The pages and files journeysite adds to a portal, declared in one place.

Each generated page names its template and a pure view that turns the portal into the template's
context; the plugin creates the virtual file, renders it and places it in the navigation section
given here. Generated files (exports) are produced from the portal the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from journeysite.build_date import BuildDate, resolve_build_date
from journeysite.config import DEFAULT_GROUP_THRESHOLD, DEFAULT_MATRIX_ROWS, DEFAULT_TABLE_ROWS
from journeysite.content.portal import Portal
from journeysite.exports.csv_writer import ownership_csv
from journeysite.exports.document import portal_json
from journeysite.exports.json_writer import ownership_json
from journeysite.format.i18n import gettext
from journeysite.views.channels import channels_page
from journeysite.views.common import UrlFor
from journeysite.views.evidence import evidence_page
from journeysite.views.group_index import segment_index, segments_overview, stakeholder_group_page
from journeysite.views.grouping import persona_groups, stakeholder_groups
from journeysite.views.heatmap import pain_points_page
from journeysite.views.kpiboard import kpi_board
from journeysite.views.lifecycle import lifecycle_page
from journeysite.views.opportunities import opportunities_page
from journeysite.views.overview import overview_page
from journeysite.views.ownership import (
    involved_stakeholders,
    matrix_parts,
    owner_page,
    ownership_matrix,
    ownership_matrix_part,
)
from journeysite.views.persona import journeys_index
from journeysite.views.solutions import solutions_page
from journeysite.views.stakeholder_map import stakeholder_map
from journeysite.views.uris import (
    CSV_URI,
    JSON_URI,
    LIFECYCLE_URI,
    MATRIX_URI,
    OPPORTUNITIES_URI,
    PORTAL_JSON_URI,
    PORTFOLIO_FOLDER,
    SOLUTIONS_URI,
    STAKEHOLDERS_INDEX_URI,
    owner_page_uri,
)

NavSection = Literal[
    "journeys",
    "portfolio",
    "stakeholders",
    "top",
    "ownership",
    "lifecycle",
    "opportunities",
    "solutions",
]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    view: Callable[[Portal, UrlFor], Any]
    """The page data: its template reads it as `page_data`, as every journeysite template does."""
    section: NavSection
    is_index: bool = False
    """The section's own page (listed first, used as the section link with navigation.indexes)."""
    nav_group: str = ""
    """The src_uri of the navigation group (journeysite.views.grouping.NavGroup) this page opens, if any;
    such a page is placed first in its group's section instead of in `section`."""
    nav_part: str = ""
    """Pages that share a value are listed together in their own subsection of `section`
    (journeysite.publish.navigation): the pages of a large portfolio's ownership matrix."""
    about: tuple[tuple[str, str], ...] | None = None
    """The (type, id) of each definition this page is about: it shows what their own pages show
    (journeysite.publish.dependencies). None: the page shows the whole portal, and
    `journeysite serve` rebuilds it after every edit."""


@dataclass(frozen=True)
class GeneratedFile:
    """A non-page output, e.g. an export, written once per build from the portal in pieces."""

    src_uri: str
    content: Callable[[Portal], Iterable[str]]


@dataclass(frozen=True)
class Settings:
    """The plugin configuration values that decide which pages exist and where."""

    journeys_index: str = "journeys/index.md"
    nav_title: str = "Journeys"
    extra: dict[str, Any] = field(default_factory=dict)
    build_date: BuildDate = field(default_factory=lambda: resolve_build_date(None, {}))
    """The reference day for review-due figures (journeysite.build_date.resolve_build_date)."""
    portfolio_title: str = "Portfolio"
    nav_grouping: str = "auto"
    nav_group_threshold: int = DEFAULT_GROUP_THRESHOLD
    matrix_rows: int = DEFAULT_MATRIX_ROWS
    """Touchpoints per page of the ownership matrix (journeysite.views.ownership.matrix_parts)."""
    table_rows: int = DEFAULT_TABLE_ROWS
    """Rows per table of the portfolio pages (journeysite.views.portfolio.Listed)."""


def generated_pages(portal: Portal, settings: Settings) -> list[GeneratedPage]:
    pages = [
        GeneratedPage(
            src_uri=settings.journeys_index,
            title=settings.nav_title,
            template="journeys/index.html",
            view=journeys_index,
            section="journeys",
            is_index=True,
        ),
    ]
    pages += portfolio_pages(settings)
    pages += management_pages(portal, settings)
    pages += _stakeholder_and_ownership_pages(portal, settings)
    return grouped(pages, portal, settings)


def portfolio_pages(settings: Settings) -> list[GeneratedPage]:
    """The portfolio section: overview, pain-point heatmap, KPI board, channels and evidence."""
    as_of = settings.build_date  # templates show it as `as_of` (journeysite.plugin)

    def page(uri: str, title: str, template: str, view: Callable[..., Any]) -> GeneratedPage:
        return GeneratedPage(
            src_uri=f"{PORTFOLIO_FOLDER}/{uri}",
            title=title,
            template=f"portfolio/{template}",
            view=view,
            section="portfolio",
            is_index=uri == "index.md",
        )

    def tables(view: Callable[..., Any]) -> Callable[..., Any]:
        """A view whose tables list at most `table_rows` rows (journeysite.views.portfolio.Listed)."""
        return functools.partial(view, limit=settings.table_rows)

    return [
        page(
            "index.md",
            settings.portfolio_title,
            "overview.html",
            tables(functools.partial(overview_page, as_of=as_of.day)),
        ),
        page(
            "pain-points.md",
            gettext("Pain-point heatmap"),
            "pain_points.html",
            tables(pain_points_page),
        ),
        page("kpis.md", gettext("KPI board"), "kpis.html", tables(kpi_board)),
        page("channels.md", gettext("Channels"), "channels.html", tables(channels_page)),
        page("evidence.md", gettext("Evidence"), "evidence.html", tables(evidence_page)),
    ]


def management_pages(portal: Portal, settings: Settings) -> list[GeneratedPage]:
    """Lifecycle, opportunities and solutions: each only when the portal has what it shows."""
    as_of, limit = settings.build_date.day, settings.table_rows
    pages = []
    if portal.framework is not None:
        pages.append(
            GeneratedPage(
                src_uri=LIFECYCLE_URI,
                title=gettext("Lifecycle"),
                template="lifecycle/index.html",
                view=functools.partial(lifecycle_page, limit=limit),
                section="lifecycle",
                is_index=True,
            )
        )
    if portal.opportunities:
        pages.append(
            GeneratedPage(
                src_uri=OPPORTUNITIES_URI,
                title=gettext("Opportunities"),
                template="opportunities/index.html",
                view=functools.partial(opportunities_page, limit=limit, as_of=as_of),
                section="opportunities",
                is_index=True,
            )
        )
    if portal.solutions:
        pages.append(
            GeneratedPage(
                src_uri=SOLUTIONS_URI,
                title=gettext("Solutions"),
                template="solutions/index.html",
                view=functools.partial(solutions_page, limit=limit, as_of=as_of),
                section="solutions",
                is_index=True,
            )
        )
    return pages


def _stakeholder_and_ownership_pages(portal: Portal, settings: Settings) -> list[GeneratedPage]:
    parts = matrix_parts(portal, settings.matrix_rows)
    pages = [
        GeneratedPage(
            src_uri=STAKEHOLDERS_INDEX_URI,
            title=gettext("Stakeholder map"),
            template="stakeholders/map.html",
            view=stakeholder_map,
            section="stakeholders",
            is_index=True,
        ),
        GeneratedPage(
            src_uri=MATRIX_URI,
            title=gettext("Ownership matrix"),
            template="ownership/matrix.html",
            view=lambda p, url_for: ownership_matrix(p, url_for, parts),
            section="ownership",
            is_index=True,
        ),
    ]
    for index, part in enumerate(parts or []):
        pages.append(
            GeneratedPage(
                src_uri=part.src_uri,
                title=gettext("Ownership matrix: journeys %(range)s") % {"range": part.title},
                template="ownership/matrix_part.html",
                view=lambda p, url_for, index=index: ownership_matrix_part(
                    p, parts, index, url_for
                ),
                section="ownership",
                nav_part="matrix",
                about=tuple(("journey", journey) for journey in part.journeys),
            )
        )
    for ident in involved_stakeholders(portal):
        pages.append(
            GeneratedPage(
                src_uri=owner_page_uri(ident),
                title=gettext("%(name)s: ownership") % {"name": portal.stakeholders[ident].title},
                template="ownership/owner.html",
                view=lambda p, url_for, ident=ident: owner_page(
                    ident, p, url_for, as_of=settings.build_date.day
                ),
                section="ownership",
                about=(("stakeholder", ident),),
            )
        )
    return pages


def grouped(pages: list[GeneratedPage], portal: Portal, settings: Settings) -> list[GeneratedPage]:
    """Add the index pages of segments and stakeholder kinds when a large portfolio is grouped.

    With personas grouped, the journeys index lists segments instead of every journey, so no
    page grows with the whole portfolio.
    """
    mode, threshold = settings.nav_grouping, settings.nav_group_threshold
    segments = persona_groups(portal, mode, threshold, settings.journeys_index)
    if segments is not None:
        pages = [
            replace(
                page,
                template="journeys/segments.html",
                view=lambda p, url_for: segments_overview(p, segments, url_for),
            )
            if page.src_uri == settings.journeys_index
            else page
            for page in pages
        ]
        pages += [
            GeneratedPage(
                src_uri=group.src_uri,
                title=group.title,
                template="journeys/index.html",
                view=lambda p, url_for, group=group: segment_index(p, group, url_for),
                section="journeys",
                nav_group=group.src_uri,
            )
            for group in segments
        ]
    for group in stakeholder_groups(portal, mode, threshold) or []:
        pages.append(
            GeneratedPage(
                src_uri=group.src_uri,
                title=group.title,
                template="stakeholders/group.html",
                view=lambda p, url_for, group=group: stakeholder_group_page(p, group, url_for),
                section="stakeholders",
                nav_group=group.src_uri,
            )
        )
    return pages


def generated_files(portal: Portal, settings: Settings) -> list[GeneratedFile]:
    files = [
        GeneratedFile(CSV_URI, ownership_csv),
        GeneratedFile(JSON_URI, ownership_json),
        GeneratedFile(PORTAL_JSON_URI, portal_json),
    ]
    return files
