"""Who owns each touchpoint: one record per touchpoint across all journeys.

The ownership matrix, the per-owner pages and the exports (journeysite.exports.tables) read the
same records in the same order: unowned touchpoints with pain points first, then the other unowned
ones, then the rest by journey title, stage order and touchpoint order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.models import Journey, Kpi, Stage, Touchpoint
from journeysite.format.vocabulary import number


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
