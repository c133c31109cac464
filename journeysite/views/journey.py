"""Journey page data: header, stages × lanes grid with its emotion lane, touchpoints, KPIs, sources."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from markupsafe import Markup

from journeysite.content.cache import by_identity
from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import N_, Labels, format_number, gettext
from journeysite.format.models import Journey, Stage, Touchpoint
from journeysite.format.vocabulary import (
    CHANNEL_LABELS,
    MAP_TYPE_LABELS,
    SOLICITED_SOURCES,
    STATUS_LABELS,
)
from journeysite.views.baseline import BaselineView, baseline_view
from journeysite.views.charts import Table, emotion_label
from journeysite.views.common import (
    Emotion,
    Item,
    KpiRow,
    Link,
    UrlFor,
    kpi_row,
    link_definition,
    link_to,
    notes,
    texts,
)
from journeysite.views.evidence import Coverage, coverage
from journeysite.views.lane import EmotionLane, emotion_lane
from journeysite.views.management import WorkItem, phase_link, work_at_stage
from journeysite.views.markup import inline
from journeysite.views.stages import stage_mood as stage_mood  # its home is views.stages

SOURCE_KIND_LABELS: Labels[str] = Labels(
    {
        "survey": N_("Survey"),
        "interview": N_("Interview"),
        "usability-test": N_("Usability test"),
        "workshop": N_("Workshop"),
        "analytics": N_("Analytics"),
        "crm": N_("CRM"),
        "support": N_("Support"),
        "social": N_("Social"),
        "reviews": N_("Customer reviews"),
        "other": N_("Other"),
    }
)
"""A source's kind as its table shows it; the kind itself (`usability-test`) stays data."""


@dataclass(frozen=True)
class TouchpointView:
    key: str
    anchor: str
    name: Markup
    channel: str
    owner: Link | None
    supporting: list[Link]
    tools: list[Markup]
    processes: list[Markup]
    emotion: Emotion
    pain_points: list[Item]
    opportunities: list[Item]
    kpis: list[KpiRow]
    evidence: list[str]
    physical_evidence: list[Markup]
    frontstage: list[Markup]
    backstage: list[Markup]
    support: list[Markup]
    fail_point: bool


@dataclass(frozen=True)
class StageView:
    number: int
    anchor: str
    name: Markup
    goal: Markup | None
    expectations_primary: list[Markup]
    expectations_secondary: list[Markup]
    actions: list[Markup]
    thoughts: list[Markup]
    knowledge_gaps: list[Markup]
    emotion: Emotion
    pain_points: list[Item]
    opportunities: list[Item]
    touchpoints: list[TouchpointView]
    work: tuple[WorkItem, ...] = ()
    """Opportunities linked to the stage or its touchpoints, each followed by its solutions."""
    phase: Link | None = None
    """The lifecycle phase the stage sits in, linked to it on the lifecycle page."""


@dataclass(frozen=True)
class SourceRow:
    kind: str
    solicited: bool
    name: str
    size: str
    date: str
    """ISO date, or ''; the template writes it as the site's language does."""

    @property
    def kind_label(self) -> str:
        return SOURCE_KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class JourneyPage:
    id: str
    title: str
    map: str
    map_label: str
    persona: Link | None
    owner: Link | None
    status: str
    status_label: str
    reviewed: str
    review_every: int
    baseline: Link | None
    futures: list[Link]
    goal: Markup | None
    scenario: Markup | None
    stages: list[StageView]
    lane: EmotionLane | None
    emotion_table: Table | None
    kpis: list[KpiRow]
    sources: list[SourceRow]
    show_blueprint: bool
    coverage: Coverage
    comparison: BaselineView | None


def journey_page(
    definition: Definition, portal: Portal, url_for: UrlFor, *, as_of: datetime.date | None = None
) -> JourneyPage:
    journey = journey_model(definition)
    return JourneyPage(
        id=definition.id,
        title=journey.title,
        map=journey.map,
        map_label=MAP_TYPE_LABELS[journey.map],
        persona=link_to(portal, "persona", journey.persona, url_for),
        owner=link_to(portal, "stakeholder", journey.owner, url_for),
        status=journey.status,
        status_label=STATUS_LABELS[journey.status],
        reviewed=journey.reviewed.isoformat() if journey.reviewed else "",
        review_every=journey.review_every,
        baseline=link_to(portal, "journey", journey.baseline, url_for),
        futures=[
            link_definition(f, url_for) for f in portal.futures_by_baseline.get(definition.id, [])
        ],
        goal=inline(journey.goal) if journey.goal else None,
        scenario=inline(journey.scenario) if journey.scenario else None,
        stages=[
            _stage(i, s, portal, url_for, work_at_stage(portal, definition.id, i, url_for, as_of))
            for i, s in enumerate(journey.stages)
        ],
        lane=emotion_lane(journey, _baseline_model(journey, portal)),
        emotion_table=emotion_table(journey),
        kpis=_kpis(journey),
        sources=[
            SourceRow(
                kind=s.kind,
                solicited=s.kind in SOLICITED_SOURCES,
                name=s.name,
                size=format_number(s.size),
                date=s.date.isoformat() if s.date else "",
            )
            for s in journey.sources
        ],
        show_blueprint=journey.map == "blueprint"
        or any(_has_lanes(tp) for _, tp in journey.touchpoints()),
        coverage=coverage(journey),
        comparison=baseline_view(definition, portal, url_for),
    )


def _has_lanes(tp: Touchpoint) -> bool:
    return bool(
        tp.physical_evidence or tp.frontstage or tp.backstage or tp.support or tp.fail_point
    )


def _stage(
    index: int, stage: Stage, portal: Portal, url_for: UrlFor, work: tuple[WorkItem, ...] = ()
) -> StageView:
    return StageView(
        number=index + 1,
        anchor=f"stage-{index + 1}",
        name=inline(stage.name),
        goal=inline(stage.goal) if stage.goal else None,
        expectations_primary=texts(stage.expectations.primary),
        expectations_secondary=texts(stage.expectations.secondary),
        actions=texts(stage.actions),
        thoughts=texts(stage.thoughts),
        knowledge_gaps=texts(stage.knowledge_gaps),
        emotion=Emotion(stage.emotion),
        pain_points=notes(stage.pain_points),
        opportunities=notes(stage.opportunities),
        touchpoints=[_touchpoint(tp, portal, url_for) for tp in stage.touchpoints],
        work=work,
        phase=phase_link(portal, stage, url_for),
    )


def _touchpoint(tp: Touchpoint, portal: Portal, url_for: UrlFor) -> TouchpointView:
    return TouchpointView(
        key=tp.key,
        anchor=f"tp-{tp.key}",
        name=inline(tp.name),
        channel=CHANNEL_LABELS[tp.channel] if tp.channel else "",
        owner=link_to(portal, "stakeholder", tp.owner, url_for),
        supporting=[
            link for s in tp.supporting if (link := link_to(portal, "stakeholder", s, url_for))
        ],
        tools=texts(tp.tools),
        processes=texts(tp.processes),
        emotion=Emotion(tp.emotion),
        pain_points=notes(tp.pain_points),
        opportunities=notes(tp.opportunities),
        kpis=[kpi_row(k, tp.name) for k in tp.kpis],
        evidence=list(tp.evidence),
        physical_evidence=texts(tp.physical_evidence),
        frontstage=texts(tp.frontstage),
        backstage=texts(tp.backstage),
        support=texts(tp.support),
        fail_point=tp.fail_point,
    )


def _kpis(journey: Journey) -> list[KpiRow]:
    rows = [kpi_row(k, gettext("Journey")) for k in journey.kpis]
    rows += [kpi_row(k, tp.name) for _, tp in journey.touchpoints() for k in tp.kpis]
    return rows


def _baseline_model(journey: Journey, portal: Portal) -> Journey | None:
    """The current-state map a future map improves on, when it exists."""
    found = portal.journeys.get(journey.baseline) if journey.baseline else None
    return journey_model(found) if found is not None else None


@by_identity()
def emotion_table(journey: Journey) -> Table | None:
    """The emotion lane as a table: one row per stage and per touchpoint that has an emotion."""
    rows: list[list[str]] = []
    for stage in journey.stages:
        if stage.emotion is not None:
            rows.append([stage.name, "", emotion_label(stage.emotion) or ""])
        for tp in stage.touchpoints:
            if tp.emotion is not None:
                rows.append([stage.name, tp.name, emotion_label(tp.emotion) or ""])
    if not rows:
        return None
    return Table(
        caption=gettext("Emotion curve of %(title)s") % {"title": journey.title},
        headers=[gettext("Stage"), gettext("Touchpoint"), gettext("Emotion")],
        rows=rows,
    )
