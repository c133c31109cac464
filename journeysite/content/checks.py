"""Cross-file rules: unique ids, references that resolve, touchpoint ids and evidence within a journey.

Opportunities and solutions also name things inside journeys (a stage, a touchpoint, a KPI, a
source); a journey's outline carries those names, and a framework's its phase ids, so those
references are checked between outlines like the rest.

The rules come in two kinds. Those inside one file (`file_problems`) read its model. Those
between files read an `Outline` of each definition: its id, where that is written, and every
value that names another definition. An outline is a few kilobytes at most (2.4 KB pickled for
a generated journey of 15 touchpoints, 1.5 KB before it carried names), so `journeysite check`
sends outlines rather than models back from its worker processes (journeysite/content/parallel.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journeysite.content.cache import by_identity
from journeysite.content.diagnostics import Code, Diagnostic, SeverityLevel, did_you_mean
from journeysite.content.frontmatter import dotted
from journeysite.content.load import Definition
from journeysite.content.portal import (
    Portal,
    TouchpointRef,
    framework_model,
    journey_kpis,
    journey_model,
    opportunity_model,
    solution_model,
    stakeholder_model,
)
from journeysite.format.vocabulary import DEFINITION_TYPES


@dataclass(frozen=True)
class Reference:
    """A value that names another definition: a journey's persona, a touchpoint's owner, …"""

    path: tuple[str | int, ...]
    value: str
    target: str
    """What it names: a definition type (`persona`, `stakeholder`, `journey`, `opportunity`),
    a `phase` of the framework, or a name inside journeys (`stage`, `touchpoint`, `kpi`,
    `source`) when `within` is set."""
    line: int
    within: tuple[str, ...] = ()
    """The journeys whose names it must be among: one for a moment or a measure, all of an
    opportunity's for its evidence."""


@dataclass(frozen=True)
class Outline:
    """What the rules between files read of one definition."""

    type: str
    id: str
    src_uri: str
    display: str
    id_line: int
    map: str | None
    """A journey's map kind (a baseline must name a current-state map); None for the others."""
    references: tuple[Reference, ...]
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """What others may name inside it: a journey's `stage`, `touchpoint`, `kpi` and `source`
    names, a framework's `phase` ids."""


def build_portal(
    definitions: Iterable[Definition], unowned: SeverityLevel | None = None
) -> tuple[Portal, list[Diagnostic]]:
    """Index definitions by type and id (first file wins on a duplicate) and check every rule.

    `unowned` is what a touchpoint without an owner is: an error (`require_owner: true`), a
    warning (where warnings do not fail, as in `journeysite check`), or None: no diagnostic, as in
    a build, where the ownership matrix lists them instead.
    """
    ordered = sorted(definitions, key=lambda d: d.file.src_uri)
    kept, diagnostics = cross_problems(outline(d) for d in ordered)
    portal = Portal()
    for definition in ordered:
        diagnostics += file_problems(definition, unowned)
        if definition.file.src_uri in kept:
            portal.add(definition)
    return portal, diagnostics


@by_identity()  # while serving, an unchanged file keeps its outline and its problems
def outline(definition: Definition) -> Outline:
    """The id and the references of a definition, each with the line it is written on."""
    found: list[Found] = []
    journey_map = None
    names: dict[str, tuple[str, ...]] = {}
    if definition.type == "journey":
        journey = journey_model(definition)
        journey_map = journey.map
        names = journey_names(definition)
        found += [
            (("persona",), journey.persona, "persona"),
            (("owner",), journey.owner, "stakeholder"),
        ]
        if journey.map == "future" and journey.baseline != definition.id:
            found.append((("baseline",), journey.baseline, "journey"))
        for s, stage in enumerate(journey.stages):
            found.append((("stages", s, "phase"), stage.phase, "phase"))
            for t, tp in enumerate(stage.touchpoints):
                base = ("stages", s, "touchpoints", t)
                found.append(((*base, "owner"), tp.owner, "stakeholder"))
                found += [
                    ((*base, "supporting", i), supporter, "stakeholder")
                    for i, supporter in enumerate(tp.supporting)
                ]
    elif definition.type == "stakeholder":
        found += [
            (("relationships", i, "with"), relationship.with_, "stakeholder")
            for i, relationship in enumerate(stakeholder_model(definition).relationships)
            if relationship.with_ != definition.id
        ]
    elif definition.type == "framework":
        names = {"phase": tuple(phase.id for phase in framework_model(definition).phases)}
    elif definition.type == "opportunity":
        found += _opportunity_references(definition)
    elif definition.type == "solution":
        found += _solution_references(definition)
    return Outline(
        type=definition.type,
        id=definition.id,
        src_uri=definition.file.src_uri,
        display=definition.file.display,
        id_line=_id_line(definition),
        map=journey_map,
        references=tuple(
            Reference(path, value, target, definition.line_of(*path), *within)
            for path, value, target, *within in found
            if value
        ),
        names=names,
    )


Found = (
    tuple[tuple[str | int, ...], str | None, str]
    | tuple[tuple[str | int, ...], str | None, str, tuple[str, ...]]
)
"""A reference before its line is looked up: path, value, target and, for names inside
journeys, the journeys they must be among."""


def journey_names(journey: Definition) -> dict[str, tuple[str, ...]]:
    """The names inside a journey that opportunities and solutions may use.

    A measure may name a journey-level KPI or a touchpoint's: both are KPIs of the journey.
    """
    model = journey_model(journey)
    return {
        "stage": tuple(stage.name for stage in model.stages),
        "touchpoint": tuple(tp.key for _, tp in model.touchpoints()),
        "kpi": tuple(journey_kpis(model)),
        "source": tuple(source.name for source in model.sources),
    }


def _opportunity_references(definition: Definition) -> list[Found]:
    model = opportunity_model(definition)
    found: list[Found] = [(("owner",), model.owner, "stakeholder")]
    for i, moment in enumerate(model.moments):
        found.append((("moments", i, "journey"), moment.journey, "journey"))
        found.append((("moments", i, "stage"), moment.stage, "stage", (moment.journey,)))
        found.append(
            (("moments", i, "touchpoint"), moment.touchpoint, "touchpoint", (moment.journey,))
        )
    journeys = tuple(dict.fromkeys(moment.journey for moment in model.moments))
    found += [(("evidence", i), name, "source", journeys) for i, name in enumerate(model.evidence)]
    return found


def _solution_references(definition: Definition) -> list[Found]:
    model = solution_model(definition)
    found: list[Found] = [(("owner",), model.owner, "stakeholder")]
    found += [(("opportunities", i), o, "opportunity") for i, o in enumerate(model.opportunities)]
    for i, measure in enumerate(model.measures):
        found.append((("measures", i, "journey"), measure.journey, "journey"))
        found.append((("measures", i, "kpi"), measure.kpi, "kpi", (measure.journey,)))
    return found


def cross_problems(outlines: Iterable[Outline]) -> tuple[set[str], list[Diagnostic]]:
    """Duplicate ids and references that name nothing (or the wrong kind of map).

    Returns the source URIs of the definitions kept (the first, by source URI, of each id) and
    the problems. References are checked for the kept definitions only: a duplicate is reported
    once, as a duplicate.
    """
    index: dict[str, dict[str, Outline]] = {kind: {} for kind in DEFINITION_TYPES}
    diagnostics: list[Diagnostic] = []
    for item in sorted(outlines, key=lambda o: o.src_uri):
        existing = index[item.type].get(item.id)
        if existing is None and item.type == "framework" and index["framework"]:
            diagnostics.append(_second_framework(item, next(iter(index["framework"].values()))))
            continue
        if existing is None:
            index[item.type][item.id] = item
            continue
        diagnostics.append(
            Diagnostic(
                item.display,
                item.id_line,
                1,
                "error",
                Code.DUPLICATE_ID,
                f"id: duplicate {item.type} id `{item.id}` "
                f"(also defined in {existing.display}:{existing.id_line})",
            )
        )
    for targets in index.values():
        for item in targets.values():
            diagnostics += [
                problem for ref in item.references if (problem := _resolve(item, ref, index))
            ]
    return {o.src_uri for targets in index.values() for o in targets.values()}, diagnostics


def _second_framework(item: Outline, first: Outline) -> Diagnostic:
    return Diagnostic(
        item.display,
        item.id_line,
        1,
        "error",
        Code.SECOND_FRAMEWORK,
        f"a second framework: {item.display} and {first.display}:{first.id_line} both define one; "
        "a portal has one lifecycle, so keep one file and move its phases there",
    )


def _resolve(
    item: Outline, ref: Reference, index: dict[str, dict[str, Outline]]
) -> Diagnostic | None:
    if ref.target == "phase":
        return _resolve_phase(item, ref, index["framework"])
    if ref.within:
        return _resolve_inside(item, ref, index["journey"])
    targets = index[ref.target]
    target = targets.get(ref.value)
    if target is None:
        message = f"{dotted(ref.path)}: unknown {ref.target} `{ref.value}`" + did_you_mean(
            ref.value, targets
        )
    elif ref.path == ("baseline",) and target.map != "current":
        message = (
            f"baseline: `{ref.value}` is a `{target.map}` map; a baseline must be a "
            "current-state map"
        )
    else:
        return None
    code = Code.UNKNOWN_REFERENCE if target is None else Code.INVALID_REFERENCE
    return Diagnostic(item.display, ref.line, 1, "error", code, message)


def _resolve_phase(
    item: Outline, ref: Reference, frameworks: dict[str, Outline]
) -> Diagnostic | None:
    framework = next(iter(frameworks.values()), None)
    if framework is None:
        message = (
            f"{dotted(ref.path)}: phase `{ref.value}` but the portal has no framework; add one "
            "(journeysite new framework ID) or remove `phase`"
        )
        code = Code.INVALID_REFERENCE
    elif ref.value not in (phases := framework.names["phase"]):
        message = (
            f"{dotted(ref.path)}: unknown phase `{ref.value}`; the phases are those of "
            f"{framework.display}" + did_you_mean(ref.value, phases)
        )
        code = Code.UNKNOWN_REFERENCE
    else:
        return None
    return Diagnostic(item.display, ref.line, 1, "error", code, message)


_INSIDE_WORDS = {"stage": "stage", "touchpoint": "touchpoint", "kpi": "KPI", "source": "source"}


def _resolve_inside(
    item: Outline, ref: Reference, journeys: dict[str, Outline]
) -> Diagnostic | None:
    """A stage, touchpoint, KPI or source named inside journeys; an unknown journey is reported
    on its own line, so names inside it are not checked."""
    known = [journeys[j] for j in ref.within if j in journeys]
    names = {name for journey in known for name in journey.names[ref.target]}
    if not known or ref.value in names:
        return None
    word = _INSIDE_WORDS[ref.target]
    if ref.target == "source":
        listed = ", ".join(f"`{n}`" for n in sorted(names)) or "none"
        message = (
            f"{dotted(ref.path)}: unknown source `{ref.value}`; evidence names a source of the "
            f"journeys at its moments (known: {listed})"
        )
    else:
        message = f"{dotted(ref.path)}: journey `{known[0].id}` has no {word} `{ref.value}`"
    message += did_you_mean(ref.value, names)
    return Diagnostic(item.display, ref.line, 1, "error", Code.UNKNOWN_REFERENCE, message)


def file_problems(definition: Definition, unowned: SeverityLevel | None = None) -> list[Diagnostic]:
    """The rules inside one file: touchpoint ids, evidence, a baseline's map, owners required."""
    return list(_file_problems(definition, unowned))


@by_identity()
def _file_problems(definition: Definition, unowned: SeverityLevel | None) -> list[Diagnostic]:
    if definition.type == "stakeholder":
        return _check_stakeholder(definition)
    if definition.type == "framework":
        return _check_framework(definition)
    if definition.type != "journey":
        return []
    found = _check_journey(definition) + _check_baseline(definition)
    if unowned is not None:
        found += _check_ownership(definition, unowned)
    return found


def _id_line(definition: Definition) -> int:
    key = "id" if ("id",) in definition.locations.values else "type"
    return definition.line_of(key)


def _at(definition: Definition, line: int, code: Code, message: str) -> Diagnostic:
    return Diagnostic(definition.file.display, line, 1, "error", code, message)


def _check_journey(journey: Definition) -> list[Diagnostic]:
    model = journey_model(journey)
    found: list[Diagnostic] = []
    source_names = {source.name for source in model.sources}
    first_ids = _first_touchpoint_ids(journey)
    for s, stage in enumerate(model.stages):
        for t, tp in enumerate(stage.touchpoints):
            base = ("stages", s, "touchpoints", t)
            found += _check_touchpoint_id(journey, base, tp.key, tp.id, first_ids)
            for i, name in enumerate(tp.evidence):
                if name not in source_names:
                    known = ", ".join(f"`{n}`" for n in sorted(source_names)) or "none"
                    found.append(
                        _at(
                            journey,
                            journey.line_of(*base, "evidence", i),
                            Code.UNKNOWN_REFERENCE,
                            f"{dotted((*base, 'evidence', i))}: unknown source `{name}`; "
                            f"evidence names one of the journey's sources (known: {known})"
                            + did_you_mean(name, source_names),
                        )
                    )
    return found


def _check_touchpoint_id(
    journey: Definition,
    base: tuple[str | int, ...],
    key: str,
    explicit: str | None,
    first_ids: dict[str, tuple[str | int, ...]],
) -> list[Diagnostic]:
    line = journey.line_of(*base, "id") if explicit else journey.line_of(*base, "name")
    if not key:
        return [
            _at(
                journey,
                line,
                Code.INVALID_ID,
                f"{dotted(base)}: the name gives no usable id; set `id:` "
                "(lower-case letters, digits and hyphens)",
            )
        ]
    first = first_ids.get(key)
    if first is not None and first != base:
        return [
            _at(
                journey,
                line,
                Code.DUPLICATE_ID,
                f"{dotted(base)}: duplicate touchpoint id `{key}` in this journey "
                f"(also at line {journey.line_of(*first)}); set a distinct `id:`",
            )
        ]
    return []


def _first_touchpoint_ids(journey: Definition) -> dict[str, tuple[str | int, ...]]:
    """First location of each touchpoint id in the journey (ids are unique per journey)."""
    firsts: dict[str, tuple[str | int, ...]] = {}
    for s, stage in enumerate(journey_model(journey).stages):
        for t, tp in enumerate(stage.touchpoints):
            firsts.setdefault(tp.key, ("stages", s, "touchpoints", t))
    return firsts


def _check_baseline(journey: Definition) -> list[Diagnostic]:
    """A baseline within the file; whether it names a current-state map is `cross_problems`'."""
    model = journey_model(journey)
    if not model.baseline:
        return []
    line = journey.line_of("baseline")
    if model.map != "future":
        message = (
            f"baseline: only a future map has a baseline (this map is `{model.map}`); "
            "set `map: future` or remove `baseline`"
        )
    elif model.baseline == journey.id:
        message = "baseline: a map cannot be its own baseline"
    else:
        return []
    return [_at(journey, line, Code.INVALID_REFERENCE, message)]


def _check_stakeholder(stakeholder: Definition) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for i, relationship in enumerate(stakeholder_model(stakeholder).relationships):
        path = ("relationships", i, "with")
        if relationship.with_ == stakeholder.id:
            found.append(
                _at(
                    stakeholder,
                    stakeholder.line_of(*path),
                    Code.INVALID_REFERENCE,
                    f"{dotted(path)}: a stakeholder cannot have a relationship with itself",
                )
            )
    return found


def _check_framework(framework: Definition) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first: dict[str, int] = {}
    for i, phase in enumerate(framework_model(framework).phases):
        line = framework.line_of("phases", i, "id")
        if phase.id in first:
            found.append(
                _at(
                    framework,
                    line,
                    Code.DUPLICATE_ID,
                    f"phases[{i}].id: duplicate phase id `{phase.id}` (also at line "
                    f"{first[phase.id]}); each phase needs its own id",
                )
            )
        first.setdefault(phase.id, line)
    return found


def unowned_touchpoints(portal: Portal) -> list[TouchpointRef]:
    """Touchpoints nobody is accountable for: no `owner` (supporting teams do not count)."""
    return [ref for ref in portal.touchpoints if ref.touchpoint.owner is None]


def _check_ownership(journey: Definition, severity: SeverityLevel) -> list[Diagnostic]:
    found = []
    for s, stage in enumerate(journey_model(journey).stages):
        for t, tp in enumerate(stage.touchpoints):
            if tp.owner is not None:
                continue
            base = ("stages", s, "touchpoints", t)
            message = (
                f"{dotted(base)}: touchpoint `{tp.name}` has no owner; set `owner:` to the "
                "id of the stakeholder accountable for it"
            )
            if severity == "error":
                message += " (required by `require_owner: true`)"
            found.append(
                Diagnostic(
                    journey.file.display,
                    journey.line_of(*base),
                    1,
                    severity,
                    Code.UNOWNED_TOUCHPOINT,
                    message,
                )
            )
    return found
