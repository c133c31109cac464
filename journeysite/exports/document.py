"""The portal as one JSON document: the site's portal.json and `journeysite export --format json`.

Both write these same bytes, so tools meet one shape (the README's "The portal as data" documents
it). Each entity is its model as the format defines it (field names as writers spell them, dates
as ISO text, defaults filled in) plus its resolved `id`, `type` and `source` (the file inside the
docs dir). Touchpoint ids are resolved the same way. Sorted by type and id: same content, same
bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from journeysite.content.load import Definition
from journeysite.content.portal import Portal
from journeysite.exports.json_writer import json_list, json_text
from journeysite.format.models import Journey

DOCUMENT_FORMAT = "journeysite-portal"
DOCUMENT_VERSION = 3
"""Raised whenever the document's shape changes: 2 is the first shared by the CLI and the site;
3 adds frameworks, opportunities and solutions to `counts` and `entities`."""


def entity_record(definition: Definition) -> dict[str, Any]:
    data = definition.model.model_dump(mode="json", by_alias=True)
    data.pop("type")
    data.pop("id")
    if isinstance(definition.model, Journey):
        for stage_data, stage in zip(data["stages"], definition.model.stages, strict=True):
            for tp_data, tp in zip(stage_data["touchpoints"], stage.touchpoints, strict=True):
                tp_data["id"] = tp.key
    return {"id": definition.id, "type": definition.type, "source": definition.file.src_uri, **data}


def portal_head(portal: Portal) -> dict[str, Any]:
    """What the document holds before its `entities`."""
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "generator": "journeysite",
        "counts": {
            "journeys": len(portal.journeys),
            "personas": len(portal.personas),
            "stakeholders": len(portal.stakeholders),
            "frameworks": len(portal.frameworks),
            "opportunities": len(portal.opportunities),
            "solutions": len(portal.solutions),
        },
    }


def ordered_entities(portal: Portal) -> list[Definition]:
    """The order of the document's entities: by type, then id."""
    return sorted(portal.all(), key=lambda d: (d.type, d.id))


def portal_json(portal: Portal) -> Iterator[str]:
    """The head, then every entity's record, as json_text would write it whole; one at a time."""
    yield json_text(portal_head(portal)).removesuffix("\n}") + ',\n  "entities": '
    yield from json_list((entity_record(d) for d in ordered_entities(portal)), level=1)
    yield "\n}\n"
