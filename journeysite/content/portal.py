"""The validated collection of definitions with the cross-reference indexes built once per build."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from journeysite.content.load import Definition
from journeysite.format.models import (
    Framework,
    Journey,
    Kpi,
    Opportunity,
    Persona,
    Relationship,
    Solution,
    Stakeholder,
    Touchpoint,
)


@dataclass(frozen=True)
class TouchpointRef:
    """A touchpoint in its context: which journey and stage it belongs to."""

    journey: Definition
    stage_index: int
    stage_name: str
    touchpoint: Touchpoint

    @property
    def anchor(self) -> str:
        return f"tp-{self.touchpoint.key}"


T = TypeVar("T")


@dataclass
class Portal:
    journeys: dict[str, Definition] = field(default_factory=dict)
    personas: dict[str, Definition] = field(default_factory=dict)
    stakeholders: dict[str, Definition] = field(default_factory=dict)
    frameworks: dict[str, Definition] = field(default_factory=dict)
    opportunities: dict[str, Definition] = field(default_factory=dict)
    solutions: dict[str, Definition] = field(default_factory=dict)
    _derived: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, compute: Callable[[Portal], T]) -> T:
        """`compute(self)`, once per portal: for indexes built by modules this one cannot import.

        A page generated per stakeholder that scanned every touchpoint made the build grow with
        the square of the portfolio; each such index is built once and looked up per page.
        """
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]

    def of_type(self, kind: str) -> dict[str, Definition]:
        return {
            "journey": self.journeys,
            "persona": self.personas,
            "stakeholder": self.stakeholders,
            "framework": self.frameworks,
            "opportunity": self.opportunities,
            "solution": self.solutions,
        }[kind]

    def add(self, definition: Definition) -> None:
        self.of_type(definition.type)[definition.id] = definition

    def all(self) -> list[Definition]:
        return [
            *self.personas.values(),
            *self.journeys.values(),
            *self.stakeholders.values(),
            *self.frameworks.values(),
            *self.opportunities.values(),
            *self.solutions.values(),
        ]

    @property
    def framework(self) -> Definition | None:
        """The portal's lifecycle framework; a second one is an error reported by the checks."""
        return next(iter(self.frameworks.values()), None)

    @cached_property
    def by_uri(self) -> dict[str, Definition]:
        return {d.file.src_uri: d for d in self.all()}

    @cached_property
    def journeys_by_persona(self) -> dict[str, list[Definition]]:
        index: dict[str, list[Definition]] = defaultdict(list)
        for journey in self.journeys.values():
            index[journey_model(journey).persona].append(journey)
        return dict(index)

    @cached_property
    def touchpoints(self) -> list[TouchpointRef]:
        return [
            TouchpointRef(journey, index, stage.name, tp)
            for journey in self.journeys.values()
            for index, stage in enumerate(journey_model(journey).stages)
            for tp in stage.touchpoints
        ]

    @cached_property
    def journeys_by_owner(self) -> dict[str, list[Definition]]:
        """Journeys by the stakeholder id that owns the map, in portal order."""
        index: dict[str, list[Definition]] = defaultdict(list)
        for journey in self.journeys.values():
            owner = journey_model(journey).owner
            if owner:
                index[owner].append(journey)
        return dict(index)

    @cached_property
    def touchpoints_by_stakeholder(self) -> dict[str, list[tuple[TouchpointRef, str]]]:
        """(touchpoint, role) by stakeholder id, role `Owner` or `Supporting`, in portal order.

        Built once so a stakeholder page costs what that stakeholder touches, not the portfolio.
        """
        index: dict[str, list[tuple[TouchpointRef, str]]] = defaultdict(list)
        for ref in self.touchpoints:
            tp = ref.touchpoint
            if tp.owner:
                index[tp.owner].append((ref, "Owner"))
            for supporter in dict.fromkeys(tp.supporting):
                if supporter != tp.owner:
                    index[supporter].append((ref, "Supporting"))
        return dict(index)

    @cached_property
    def incoming_relationships(self) -> dict[str, list[tuple[Definition, Relationship]]]:
        """(other stakeholder, relationship) by the id the relationship points at."""
        index: dict[str, list[tuple[Definition, Relationship]]] = defaultdict(list)
        for other in self.stakeholders.values():
            for relationship in stakeholder_model(other).relationships:
                index[relationship.with_].append((other, relationship))
        return dict(index)

    @cached_property
    def futures_by_baseline(self) -> dict[str, list[Definition]]:
        index: dict[str, list[Definition]] = defaultdict(list)
        for journey in self.journeys.values():
            baseline = journey_model(journey).baseline
            if baseline:
                index[baseline].append(journey)
        return dict(index)


def journey_model(definition: Definition) -> Journey:
    assert isinstance(definition.model, Journey)
    return definition.model


def persona_model(definition: Definition) -> Persona:
    assert isinstance(definition.model, Persona)
    return definition.model


def stakeholder_model(definition: Definition) -> Stakeholder:
    assert isinstance(definition.model, Stakeholder)
    return definition.model


def framework_model(definition: Definition) -> Framework:
    assert isinstance(definition.model, Framework)
    return definition.model


def opportunity_model(definition: Definition) -> Opportunity:
    assert isinstance(definition.model, Opportunity)
    return definition.model


def solution_model(definition: Definition) -> Solution:
    assert isinstance(definition.model, Solution)
    return definition.model


def journey_kpis(journey: Journey) -> dict[str, Kpi]:
    """The KPIs a solution's `measures` may name, by name: the journey's own, then its
    touchpoints' in map order; the first of a name wins (the checks accept any of them)."""
    found: dict[str, Kpi] = {}
    for kpi in [*journey.kpis, *(k for _, tp in journey.touchpoints() for k in tp.kpis)]:
        found.setdefault(kpi.name, kpi)
    return found
