"""The generated navigation: personas with their journeys, then stakeholders; writers list nothing."""

from __future__ import annotations

import html

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from journeysite.generated import GeneratedPage
from journeysite.portal import Portal, journey_model
from journeysite.views.persona import ordered_journeys


def build_nav(
    nav: Navigation,
    portal: Portal,
    pages: dict[str, Page],
    generated: list[tuple[GeneratedPage, Page]],
    nav_title: str,
    stakeholders_title: str,
    ownership_title: str = "Ownership",
) -> Navigation:
    """Replace wherever definitions appear in `nav` with one generated section per kind."""
    items = _without(nav.items, set(pages) | {g.src_uri for g, _ in generated})

    def section_pages(section: str, index: bool) -> list[StructureItem]:
        return [page for g, page in generated if g.section == section and g.is_index == index]

    items += section_pages("top", True) + section_pages("top", False)
    children = section_pages("journeys", True)
    # Section titles are rendered as HTML by the theme; persona names are writers' text.
    for persona in sorted(portal.personas.values(), key=lambda d: (d.title, d.id)):
        journeys = ordered_journeys(portal.journeys_by_persona.get(persona.id, []))
        members = [pages[persona.file.src_uri], *(pages[j.file.src_uri] for j in journeys)]
        children.append(Section(html.escape(persona.title), members))
    orphans = [
        j for j in portal.journeys.values() if journey_model(j).persona not in portal.personas
    ]
    if orphans:
        children.append(Section("Other journeys", [pages[j.file.src_uri] for j in orphans]))
    children += section_pages("journeys", False)
    if children:
        items.append(Section(nav_title, children))
    portfolio = [g for g, _ in generated if g.section == "portfolio" and g.is_index]
    portfolio_children = section_pages("portfolio", True) + section_pages("portfolio", False)
    if portfolio_children:
        title = portfolio[0].title if portfolio else "Portfolio"
        items.append(Section(html.escape(title), portfolio_children))
    stakeholders = sorted(portal.stakeholders.values(), key=lambda d: (d.title, d.id))
    stakeholder_children = [
        *section_pages("stakeholders", True),
        *section_pages("stakeholders", False),
        *(pages[s.file.src_uri] for s in stakeholders),
    ]
    if stakeholder_children:
        items.append(Section(stakeholders_title, stakeholder_children))
    ownership_children = section_pages("ownership", True) + section_pages("ownership", False)
    if ownership_children:
        items.append(Section(html.escape(ownership_title), ownership_children))

    _link_parents(items, None)
    ordered = _pages(items)
    for previous, page, following in zip(
        [None, *ordered[:-1]], ordered, [*ordered[1:], None], strict=True
    ):
        page.previous_page, page.next_page = previous, following
    return Navigation(items, ordered)


def _without(items: list[StructureItem], uris: set[str]) -> list[StructureItem]:
    kept: list[StructureItem] = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in uris:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, uris)
            if not item.children:
                continue
        kept.append(item)
    return kept


def _link_parents(items: list[StructureItem], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_parents(item.children, item)


def _pages(items: list[StructureItem]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages(item.children))
    return found
