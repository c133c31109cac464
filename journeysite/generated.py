"""The pages and files journeysite adds to a portal, declared in one place.

Each generated page names its template and a pure view that turns the portal into the template's
context; the plugin creates the virtual file, renders it and places it in the navigation section
given here. Generated files (exports) are produced from the portal the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from journeysite.portal import Portal
from journeysite.views.common import UrlFor
from journeysite.views.persona import journeys_index

NavSection = Literal["journeys", "stakeholders", "top"]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    view: Callable[[Portal, UrlFor], dict[str, Any]]
    section: NavSection
    is_index: bool = False
    """The section's own page (listed first, used as the section link with navigation.indexes)."""


@dataclass(frozen=True)
class GeneratedFile:
    """A non-page output, e.g. an export; content is built once per build from the portal."""

    src_uri: str
    content: Callable[[Portal], str]


@dataclass(frozen=True)
class Settings:
    """The plugin configuration values that decide which pages exist and where."""

    journeys_index: str = "journeys/index.md"
    nav_title: str = "Journeys"
    extra: dict[str, Any] = field(default_factory=dict)


def generated_pages(portal: Portal, settings: Settings) -> list[GeneratedPage]:
    pages = [
        GeneratedPage(
            src_uri=settings.journeys_index,
            title=settings.nav_title,
            template="journeys_index.html",
            view=lambda p, url_for: {"index": journeys_index(p, url_for)},
            section="journeys",
            is_index=True,
        ),
    ]
    return pages


def generated_files(portal: Portal, settings: Settings) -> list[GeneratedFile]:
    return []
