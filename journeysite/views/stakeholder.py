"""Stakeholder profile page data: who they are, their relationships both ways, what they own."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, stakeholder_model
from journeysite.format.i18n import gettext
from journeysite.format.vocabulary import (
    CHANNEL_LABELS,
    RELATIONSHIP_LABELS,
    STAKEHOLDER_KIND_LABELS,
    quadrant,
)
from journeysite.views.common import Link, UrlFor, link_definition, link_to, texts
from journeysite.views.markup import inline
from journeysite.views.ownership import involved_stakeholders
from journeysite.views.uris import STAKEHOLDERS_INDEX_URI, owner_page_uri


@dataclass(frozen=True)
class RelationshipRow:
    other: Link
    kind: str
    note: Markup | None

    @property
    def label(self) -> str:
        """The relationship as it reads in a sentence: `depends on`, `reports to`."""
        return RELATIONSHIP_LABELS[self.kind]


@dataclass(frozen=True)
class OwnedTouchpoint:
    journey: Link
    stage: str
    name: Markup
    url: str
    channel: str
    role: str
    pain_points: int


@dataclass(frozen=True)
class StakeholderPage:
    id: str
    name: str
    kind: str
    influence: int | None
    interest: int | None
    quadrant: str
    contact: Markup | None
    motivations: list[Markup]
    objectives: list[Markup]
    challenges: list[Markup]
    outgoing: list[RelationshipRow]
    incoming: list[RelationshipRow]
    journeys: list[Link]
    touchpoints: list[OwnedTouchpoint]
    kind_label: str = ""
    ownership: str | None = None
    """URL of the page listing everything this stakeholder owns or supports, when it has one."""
    stakeholder_map: str | None = None


def stakeholder_page(definition: Definition, portal: Portal, url_for: UrlFor) -> StakeholderPage:
    model = stakeholder_model(definition)
    outgoing = [
        RelationshipRow(
            link_to(portal, "stakeholder", r.with_, url_for) or Link(r.with_, None),
            r.kind,
            inline(r.note) if r.note else None,
        )
        for r in model.relationships
    ]
    incoming = [
        RelationshipRow(link_definition(other, url_for), r.kind, inline(r.note) if r.note else None)
        for other, r in portal.incoming_relationships.get(definition.id, [])
    ]
    journeys = [
        link_definition(j, url_for) for j in portal.journeys_by_owner.get(definition.id, [])
    ]
    touchpoints = [
        OwnedTouchpoint(
            journey=link_definition(ref.journey, url_for),
            stage=ref.stage_name,
            name=inline(ref.touchpoint.name),
            url=f"{url_for(ref.journey.file.src_uri)}#{ref.anchor}",
            channel=CHANNEL_LABELS[ref.touchpoint.channel] if ref.touchpoint.channel else "",
            role=role,
            pain_points=len(ref.touchpoint.pain_points),
        )
        for ref, role in portal.touchpoints_by_stakeholder.get(definition.id, [])
    ]
    return StakeholderPage(
        id=definition.id,
        name=model.name,
        kind=model.kind,
        influence=model.influence,
        interest=model.interest,
        quadrant=gettext(quadrant(model.influence, model.interest)),
        contact=inline(model.contact) if model.contact else None,
        motivations=texts(model.motivations),
        objectives=texts(model.objectives),
        challenges=texts(model.challenges),
        outgoing=outgoing,
        incoming=incoming,
        journeys=journeys,
        touchpoints=touchpoints,
        kind_label=STAKEHOLDER_KIND_LABELS[model.kind],
        ownership=url_for(owner_page_uri(definition.id))
        if definition.id in involved_stakeholders(portal)
        else None,
        stakeholder_map=url_for(STAKEHOLDERS_INDEX_URI),
    )
