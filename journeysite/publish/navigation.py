"""The generated navigation: personas with their journeys, then stakeholders; writers list nothing."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import N_, gettext
from journeysite.publish.pages import GeneratedPage, Settings
from journeysite.views.grouping import (
    NavGroup,
    by_title,
    is_grouped,
    persona_groups,
    run_tree,
    stakeholder_groups,
)
from journeysite.views.ownership import involved_stakeholders
from journeysite.views.persona import ordered_journeys
from journeysite.views.uris import owner_page_uri

log = get_plugin_logger(__name__)

NAV_PART_TITLES = {"matrix": N_("Matrix by journey")}
"""Subsection titles for generated pages listed together (GeneratedPage.nav_part), translated
where the navigation is built."""


def build_nav(
    nav: Navigation,
    portal: Portal,
    pages: dict[str, Page],
    generated: list[tuple[GeneratedPage, Page]],
    nav_title: str,
    stakeholders_title: str,
    ownership_title: str = "Ownership",
    settings: Settings | None = None,
) -> Navigation:
    """Replace wherever definitions appear in `nav` with one generated section per kind."""
    settings = settings or Settings()
    items = _without(nav.items, set(pages) | {g.src_uri for g, _ in generated})
    group_index = {g.nav_group: page for g, page in generated if g.nav_group}

    def section_pages(section: str, index: bool) -> list[StructureItem]:
        return [
            page
            for g, page in generated
            if g.section == section and g.is_index == index and not g.nav_group and not g.nav_part
        ]

    def part_pages(section: str) -> list[StructureItem]:
        """Pages listed together under a subsection named by their `nav_part`."""
        parts: dict[str, list[StructureItem]] = {}
        for g, page in generated:
            if g.section == section and g.nav_part:
                parts.setdefault(g.nav_part, []).append(page)
        return [
            Section(html.escape(gettext(NAV_PART_TITLES[name])), pages)
            for name, pages in parts.items()
        ]

    def persona_section(persona: Definition) -> Section:
        journeys = ordered_journeys(portal.journeys_by_persona.get(persona.id, []))
        members = [pages[persona.file.src_uri], *(pages[j.file.src_uri] for j in journeys)]
        return Section(html.escape(persona.title), members)

    def group_section(group: NavGroup, item: Callable[[Definition], StructureItem]) -> Section:
        members = run_tree(group.members, threshold, item, _run_section)
        return Section(html.escape(group.title), [group_index[group.src_uri], *members])

    mode, threshold = settings.nav_grouping, settings.nav_group_threshold
    items += section_pages("top", True) + section_pages("top", False)
    children = section_pages("journeys", True)
    # Section titles are rendered as HTML by the theme; persona names are writers' text.
    segments = persona_groups(portal, mode, threshold, settings.journeys_index)
    if segments is None:
        children += [persona_section(p) for p in by_title(portal.personas.values())]
    else:
        children += [group_section(g, persona_section) for g in segments]
    orphans = [
        j for j in portal.journeys.values() if journey_model(j).persona not in portal.personas
    ]
    if orphans:
        children.append(
            Section(
                html.escape(gettext("Other journeys")), [pages[j.file.src_uri] for j in orphans]
            )
        )
    children += section_pages("journeys", False)
    if children:
        items.append(Section(nav_title, children))
    portfolio = [g for g, _ in generated if g.section == "portfolio" and g.is_index]
    portfolio_children = section_pages("portfolio", True) + section_pages("portfolio", False)
    if portfolio_children:
        title = portfolio[0].title if portfolio else gettext("Portfolio")
        items.append(Section(html.escape(title), portfolio_children))
    for section, title, members in (
        ("lifecycle", gettext("Lifecycle"), by_title(portal.frameworks.values())),
        ("opportunities", gettext("Opportunities"), by_title(portal.opportunities.values())),
        ("solutions", gettext("Solutions"), by_title(portal.solutions.values())),
    ):
        managed = [*section_pages(section, True), *section_pages(section, False)]
        managed += _definition_runs(members, pages, mode, threshold)
        if managed:
            items.append(Section(html.escape(title), managed))
    kinds = stakeholder_groups(portal, mode, threshold)
    if kinds is None:
        stakeholders = [pages[s.file.src_uri] for s in by_title(portal.stakeholders.values())]
    else:
        stakeholders = [group_section(g, lambda s: pages[s.file.src_uri]) for g in kinds]
    stakeholder_children = [
        *section_pages("stakeholders", True),
        *section_pages("stakeholders", False),
        *stakeholders,
    ]
    if stakeholder_children:
        items.append(Section(stakeholders_title, stakeholder_children))
    owners = section_pages("ownership", False)
    if is_grouped(mode, threshold, len(owners)):
        owners = _owner_runs(portal, owners, threshold)
    ownership_children = [*section_pages("ownership", True), *part_pages("ownership"), *owners]
    if ownership_children:
        items.append(Section(html.escape(ownership_title), ownership_children))

    _link_parents(items, None)
    ordered = _pages(items)
    for previous, page, following in zip(
        [None, *ordered[:-1]], ordered, [*ordered[1:], None], strict=True
    ):
        page.previous_page, page.next_page = previous, following
    return Navigation(items, ordered)


def _owner_runs(portal: Portal, owners: list[StructureItem], size: int) -> list[StructureItem]:
    """Many teams' ownership pages in alphabetical runs (`A–F`), as a segment lists its personas,
    so that a team's page does not carry a link to every other team."""
    by_uri = {item.file.src_uri: item for item in owners if isinstance(item, Page)}
    teams = [
        portal.stakeholders[i] for i in involved_stakeholders(portal) if owner_page_uri(i) in by_uri
    ]
    return run_tree(by_title(teams), size, lambda s: by_uri[owner_page_uri(s.id)], _run_section)


def _definition_runs(
    members: list[Definition], pages: dict[str, Page], mode: str, threshold: int
) -> list[StructureItem]:
    """Definition pages by title; at scale in alphabetical runs (`A–F`), as owners are listed."""
    if not is_grouped(mode, threshold, len(members)):
        return [pages[d.file.src_uri] for d in members]
    return run_tree(members, threshold, lambda d: pages[d.file.src_uri], _run_section)


def _run_section(title: str, items: list[StructureItem]) -> StructureItem:
    """A run's section (`A–F`); its title is the theme's HTML, the members' titles writers' text."""
    return Section(html.escape(title), items)


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


class SectionIndexPage(Page):
    """A page that opens its section, so Material's `navigation.indexes` links the title to it.

    Material treats only pages named `index.md` as a section's own page (`Page.is_index`). A
    persona's page is the natural head of the section of its journeys but keeps the writer's file
    name; Material's blog plugin subclasses `Page` for its generated views in the same way.
    """

    @property
    def is_index(self) -> bool:
        return True


def prune_when_grouped(config: Any, generated: Iterable[GeneratedPage]) -> None:
    """Turn on Material's `navigation.prune` for a grouped (large) portal.

    Without it Material renders the whole navigation tree into every page, and grouping saves
    nothing. `navigation.expand` needs the whole tree, so it is left alone, with a warning.
    """
    if not any(g.nav_group for g in generated) or config.theme.name != "material":
        return
    features = config.theme.get("features") or []
    if "navigation.prune" in features:
        return
    if "navigation.expand" in features:
        log.warning(
            "journeysite: this portal is large enough to group its navigation, but "
            "`navigation.expand` puts the whole navigation into every page, which makes the "
            "build time grow with the square of the number of pages; consider removing it"
        )
        return
    config.theme["features"] = [*features, "navigation.prune"]
    log.info("journeysite: large portal: navigation grouped, Material's navigation.prune on")
