"""Opportunities and solutions in their places, shared by every page that shows them.

An opportunity names moments (a journey's stage by name, or a touchpoint by id); a solution names
opportunities. Journey, owner, opportunity and solution pages all ask the same questions (which
work sits at this stage, what does this team own, how much pain is at these moments), so the
answers are indexed once per portal (Portal.derived): a page costs what it shows, not the
portfolio. Moments the checks reject (an unknown journey or stage) are left out here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from journeysite.content.load import Definition
from journeysite.content.portal import (
    Portal,
    framework_model,
    journey_model,
    opportunity_model,
    solution_model,
)
from journeysite.format.i18n import N_
from journeysite.format.models import Stage, Touchpoint
from journeysite.format.vocabulary import (
    OPPORTUNITY_STATUS_LABELS,
    PRIORITY_QUADRANTS,
    SOLUTION_CLOSED,
    SOLUTION_STATUS_LABELS,
    priority_quadrant,
)
from journeysite.views.common import Link, UrlFor
from journeysite.views.portfolio import pain_points_of
from journeysite.views.uris import LIFECYCLE_URI

QUADRANT_ORDER = list(PRIORITY_QUADRANTS.values())
NO_PHASE = N_("No phase")
"""The row or column of stages without a phase; shown as gettext(NO_PHASE)."""


@dataclass(frozen=True)
class MomentRef:
    """A moment resolved: the journey, the stage's index, and the touchpoint if one was named."""

    journey: Definition
    stage_index: int
    touchpoint: Touchpoint | None

    @property
    def stage(self) -> Stage:
        return journey_model(self.journey).stages[self.stage_index]

    @property
    def anchor(self) -> str:
        """The element on the journey page that shows the moment."""
        if self.touchpoint is not None:
            return f"tp-{self.touchpoint.key}"
        return f"stage-{self.stage_index + 1}"


@dataclass(frozen=True)
class WorkItem:
    """An opportunity or a solution as a line in someone else's page: what, where, how far."""

    kind: str
    """`opportunity` or `solution`."""
    link: Link
    status: str
    status_label: str
    overdue: bool = False


@dataclass
class Management:
    moments: dict[str, list[MomentRef]] = field(default_factory=dict)
    """Resolved moments by opportunity id, in the order written, without repeats."""
    by_stage: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    """Opportunity ids by (journey id, stage index): a moment on the stage or on its touchpoint."""
    solutions_of: dict[str, list[str]] = field(default_factory=dict)
    """Solution ids by opportunity id."""
    owned: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """(opportunity ids, solution ids) by owner stakeholder id."""


def management(portal: Portal) -> Management:
    return portal.derived(_index)


def _index(portal: Portal) -> Management:
    index = Management()
    by_stage: dict[tuple[str, int], list[str]] = defaultdict(list)
    for ident in sorted(portal.opportunities, key=lambda i: (portal.opportunities[i].title, i)):
        refs = resolve_moments(portal, portal.opportunities[ident])
        index.moments[ident] = refs
        for place in dict.fromkeys((r.journey.id, r.stage_index) for r in refs):
            by_stage[place].append(ident)
    index.by_stage = dict(by_stage)
    solutions_of: dict[str, list[str]] = defaultdict(list)
    for ident in sorted(portal.solutions, key=lambda i: (portal.solutions[i].title, i)):
        for opportunity in dict.fromkeys(solution_model(portal.solutions[ident]).opportunities):
            solutions_of[opportunity].append(ident)
    index.solutions_of = dict(solutions_of)
    owned: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for ident in index.moments:
        if owner := opportunity_model(portal.opportunities[ident]).owner:
            owned[owner][0].append(ident)
    for ident in sorted(portal.solutions, key=lambda i: (portal.solutions[i].title, i)):
        if owner := solution_model(portal.solutions[ident]).owner:
            owned[owner][1].append(ident)
    index.owned = dict(owned)
    return index


def resolve_moments(portal: Portal, opportunity: Definition) -> list[MomentRef]:
    """The opportunity's moments that exist: a stage by its name as written, a touchpoint by its
    id within the journey (the names journeysite.content.checks.journey_names accepts)."""
    found: dict[tuple[str, int, str | None], MomentRef] = {}
    for moment in opportunity_model(opportunity).moments:
        journey = portal.journeys.get(moment.journey)
        if journey is None:
            continue
        stages = journey_model(journey).stages
        if moment.touchpoint:
            hit = next(
                (
                    (i, tp)
                    for i, stage in enumerate(stages)
                    for tp in stage.touchpoints
                    if tp.key == moment.touchpoint
                ),
                None,
            )
            if hit is not None:
                found.setdefault(
                    (journey.id, hit[0], hit[1].key), MomentRef(journey, hit[0], hit[1])
                )
        elif moment.stage is not None:
            i = next((i for i, s in enumerate(stages) if s.name == moment.stage), None)
            if i is not None:
                found.setdefault((journey.id, i, None), MomentRef(journey, i, None))
    return list(found.values())


def pain_at(refs: list[MomentRef]) -> tuple[int, int]:
    """(severity-weighted score, count) of the pain points at these moments, each counted once:
    a stage's own and its touchpoints', or one touchpoint's (weights: views.portfolio)."""
    score = count = 0
    for journey_id in dict.fromkeys(r.journey.id for r in refs):
        mine = [r for r in refs if r.journey.id == journey_id]
        stages = {r.stage_index for r in mine if r.touchpoint is None}
        points = {(r.stage_index, r.touchpoint.key) for r in mine if r.touchpoint is not None}
        for pain in pain_points_of(mine[0].journey):
            key = pain.touchpoint.key if pain.touchpoint else None
            if pain.stage_index in stages or (pain.stage_index, key) in points:
                score, count = score + pain.weight, count + 1
    return score, count


def quadrant_of(opportunity: Definition) -> str:
    model = opportunity_model(opportunity)
    return priority_quadrant(model.impact, model.effort)


def is_overdue(solution: Definition, as_of: datetime.date | None) -> bool:
    """Past its due date on the build's day (never the clock) and neither shipped nor dropped;
    never, where a page is not dated (`as_of` None)."""
    model = solution_model(solution)
    if as_of is None or model.due is None:
        return False
    return model.due < as_of and model.status not in SOLUTION_CLOSED


def due_quarter(due: datetime.date | None) -> str:
    return "" if due is None else f"{due.year} Q{(due.month - 1) // 3 + 1}"


def opportunity_item(opportunity: Definition, url_for: UrlFor) -> WorkItem:
    status = opportunity_model(opportunity).status
    return WorkItem(
        "opportunity",
        Link(opportunity.title, url_for(opportunity.file.src_uri)),
        status,
        OPPORTUNITY_STATUS_LABELS[status],
    )


def solution_item(solution: Definition, url_for: UrlFor, as_of: datetime.date | None) -> WorkItem:
    status = solution_model(solution).status
    return WorkItem(
        "solution",
        Link(solution.title, url_for(solution.file.src_uri)),
        status,
        SOLUTION_STATUS_LABELS[status],
        overdue=is_overdue(solution, as_of),
    )


def work_at_stage(
    portal: Portal, journey_id: str, stage_index: int, url_for: UrlFor, as_of: datetime.date | None
) -> tuple[WorkItem, ...]:
    """The opportunities linked to a stage (or one of its touchpoints), each followed by its
    solutions: what a journey page shows in the stage's column."""
    index = management(portal)
    items: list[WorkItem] = []
    for ident in index.by_stage.get((journey_id, stage_index), []):
        items.append(opportunity_item(portal.opportunities[ident], url_for))
        items += [
            solution_item(portal.solutions[s], url_for, as_of)
            for s in index.solutions_of.get(ident, [])
        ]
    return tuple(items)


def phases(portal: Portal) -> list[tuple[str, str]]:
    """(id, name) of the framework's phases in lifecycle order; empty without a framework."""
    framework = portal.framework
    if framework is None:
        return []
    return [(p.id, p.name) for p in framework_model(framework).phases]


def _phase_names(portal: Portal) -> dict[str, str]:
    return dict(phases(portal))


def phase_link(portal: Portal, stage: Stage, url_for: UrlFor) -> Link | None:
    """The stage's phase by name, linked to its section of the lifecycle page; None without one."""
    name = portal.derived(_phase_names).get(stage.phase or "")
    if name is None:
        return None
    return Link(name, f"{url_for(LIFECYCLE_URI)}#phase-{stage.phase}")


def phase_key(stage: Stage, known: dict[str, str]) -> str:
    """The phase a stage sits in, or '' when it has none or names one the framework lacks."""
    return stage.phase if stage.phase in known else ""
