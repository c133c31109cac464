"""The validated model of a whole portal for other tools: one JSON document or flat CSV tables.

Values are exported as written (no spreadsheet-formula escaping): the output is data for
programs, and rewriting text that starts with `=` would corrupt it for them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model, persona_model, stakeholder_model
from journeysite.format.models import Kpi, Note, Touchpoint
from journeysite.format.vocabulary import quadrant

EXPORT_FORMAT = "journeysite-portal"
EXPORT_VERSION = 1


def _dump(definition: Definition) -> dict[str, Any]:
    data = definition.model.model_dump(mode="json", by_alias=True)
    data["id"] = definition.id
    data["source"] = definition.file.src_uri
    for s, stage in enumerate(data.get("stages", [])):
        model_stage = journey_model(definition).stages[s]
        for t, tp in enumerate(stage["touchpoints"]):
            tp["id"] = model_stage.touchpoints[t].key
    return data


def export_json(portal: Portal) -> str:
    data = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "journeys": [_dump(d) for _, d in sorted(portal.journeys.items())],
        "personas": [_dump(d) for _, d in sorted(portal.personas.items())],
        "stakeholders": [_dump(d) for _, d in sorted(portal.stakeholders.items())],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


Row = dict[str, Any]


def _list(values: list[str]) -> str:
    return "; ".join(values)


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
            "supporting": _list(tp.supporting),
            "emotion": tp.emotion,
            "fail_point": tp.fail_point,
            "pain_points": len(tp.pain_points),
            "opportunities": len(tp.opportunities),
            "tools": _list(tp.tools),
            "processes": _list(tp.processes),
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
            "goals": _list(m.goals),
            "needs": _list(m.needs),
            "frustrations": _list(m.frustrations),
            "channels": _list(m.channels),
            "journeys": _list([j.id for j in portal.journeys_by_persona.get(ident, [])]),
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
            "relationships": _list([f"{r.kind} {r.with_}" for r in m.relationships]),
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
    }.items()
}
"""The header of each table, written even when the portal has no rows for it."""


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def export_csv(portal: Portal, table: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n")
    writer.writeheader()
    for row in TABLES[table](portal):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()
