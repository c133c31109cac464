"""Cross-file rules: unique ids, references that resolve, touchpoint ids and evidence within a journey."""

from __future__ import annotations

from collections.abc import Iterable

from journeysite.diagnostics import Code, Diagnostic, SeverityLevel, did_you_mean
from journeysite.frontmatter import dotted
from journeysite.load import Definition
from journeysite.portal import Portal, TouchpointRef, journey_model, stakeholder_model


def build_portal(
    definitions: Iterable[Definition], unowned: SeverityLevel | None = None
) -> tuple[Portal, list[Diagnostic]]:
    """Index definitions by type and id (first file wins on a duplicate) and check references.

    `unowned` is what a touchpoint without an owner is: an error (`require_owner: true`), a
    warning (where warnings do not fail, as in `journeysite check`), or None: no diagnostic, as in
    a build, where the ownership matrix lists them instead.
    """
    portal = Portal()
    diagnostics: list[Diagnostic] = []
    ordered = sorted(definitions, key=lambda d: d.file.src_uri)
    for definition in ordered:
        existing = portal.of_type(definition.type).get(definition.id)
        if existing is not None:
            diagnostics.append(
                _at(
                    definition,
                    _id_line(definition),
                    Code.DUPLICATE_ID,
                    f"id: duplicate {definition.type} id `{definition.id}` "
                    f"(also defined in {existing.file.display}:{_id_line(existing)})",
                )
            )
            continue
        portal.add(definition)
    for journey in portal.journeys.values():
        diagnostics.extend(_check_journey(journey, portal))
    for stakeholder in portal.stakeholders.values():
        diagnostics.extend(_check_stakeholder(stakeholder, portal))
    if unowned is not None:
        diagnostics.extend(_check_ownership(portal, unowned))
    return portal, diagnostics


def _id_line(definition: Definition) -> int:
    key = "id" if ("id",) in definition.locations.values else "type"
    return definition.line_of(key)


def _at(definition: Definition, line: int, code: Code, message: str) -> Diagnostic:
    return Diagnostic(definition.file.display, line, 1, "error", code, message)


def _reference(
    definition: Definition,
    path: tuple[str | int, ...],
    value: str,
    targets: dict[str, Definition],
    what: str,
) -> list[Diagnostic]:
    if value in targets:
        return []
    where = dotted(path)
    return [
        _at(
            definition,
            definition.line_of(*path),
            Code.UNKNOWN_REFERENCE,
            f"{where}: unknown {what} `{value}`" + did_you_mean(value, targets),
        )
    ]


def _check_journey(journey: Definition, portal: Portal) -> list[Diagnostic]:
    model = journey_model(journey)
    found = _reference(journey, ("persona",), model.persona, portal.personas, "persona")
    if model.owner:
        found += _reference(journey, ("owner",), model.owner, portal.stakeholders, "stakeholder")
    found += _check_baseline(journey, portal)
    source_names = {source.name for source in model.sources}
    first_ids = _first_touchpoint_ids(journey)
    for s, stage in enumerate(model.stages):
        for t, tp in enumerate(stage.touchpoints):
            base = ("stages", s, "touchpoints", t)
            found += _check_touchpoint_id(journey, base, tp.key, tp.id, first_ids)
            if tp.owner:
                found += _reference(
                    journey, (*base, "owner"), tp.owner, portal.stakeholders, "stakeholder"
                )
            for i, supporter in enumerate(tp.supporting):
                found += _reference(
                    journey, (*base, "supporting", i), supporter, portal.stakeholders, "stakeholder"
                )
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


def _check_baseline(journey: Definition, portal: Portal) -> list[Diagnostic]:
    model = journey_model(journey)
    if not model.baseline:
        return []
    line = journey.line_of("baseline")
    if model.map != "future":
        return [
            _at(
                journey,
                line,
                Code.INVALID_REFERENCE,
                f"baseline: only a future map has a baseline (this map is `{model.map}`); "
                "set `map: future` or remove `baseline`",
            )
        ]
    found = _reference(journey, ("baseline",), model.baseline, portal.journeys, "journey")
    if found:
        return found
    target = journey_model(portal.journeys[model.baseline])
    if model.baseline == journey.id:
        return [
            _at(journey, line, Code.INVALID_REFERENCE, "baseline: a map cannot be its own baseline")
        ]
    if target.map != "current":
        return [
            _at(
                journey,
                line,
                Code.INVALID_REFERENCE,
                f"baseline: `{model.baseline}` is a `{target.map}` map; a baseline must be a "
                "current-state map",
            )
        ]
    return []


def _check_stakeholder(stakeholder: Definition, portal: Portal) -> list[Diagnostic]:
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
            continue
        found += _reference(
            stakeholder, path, relationship.with_, portal.stakeholders, "stakeholder"
        )
    return found


def unowned_touchpoints(portal: Portal) -> list[TouchpointRef]:
    """Touchpoints nobody is accountable for: no `owner` (supporting teams do not count)."""
    return [ref for ref in portal.touchpoints if ref.touchpoint.owner is None]


def _check_ownership(portal: Portal, severity: SeverityLevel) -> list[Diagnostic]:
    found = []
    for journey in portal.journeys.values():
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
