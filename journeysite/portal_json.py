"""portal.json: every validated definition as data, for tools that consume the portal.

Each entity is its model as the format defines it (field names as writers spell them, dates as
ISO text, defaults filled in) plus its resolved `id`, `type` and `source` (the file inside the docs
dir). Touchpoint ids are resolved the same way. Sorted by type and id: same content, same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from journeysite.load import Definition
from journeysite.model import Journey
from journeysite.portal import Portal
from journeysite.streams import json_list, json_text


def entity_record(definition: Definition) -> dict[str, Any]:
    data = definition.model.model_dump(mode="json", by_alias=True)
    data.pop("type")
    data.pop("id")
    if isinstance(definition.model, Journey):
        for stage_data, stage in zip(data["stages"], definition.model.stages, strict=True):
            for tp_data, tp in zip(stage_data["touchpoints"], stage.touchpoints, strict=True):
                tp_data["id"] = tp.key
    return {"id": definition.id, "type": definition.type, "source": definition.file.src_uri, **data}


def portal_document(portal: Portal, entities: bool = True) -> dict[str, Any]:
    """The whole document as data (without `entities`: the part before them)."""
    document: dict[str, Any] = {
        "generator": "journeysite",
        "counts": {
            "journeys": len(portal.journeys),
            "personas": len(portal.personas),
            "stakeholders": len(portal.stakeholders),
        },
    }
    if entities:
        records = (entity_record(d) for d in portal.all())
        document["entities"] = sorted(records, key=lambda e: (e["type"], e["id"]))
    return document


def portal_json(portal: Portal) -> Iterator[str]:
    """The text of `portal_document` (json_text, then a newline), one entity at a time."""
    head = portal_document(portal, entities=False)
    yield json_text(head).removesuffix("\n}") + ',\n  "entities": '
    ordered = sorted(portal.all(), key=lambda d: (d.type, d.id))
    yield from json_list((entity_record(d) for d in ordered), level=1)
    yield "\n}\n"
