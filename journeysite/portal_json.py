"""portal.json: every validated definition as data, for tools that consume the portal.

Each entity is its model as the format defines it (field names as writers spell them, dates as
ISO text, defaults filled in) plus its resolved `id`, `type` and `source` (the file inside the docs
dir). Touchpoint ids are resolved the same way. Sorted by type and id: same content, same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from journeysite.load import Definition
from journeysite.model import Journey
from journeysite.portal import Portal


def entity_record(definition: Definition) -> dict[str, Any]:
    data = definition.model.model_dump(mode="json", by_alias=True)
    data.pop("type")
    data.pop("id")
    if isinstance(definition.model, Journey):
        for stage_data, stage in zip(data["stages"], definition.model.stages, strict=True):
            for tp_data, tp in zip(stage_data["touchpoints"], stage.touchpoints, strict=True):
                tp_data["id"] = tp.key
    return {"id": definition.id, "type": definition.type, "source": definition.file.src_uri, **data}


def portal_document(portal: Portal) -> dict[str, Any]:
    entities = sorted((entity_record(d) for d in portal.all()), key=lambda e: (e["type"], e["id"]))
    return {
        "generator": "journeysite",
        "counts": {
            "journeys": len(portal.journeys),
            "personas": len(portal.personas),
            "stakeholders": len(portal.stakeholders),
        },
        "entities": entities,
    }


def portal_json(portal: Portal) -> str:
    return json.dumps(portal_document(portal), ensure_ascii=False, indent=2) + "\n"
