"""Index pages of the navigation groups of a large portfolio: segments and stakeholder kinds."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from journeysite.content.portal import Portal, journey_model, stakeholder_model
from journeysite.format.i18n import gettext
from journeysite.format.vocabulary import STATUS_LABELS, quadrant
from journeysite.views.common import Link, UrlFor, link_definition
from journeysite.views.grouping import NavGroup
from journeysite.views.persona import (
    JourneysIndex,
    PersonaGroup,
    journey_row,
    ordered_journeys,
)


@dataclass(frozen=True)
class SegmentRow:
    link: Link
    personas: list[Link]
    journeys: int
    statuses: list[tuple[str, str, int]]
    """(status, label, count) for each status that occurs, in the vocabulary's order."""


@dataclass(frozen=True)
class SegmentsOverview:
    segments: list[SegmentRow]
    personas: int
    journeys: int
    unassigned: int
    """Journeys whose persona does not exist (only while serving a portal with errors)."""


@dataclass(frozen=True)
class StakeholderRow:
    link: Link
    influence: int | None
    interest: int | None
    approach: str
    journeys: int
    touchpoints: int


@dataclass(frozen=True)
class StakeholderGroupPage:
    title: str
    rows: list[StakeholderRow]


def segment_index(portal: Portal, group: NavGroup, url_for: UrlFor) -> JourneysIndex:
    """A segment's page: its personas with their journeys, like the journeys index."""
    groups = [
        PersonaGroup(
            link_definition(persona, url_for),
            "",
            [
                journey_row(j, portal, url_for)
                for j in ordered_journeys(portal.journeys_by_persona.get(persona.id, []))
            ],
        )
        for persona in group.members
    ]
    total = sum(len(g.journeys) for g in groups)
    return JourneysIndex(groups=groups, total=total)


def segments_overview(portal: Portal, groups: list[NavGroup], url_for: UrlFor) -> SegmentsOverview:
    """The journeys index of a grouped portfolio: one row per segment instead of every journey."""
    rows = []
    for group in groups:
        journeys = [j for p in group.members for j in portal.journeys_by_persona.get(p.id, [])]
        counts = Counter(journey_model(j).status for j in journeys)
        rows.append(
            SegmentRow(
                link=Link(group.title, url_for(group.src_uri)),
                personas=[link_definition(p, url_for) for p in group.members],
                journeys=len(journeys),
                statuses=[(s, label, counts[s]) for s, label in STATUS_LABELS.items() if counts[s]],
            )
        )
    assigned = sum(row.journeys for row in rows)
    return SegmentsOverview(
        segments=rows,
        personas=len(portal.personas),
        journeys=len(portal.journeys),
        unassigned=len(portal.journeys) - assigned,
    )


def stakeholder_group_page(
    portal: Portal, group: NavGroup, url_for: UrlFor
) -> StakeholderGroupPage:
    rows = []
    for stakeholder in group.members:
        model = stakeholder_model(stakeholder)
        rows.append(
            StakeholderRow(
                link=link_definition(stakeholder, url_for),
                influence=model.influence,
                interest=model.interest,
                approach=gettext(quadrant(model.influence, model.interest)),
                journeys=len(portal.journeys_by_owner.get(stakeholder.id, [])),
                touchpoints=len(portal.touchpoints_by_stakeholder.get(stakeholder.id, [])),
            )
        )
    return StakeholderGroupPage(title=group.title, rows=rows)
