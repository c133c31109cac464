"""Which pages show which definitions, so `journeysite serve` rebuilds only what an edit touches.

A definition is known by its key, (type, id). Its own page shows it, the definitions it names
(a journey's persona and owners: their titles, kinds) and the definitions that name it (a
persona's journeys, a stakeholder's touchpoints, a baseline's future maps): one step both ways.
A generated page that declares the definitions it is about (`GeneratedPage.about`: a team's
ownership page, a page of the ownership matrix) shows what their own pages show; any other generated page
shows the whole portal. A solution reaches one step further: it is shown on the maps of its
opportunities' moments (a journey page lists, at each stage, the opportunities there and their
solutions). The framework's phases are shown wherever stages are grouped (journey, persona,
heatmap, lifecycle and opportunity pages): journeysite.publish.incremental rebuilds every page
when the framework changes. Titles reach further (navigation, previous/next links on every page):
journeysite.publish.incremental rebuilds everything when a title or the navigation changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from journeysite.content.cache import by_identity
from journeysite.content.checks import outline
from journeysite.content.load import Definition
from journeysite.content.portal import Portal
from journeysite.publish.pages import GeneratedPage

Key = tuple[str, str]
"""A definition's (type, id), also when no file defines it yet (a dangling reference)."""

EVERYTHING = None
"""What a page depends on when it shows the whole portal."""


def key_of(definition: Definition) -> Key:
    return (definition.type, definition.id)


@by_identity()
def named(definition: Definition) -> frozenset[Key]:
    """The keys of the definitions `definition` names (memoised: unchanged files keep theirs)."""
    return frozenset((ref.target, ref.value) for ref in outline(definition).references)


def shown_with(portal: Portal, definition: Definition) -> set[Key]:
    """The keys of what `definition`'s data appears beside: those it names and, for a solution,
    what its opportunities name (their journeys)."""
    keys = set(named(definition))
    if definition.type == "solution":
        for kind, ident in list(keys):
            if kind == "opportunity" and (opportunity := portal.opportunities.get(ident)):
                keys |= named(opportunity)
    return keys


def neighbours(portal: Portal) -> dict[Key, set[Key]]:
    """Each definition's key with its own, those it shows beside and those shown beside it."""
    linked: dict[Key, set[Key]] = defaultdict(set)
    for definition in portal.all():
        key = key_of(definition)
        linked[key].add(key)
        for target in shown_with(portal, definition):
            linked[key].add(target)
            linked[target].add(key)
    return dict(linked)


def page_dependencies(
    portal: Portal, generated: Iterable[GeneratedPage]
) -> dict[str, frozenset[Key] | None]:
    """The keys each page shows, by src_uri; None (EVERYTHING) for a page of the whole portal."""
    linked = neighbours(portal)
    pages: dict[str, frozenset[Key] | None] = {
        d.file.src_uri: frozenset(linked[key_of(d)]) for d in portal.all()
    }
    for page in generated:
        if page.about is None:
            pages[page.src_uri] = EVERYTHING
        else:
            pages[page.src_uri] = frozenset(k for key in page.about for k in linked.get(key, {key}))
    return pages
