"""Who owns each touchpoint: one record per touchpoint across all journeys, and its exports.

The ownership matrix, the per-owner pages and the CSV and JSON exports read the same records in the
same order: unowned touchpoints with pain points first, then the other unowned ones, then the rest
by journey title, stage order and touchpoint order.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.exports.json_writer import json_list
from journeysite.format.models import Journey, Kpi, Stage, Touchpoint
from journeysite.format.vocabulary import number

EXPORT_COLUMNS: tuple[str, ...] = (
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

LIST_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


@dataclass(frozen=True)
class OwnershipRecord:
    """A touchpoint in its journey and stage, with its position for ordering and file:line."""

    journey: Definition
    stage_index: int
    stage: Stage
    touchpoint_index: int
    touchpoint: Touchpoint

    @property
    def model(self) -> Journey:
        return journey_model(self.journey)

    @property
    def unowned(self) -> bool:
        return self.touchpoint.owner is None

    @property
    def line(self) -> int:
        return self.journey.line_of(
            "stages", self.stage_index, "touchpoints", self.touchpoint_index
        )

    @property
    def anchor(self) -> str:
        return f"tp-{self.touchpoint.key}"

    def involves(self, stakeholder_id: str) -> str | None:
        """'owner' or 'supporting' when the stakeholder has that role here, else None."""
        if self.touchpoint.owner == stakeholder_id:
            return "owner"
        if stakeholder_id in self.touchpoint.supporting:
            return "supporting"
        return None


def _order(record: OwnershipRecord) -> tuple[Any, ...]:
    """Unowned with pain points, then unowned, then owned; by journey title, stage, touchpoint."""
    group = (0 if record.touchpoint.pain_points else 1) if record.unowned else 2
    return (
        group,
        record.model.title.casefold(),
        record.journey.id,
        record.stage_index,
        record.touchpoint_index,
    )


def ownership_records(portal: Portal) -> list[OwnershipRecord]:
    """Every touchpoint's record, in the matrix's order (computed once per portal)."""
    return portal.derived(_ownership_records)


def _ownership_records(portal: Portal) -> list[OwnershipRecord]:
    records = [
        OwnershipRecord(journey, s, stage, t, tp)
        for journey in portal.journeys.values()
        for s, stage in enumerate(journey_model(journey).stages)
        for t, tp in enumerate(stage.touchpoints)
    ]
    return sorted(records, key=_order)


def records_of(portal: Portal, stakeholder_id: str) -> list[tuple[OwnershipRecord, str]]:
    """(record, 'owner' or 'supporting') for one stakeholder, in the matrix's order."""
    return portal.derived(_records_by_stakeholder).get(stakeholder_id, [])


def _records_by_stakeholder(portal: Portal) -> dict[str, list[tuple[OwnershipRecord, str]]]:
    index: dict[str, list[tuple[OwnershipRecord, str]]] = defaultdict(list)
    for record in ownership_records(portal):
        for stakeholder_id in dict.fromkeys(
            (record.touchpoint.owner, *record.touchpoint.supporting)
        ):
            role = record.involves(stakeholder_id) if stakeholder_id else None
            if role is not None:
                index[stakeholder_id].append((record, role))
    return dict(index)


def kpi_text(kpi: Kpi) -> str:
    """A KPI on one line: `CSAT: 78 % (target 85 %, higher is better)`."""
    unit = f" {kpi.unit}" if kpi.unit else ""
    text = kpi.name
    if kpi.value is not None:
        text += f": {number(kpi.value)}{unit}"
    if kpi.target is not None:
        text += f" (target {number(kpi.target)}{unit}, {kpi.better} is better)"
    return text


def _name_of(portal: Portal, stakeholder_id: str | None) -> str:
    if stakeholder_id is None:
        return ""
    found = portal.stakeholders.get(stakeholder_id)
    return found.title if found is not None else stakeholder_id


def export_row(record: OwnershipRecord, portal: Portal) -> dict[str, Any]:
    """One record as JSON-ready values: ids for tools, names for people."""
    tp = record.touchpoint
    row: dict[str, Any] = {
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
    return row


def ownership_json(portal: Portal) -> Iterator[str]:
    yield from json_list(export_row(r, portal) for r in ownership_records(portal))
    yield "\n"


def csv_cell(value: Any) -> str:
    """A value as spreadsheet text that can never run as a formula."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def ownership_csv(portal: Portal) -> Iterator[str]:
    """UTF-8 with a byte order mark (so spreadsheets detect the encoding), a header, CRLF rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    yield "\ufeff" + out.getvalue()
    for record in ownership_records(portal):
        out.seek(0)
        out.truncate()
        row = export_row(record, portal)
        writer.writerow([csv_cell(row[column]) for column in EXPORT_COLUMNS])
        yield out.getvalue()
