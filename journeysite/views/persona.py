"""Persona page data and the journeys index, grouped by persona."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from journeysite.content.cache import by_identity
from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model, persona_model
from journeysite.format.i18n import gettext
from journeysite.format.vocabulary import MAP_TYPE_LABELS, STATUS_LABELS
from journeysite.views.baseline import BaselineView, baseline_view
from journeysite.views.charts import (
    Chart,
    Curve,
    Table,
    average_emotion,
    emotion_curves,
)
from journeysite.views.common import Link, UrlFor, link_definition, link_to, texts
from journeysite.views.journey import stage_mood
from journeysite.views.lifecycle import curve_label, emotion_by_phase
from journeysite.views.markup import inline
from journeysite.views.stages import numbered

_MAP_ORDER = {"current": 0, "future": 1, "day-in-the-life": 2, "blueprint": 3}


@dataclass(frozen=True)
class JourneyRow:
    link: Link
    map: str
    map_label: str
    status: str
    status_label: str
    owner: Link | None
    stages: int
    touchpoints: int
    reviewed: str
    baseline: Link | None


@dataclass(frozen=True)
class PersonaPage:
    id: str
    name: str
    segment: str
    summary: Markup | None
    quote: Markup | None
    goals: list[Markup]
    needs: list[Markup]
    frustrations: list[Markup]
    channels: list[Markup]
    journeys: list[JourneyRow]
    curves: list[Chart]
    """One small emotion chart per journey, in the order of `journeys`."""
    comparisons: list[BaselineView]
    phases: Chart | None = None
    """Emotion by lifecycle phase across the persona's journeys, when there is a framework."""


@dataclass(frozen=True)
class PersonaGroup:
    persona: Link | None
    segment: str
    journeys: list[JourneyRow]


@dataclass(frozen=True)
class JourneysIndex:
    groups: list[PersonaGroup]
    total: int


def ordered_journeys(journeys: list[Definition]) -> list[Definition]:
    """Current maps first, their future maps next, then the other kinds; by title within."""
    return sorted(
        journeys, key=lambda d: (_MAP_ORDER[journey_model(d).map], journey_model(d).title, d.id)
    )


def journey_row(definition: Definition, portal: Portal, url_for: UrlFor) -> JourneyRow:
    journey = journey_model(definition)
    return JourneyRow(
        link=link_definition(definition, url_for),
        map=journey.map,
        map_label=MAP_TYPE_LABELS[journey.map],
        status=journey.status,
        status_label=STATUS_LABELS[journey.status],
        owner=link_to(portal, "stakeholder", journey.owner, url_for),
        stages=len(journey.stages),
        touchpoints=len(journey.touchpoints()),
        reviewed=journey.reviewed.isoformat() if journey.reviewed else "",
        baseline=link_to(portal, "journey", journey.baseline, url_for),
    )


def persona_page(definition: Definition, portal: Portal, url_for: UrlFor) -> PersonaPage:
    persona = persona_model(definition)
    journeys = ordered_journeys(portal.journeys_by_persona.get(definition.id, []))
    return PersonaPage(
        id=definition.id,
        name=persona.name,
        segment=persona.segment or "",
        summary=inline(persona.summary) if persona.summary else None,
        quote=inline(persona.quote) if persona.quote else None,
        goals=texts(persona.goals),
        needs=texts(persona.needs),
        frustrations=texts(persona.frustrations),
        channels=texts(persona.channels),
        journeys=[journey_row(j, portal, url_for) for j in journeys],
        curves=[c for j in journeys if (c := journey_curve(definition, j)) is not None],
        comparisons=[
            view
            for j in journeys
            if (view := baseline_view(j, portal, url_for, with_chart=False)) is not None
        ],
        phases=emotion_by_phase(portal, definition, journeys),
    )


SMALL_WIDTH = 400
"""Width the small multiples are drawn at before JavaScript: about their width on the page."""


@by_identity()
def journey_curve(persona: Definition, journey: Definition) -> Chart | None:
    """One journey's emotion per stage, small enough to sit beside the persona's other journeys.

    Stage names are cut to the width of their slot (full names in the table and tooltips), so
    labels of neighbouring stages never overlap; a future map's line is dashed.
    """
    model = journey_model(journey)
    moods = [stage_mood(stage) for stage in model.stages]
    if all(v is None for v in moods):
        return None
    categories = numbered([stage.name for stage in model.stages])
    label = curve_label(journey)
    values = [None if v is None else round(v) for v in moods]
    table = Table(
        caption=gettext("Emotion per stage of %(journey)s") % {"journey": model.title},
        headers=[gettext("Stage"), gettext("Emotion")],
        rows=[[c, average_emotion(v)] for c, v in zip(categories, moods, strict=True)],
    )
    description = gettext(
        "Emotion per stage of “%(journey)s”, one of the journeys of %(persona)s, from 1 "
        "(very negative) to 5 (very positive). A stage without its own emotion shows the mean of "
        "its touchpoints."
    ) % {"journey": model.title, "persona": persona.title}
    chart = emotion_curves(
        f"chart-persona-{persona.id}-{journey.id}",
        label,
        description,
        categories,
        [Curve(label, values, dashed=model.map == "future")],
        table,
    )
    slot = max(36, (SMALL_WIDTH - 150) // max(len(categories), 1) - 6)
    chart.options["xAxis"][0]["axisLabel"].update(
        # jmFit: journeysite.js sets the width to the slot of the chart's real width.
        {"width": slot, "overflow": "truncate", "rotate": 0, "jmFit": True, "jmReserve": 130}
    )
    chart.options["legend"][0]["show"] = False
    chart.options["grid"]["top"] = 16
    chart.extra["drawing_width"] = SMALL_WIDTH
    return Chart(chart.id, chart.title, chart.description, chart.options, table, 240, chart.extra)


def journeys_index(portal: Portal, url_for: UrlFor) -> JourneysIndex:
    groups = []
    for persona_id in sorted(portal.personas, key=lambda p: portal.personas[p].title):
        persona = portal.personas[persona_id]
        rows = [
            journey_row(j, portal, url_for)
            for j in ordered_journeys(portal.journeys_by_persona.get(persona_id, []))
        ]
        groups.append(
            PersonaGroup(
                link_definition(persona, url_for), persona_model(persona).segment or "", rows
            )
        )
    orphans = [
        j for j in portal.journeys.values() if journey_model(j).persona not in portal.personas
    ]
    if orphans:
        rows = [journey_row(j, portal, url_for) for j in ordered_journeys(orphans)]
        groups.append(PersonaGroup(None, "", rows))
    return JourneysIndex(groups=groups, total=len(portal.journeys))
