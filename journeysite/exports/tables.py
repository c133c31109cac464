"""The rows of every flat table journeysite exports, as typed values (None, bools, lists).

The tables of `journeysite export --format csv` and the site's ownership rows (ownership.csv and
ownership.json). How a value becomes a CSV cell is journeysite.exports.csv_writer's concern.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from journeysite.content.portal import (
    Portal,
    framework_model,
    journey_model,
    opportunity_model,
    persona_model,
    solution_model,
    stakeholder_model,
)
from journeysite.content.touchpoint_owners import OwnershipRecord, kpi_text, ownership_records
from journeysite.format.models import Kpi, Note, Touchpoint
from journeysite.format.vocabulary import quadrant

Row = dict[str, Any]


def _journeys(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.journeys.items()):
        m = journey_model(d)
        yield {
            "id": ident,
            "title": m.title,
            "persona": m.persona,
            "map": m.map,
            "baseline": m.baseline,
            "owner": m.owner,
            "status": m.status,
            "reviewed": m.reviewed.isoformat() if m.reviewed else None,
            "review_every": m.review_every,
            "stages": len(m.stages),
            "touchpoints": len(m.touchpoints()),
            "source": d.file.src_uri,
        }


def _stages(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.journeys.items()):
        for position, stage in enumerate(journey_model(d).stages, 1):
            yield {
                "journey": ident,
                "position": position,
                "stage": stage.name,
                "goal": stage.goal,
                "emotion": stage.emotion,
                "pain_points": len(stage.pain_points),
                "opportunities": len(stage.opportunities),
                "touchpoints": len(stage.touchpoints),
            }


def _touchpoint_scopes(portal: Portal) -> Iterator[tuple[str, int, str, Touchpoint]]:
    for ident, d in sorted(portal.journeys.items()):
        for position, stage in enumerate(journey_model(d).stages, 1):
            for tp in stage.touchpoints:
                yield ident, position, stage.name, tp


def _touchpoints(portal: Portal) -> Iterator[Row]:
    for journey, position, stage, tp in _touchpoint_scopes(portal):
        yield {
            "journey": journey,
            "stage_position": position,
            "stage": stage,
            "id": tp.key,
            "name": tp.name,
            "channel": tp.channel,
            "owner": tp.owner,
            "supporting": tp.supporting,
            "emotion": tp.emotion,
            "fail_point": tp.fail_point,
            "pain_points": len(tp.pain_points),
            "opportunities": len(tp.opportunities),
            "tools": tp.tools,
            "processes": tp.processes,
        }


def _kpi_row(journey: str, stage: str | None, touchpoint: str | None, kpi: Kpi) -> Row:
    return {
        "journey": journey,
        "stage": stage,
        "touchpoint": touchpoint,
        "name": kpi.name,
        "value": kpi.value,
        "target": kpi.target,
        "unit": kpi.unit,
        "better": kpi.better,
        "on_target": kpi.on_target,
    }


def _kpis(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.journeys.items()):
        for kpi in journey_model(d).kpis:
            yield _kpi_row(ident, None, None, kpi)
        for stage in journey_model(d).stages:
            for tp in stage.touchpoints:
                for kpi in tp.kpis:
                    yield _kpi_row(ident, stage.name, tp.key, kpi)


def _note_rows(
    journey: str, stage: str, tp: str | None, kind: str, notes: list[Note]
) -> Iterator[Row]:
    for note in notes:
        yield {
            "journey": journey,
            "stage": stage,
            "touchpoint": tp,
            "kind": kind,
            "text": note.text,
            "severity": note.severity,
        }


def _notes(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.journeys.items()):
        for stage in journey_model(d).stages:
            yield from _note_rows(ident, stage.name, None, "pain-point", stage.pain_points)
            yield from _note_rows(ident, stage.name, None, "opportunity", stage.opportunities)
            for tp in stage.touchpoints:
                yield from _note_rows(ident, stage.name, tp.key, "pain-point", tp.pain_points)
                yield from _note_rows(ident, stage.name, tp.key, "opportunity", tp.opportunities)


def _personas(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.personas.items()):
        m = persona_model(d)
        yield {
            "id": ident,
            "name": m.name,
            "segment": m.segment,
            "summary": m.summary,
            "quote": m.quote,
            "goals": m.goals,
            "needs": m.needs,
            "frustrations": m.frustrations,
            "channels": m.channels,
            "journeys": [j.id for j in portal.journeys_by_persona.get(ident, [])],
            "source": d.file.src_uri,
        }


def _stakeholders(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.stakeholders.items()):
        m = stakeholder_model(d)
        yield {
            "id": ident,
            "name": m.name,
            "kind": m.kind,
            "influence": m.influence,
            "interest": m.interest,
            "quadrant": quadrant(m.influence, m.interest),
            "contact": m.contact,
            "relationships": [f"{r.kind} {r.with_}" for r in m.relationships],
            "source": d.file.src_uri,
        }


def _phases(portal: Portal) -> Iterator[Row]:
    """The framework's phases in lifecycle order, each with the journeys' stages placed in it."""
    if portal.framework is None:
        return
    placed: dict[str, list[tuple[str, str]]] = {}
    for ident, d in sorted(portal.journeys.items()):
        for stage in journey_model(d).stages:
            if stage.phase:
                placed.setdefault(stage.phase, []).append((ident, stage.name))
    for order, phase in enumerate(framework_model(portal.framework).phases, 1):
        stages = placed.get(phase.id, [])
        yield {
            "id": phase.id,
            "name": phase.name,
            "order": order,
            "description": phase.description,
            "journeys": list(dict.fromkeys(journey for journey, _ in stages)),
            "stages": [f"{journey} › {stage}" for journey, stage in stages],
        }


def _opportunities(portal: Portal) -> Iterator[Row]:
    answered_by: dict[str, list[str]] = {}
    for ident, d in sorted(portal.solutions.items()):
        for opportunity in dict.fromkeys(solution_model(d).opportunities):
            answered_by.setdefault(opportunity, []).append(ident)
    for ident, d in sorted(portal.opportunities.items()):
        m = opportunity_model(d)
        yield {
            "id": ident,
            "title": m.title,
            "statement": m.statement,
            "status": m.status,
            "owner": m.owner,
            "impact": m.impact,
            "effort": m.effort,
            "journeys": list(dict.fromkeys(moment.journey for moment in m.moments)),
            "moments": [f"{x.journey} › {x.stage or x.touchpoint}" for x in m.moments],
            "evidence": m.evidence,
            "solutions": answered_by.get(ident, []),
            "source": d.file.src_uri,
        }


def _solutions(portal: Portal) -> Iterator[Row]:
    for ident, d in sorted(portal.solutions.items()):
        m = solution_model(d)
        yield {
            "id": ident,
            "title": m.title,
            "status": m.status,
            "owner": m.owner,
            "due": m.due.isoformat() if m.due else None,
            "opportunities": m.opportunities,
            "measures": [f"{measure.journey}: {measure.kpi}" for measure in m.measures],
            "source": d.file.src_uri,
        }


TABLES: dict[str, Callable[[Portal], Iterator[Row]]] = {
    "journeys": _journeys,
    "stages": _stages,
    "touchpoints": _touchpoints,
    "kpis": _kpis,
    "notes": _notes,
    "personas": _personas,
    "stakeholders": _stakeholders,
    "phases": _phases,
    "opportunities": _opportunities,
    "solutions": _solutions,
}
COLUMNS: dict[str, list[str]] = {
    name: text.split()
    for name, text in {
        "journeys": "id title persona map baseline owner status reviewed review_every stages "
        "touchpoints source",
        "stages": "journey position stage goal emotion pain_points opportunities touchpoints",
        "touchpoints": "journey stage_position stage id name channel owner supporting emotion "
        "fail_point pain_points opportunities tools processes",
        "kpis": "journey stage touchpoint name value target unit better on_target",
        "notes": "journey stage touchpoint kind text severity",
        "personas": "id name segment summary quote goals needs frustrations channels journeys source",
        "stakeholders": "id name kind influence interest quadrant contact relationships source",
        "phases": "id name order description journeys stages",
        "opportunities": "id title statement status owner impact effort journeys moments "
        "evidence solutions source",
        "solutions": "id title status owner due opportunities measures source",
    }.items()
}
"""The header of each table, written even when the portal has no rows for it."""


OWNERSHIP_COLUMNS: tuple[str, ...] = (
    "journey",
    "journey_title",
    "stage_number",
    "stage",
    "touchpoint",
    "touchpoint_name",
    "channel",
    "owner",
    "owner_name",
    "supporting",
    "supporting_names",
    "emotion",
    "pain_points",
    "high_severity_pain_points",
    "opportunities",
    "kpis",
    "unowned",
    "source",
    "line",
)
"""The columns of ownership.csv and the keys of each object in ownership.json, in this order."""


def _name_of(portal: Portal, stakeholder_id: str | None) -> str:
    if stakeholder_id is None:
        return ""
    found = portal.stakeholders.get(stakeholder_id)
    return found.title if found is not None else stakeholder_id


def ownership_row(record: OwnershipRecord, portal: Portal) -> Row:
    """One touchpoint's ownership as JSON-ready values: ids for tools, names for people."""
    tp = record.touchpoint
    return {
        "journey": record.journey.id,
        "journey_title": record.model.title,
        "stage_number": record.stage_index + 1,
        "stage": record.stage.name,
        "touchpoint": tp.key,
        "touchpoint_name": tp.name,
        "channel": tp.channel or "",
        "owner": tp.owner or "",
        "owner_name": _name_of(portal, tp.owner),
        "supporting": list(tp.supporting),
        "supporting_names": [_name_of(portal, s) for s in tp.supporting],
        "emotion": tp.emotion,
        "pain_points": len(tp.pain_points),
        "high_severity_pain_points": sum(p.severity == "high" for p in tp.pain_points),
        "opportunities": len(tp.opportunities),
        "kpis": [kpi_text(k) for k in tp.kpis],
        "unowned": record.unowned,
        "source": record.journey.file.src_uri,
        "line": record.line,
    }


def ownership_rows(portal: Portal) -> Iterator[Row]:
    """Every touchpoint's row, in the ownership matrix's order."""
    for record in ownership_records(portal):
        yield ownership_row(record, portal)
