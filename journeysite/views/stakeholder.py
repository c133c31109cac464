"""Stakeholder profile page data: who they are, their relationships both ways, what they own."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from journeysite.load import Definition
from journeysite.markup import inline
from journeysite.portal import Portal, journey_model, stakeholder_model
from journeysite.views.common import Link, UrlFor, link_definition, link_to, texts
from journeysite.views.ownership import involved_stakeholders, owner_page_uri
from journeysite.views.stakeholder_map import STAKEHOLDERS_INDEX_URI
from journeysite.vocab import (
    CHANNEL_LABELS,
    RELATIONSHIP_LABELS,
    STAKEHOLDER_KIND_LABELS,
    quadrant,
)


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
        for other in portal.stakeholders.values()
        for r in stakeholder_model(other).relationships
        if r.with_ == definition.id
    ]
    journeys = [
        link_definition(j, url_for)
        for j in portal.journeys.values()
        if journey_model(j).owner == definition.id
    ]
    touchpoints = []
    for ref in portal.touchpoints:
        tp = ref.touchpoint
        role = (
            "Owner"
            if tp.owner == definition.id
            else ("Supporting" if definition.id in tp.supporting else "")
        )
        if role:
            touchpoints.append(
                OwnedTouchpoint(
                    journey=link_definition(ref.journey, url_for),
                    stage=ref.stage_name,
                    name=inline(tp.name),
                    url=f"{url_for(ref.journey.file.src_uri)}#{ref.anchor}",
                    channel=CHANNEL_LABELS[tp.channel] if tp.channel else "",
                    role=role,
                    pain_points=len(tp.pain_points),
                )
            )
    return StakeholderPage(
        id=definition.id,
        name=model.name,
        kind=model.kind,
        influence=model.influence,
        interest=model.interest,
        quadrant=quadrant(model.influence, model.interest),
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
