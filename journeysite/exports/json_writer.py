"""JSON exports written piece by piece, so a 10 000-journey portal never holds one in memory.

`json.dumps(..., indent=2)` of portal.json builds every piece of the text in a list before joining
them: at 10 000 journeys that was a gigabyte for a moment, the build's peak memory. The document
itself is journeysite.exports.document; ownership.json is here, being one list of table rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from journeysite.content.portal import Portal
from journeysite.exports.tables import ownership_rows

INDENT = "  "


def json_text(value: Any) -> str:
    """The one JSON style of the exports: UTF-8 text as is, two-space indents."""
    return json.dumps(value, ensure_ascii=False, indent=len(INDENT))


def json_list(items: Iterable[Any], level: int = 0) -> Iterator[str]:
    """The text `json_text(list(items))` gives when nested `level` deep, one item at a time."""
    pad = "\n" + INDENT * (level + 1)
    opened = False
    for item in items:
        yield ("," if opened else "[") + pad + json_text(item).replace("\n", pad)
        opened = True
    yield "\n" + INDENT * level + "]" if opened else "[]"


def ownership_json(portal: Portal) -> Iterator[str]:
    """The site's ownership/ownership.json: the rows of ownership.csv, typed."""
    yield from json_list(ownership_rows(portal))
    yield "\n"
