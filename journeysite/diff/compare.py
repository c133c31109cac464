"""A semantic diff of two portals: what changed in the maps, as typed values (no I/O, no text).

How things are matched (reviewers see the result, so the rules are simple and documented):
- every definition (journeys, personas, stakeholders, opportunities, …) by type and id, so a moved file is the same map; a removed
  and an added one with the same title (a renamed file, so a new id) are paired as moved too;
- stages by name; a stage whose name is gone, at a position where a new name appears, is renamed;
- touchpoints by their key (explicit `id`, else the slug of the name): a touchpoint with an
  explicit id and a new name is renamed; without an id a new name reads as removed + added;
- pain points and opportunities by text (a new severity is a change), KPIs by name;
- an opportunity's moments by journey and stage or touchpoint: a changed one is removed + added.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from journeysite.content.load import Definition
from journeysite.content.portal import Portal
from journeysite.format.models import Journey, Kpi, Moment, Note, Opportunity, Stage, Touchpoint
from journeysite.format.stages import match_stages
from journeysite.format.vocabulary import DEFINITION_TYPES


class ChangeKind(StrEnum):
    """Stable names, one per kind of change; the JSON output and the docs use them."""

    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    ID_CHANGED = "id-changed"
    RENAMED = "renamed"
    STATUS_CHANGED = "status-changed"
    OWNER_CHANGED = "owner-changed"
    FIELD_CHANGED = "field-changed"
    STAGE_ADDED = "stage-added"
    STAGE_REMOVED = "stage-removed"
    STAGE_RENAMED = "stage-renamed"
    TOUCHPOINT_ADDED = "touchpoint-added"
    TOUCHPOINT_REMOVED = "touchpoint-removed"
    TOUCHPOINT_RENAMED = "touchpoint-renamed"
    TOUCHPOINT_MOVED = "touchpoint-moved"
    EMOTION_CHANGED = "emotion-changed"
    PAIN_POINT_ADDED = "pain-point-added"
    PAIN_POINT_RESOLVED = "pain-point-resolved"
    PAIN_POINT_CHANGED = "pain-point-changed"
    OPPORTUNITY_ADDED = "opportunity-added"
    OPPORTUNITY_REMOVED = "opportunity-removed"
    OPPORTUNITY_CHANGED = "opportunity-changed"
    KPI_ADDED = "kpi-added"
    KPI_REMOVED = "kpi-removed"
    KPI_CHANGED = "kpi-changed"
    MOMENT_ADDED = "moment-added"
    MOMENT_REMOVED = "moment-removed"


@dataclass(frozen=True)
class Change:
    """One change to one definition; `stage`/`touchpoint` say where inside a journey.

    `before` and `after` are plain JSON values (text, numbers, lists, mappings, None).
    """

    type: str
    id: str
    title: str
    path: str
    kind: ChangeKind
    stage: str | None = None
    touchpoint: str | None = None
    item: str | None = None
    before: Any = None
    after: Any = None


_NOTE_KINDS = {
    "pain_points": (
        ChangeKind.PAIN_POINT_ADDED,
        ChangeKind.PAIN_POINT_RESOLVED,
        ChangeKind.PAIN_POINT_CHANGED,
    ),
    "opportunities": (
        ChangeKind.OPPORTUNITY_ADDED,
        ChangeKind.OPPORTUNITY_REMOVED,
        ChangeKind.OPPORTUNITY_CHANGED,
    ),
}
_SPECIFIC = {"status": ChangeKind.STATUS_CHANGED, "owner": ChangeKind.OWNER_CHANGED}
_JOURNEY_HANDLED = frozenset({"type", "id", "title", "stages", "kpis"})
_ENTITY_HANDLED = frozenset({"type", "id", "name", "title"})
_OPPORTUNITY_HANDLED = _ENTITY_HANDLED | {"moments"}
_STAGE_HANDLED = frozenset({"name", "emotion", "touchpoints", *_NOTE_KINDS})
_TOUCHPOINT_HANDLED = frozenset({"name", "id", "emotion", "kpis", *_NOTE_KINDS})


def plain(value: Any) -> Any:
    """A model value as plain JSON data (unset optional fields left out)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def compare_portals(
    old: Portal,
    new: Portal,
    unreadable_old: Iterable[str] = (),
    unreadable_new: Iterable[str] = (),
) -> list[Change]:
    """Every change from `old` to `new`, definitions in type then id order, details in map order.

    A definition missing on one side whose file could not be read there is not reported as added
    or removed: the caller reports the unreadable file instead.
    """
    skip_added, skip_removed = set(unreadable_old), set(unreadable_new)
    changes: list[Change] = []
    for kind in DEFINITION_TYPES:
        before, after = old.of_type(kind), new.of_type(kind)
        removed = [d for i, d in before.items() if i not in after]
        added = [d for i, d in after.items() if i not in before]
        pairs = [(before[i], after[i]) for i in sorted(before.keys() & after.keys())]
        pairs += _pair_by_title(removed, added)
        paired_old = {id(a) for a, _ in pairs}
        paired_new = {id(b) for _, b in pairs}
        entries: list[tuple[str, list[Change]]] = []
        for a, b in pairs:
            entries.append((b.id, list(_compare_definitions(a, b))))
        for d in removed:
            if id(d) not in paired_old and d.file.display not in skip_removed:
                entries.append((d.id, [_change(d, ChangeKind.REMOVED, before=d.file.display)]))
        for d in added:
            if id(d) not in paired_new and d.file.display not in skip_added:
                entries.append((d.id, [_change(d, ChangeKind.ADDED, after=d.file.display)]))
        for _, found in sorted(entries, key=lambda entry: entry[0]):
            changes.extend(found)
    return changes


def _pair_by_title(
    removed: Sequence[Definition], added: Sequence[Definition]
) -> list[tuple[Definition, Definition]]:
    """A renamed file changes the id; the same title on both sides (and only once) is a move."""
    by_title: dict[str, list[Definition]] = {}
    for d in added:
        by_title.setdefault(d.title, []).append(d)
    titles_removed = [d.title for d in removed]
    pairs = []
    for d in removed:
        candidates = by_title.get(d.title, [])
        if len(candidates) == 1 and titles_removed.count(d.title) == 1:
            pairs.append((d, candidates[0]))
    return pairs


def _change(d: Definition, kind: ChangeKind, **where: Any) -> Change:
    return Change(d.type, d.id, d.title, d.file.display, kind, **where)


def _compare_definitions(a: Definition, b: Definition) -> Iterator[Change]:
    if a.file.display != b.file.display:
        yield _change(b, ChangeKind.MOVED, before=a.file.display, after=b.file.display)
    if a.id != b.id:
        yield _change(b, ChangeKind.ID_CHANGED, before=a.id, after=b.id)
    if a.title != b.title:
        yield _change(b, ChangeKind.RENAMED, before=a.title, after=b.title)
    if isinstance(a.model, Journey) and isinstance(b.model, Journey):
        yield from _fields(b, a.model, b.model, _JOURNEY_HANDLED)
        yield from _kpis(b, a.model.kpis, b.model.kpis)
        yield from _stages(b, a.model, b.model)
    elif isinstance(a.model, Opportunity) and isinstance(b.model, Opportunity):
        yield from _fields(b, a.model, b.model, _OPPORTUNITY_HANDLED)
        yield from _moments(b, a.model.moments, b.model.moments)
    elif type(a.model) is type(b.model):
        yield from _fields(b, a.model, b.model, _ENTITY_HANDLED)


def _fields(
    d: Definition,
    a: BaseModel,
    b: BaseModel,
    handled: frozenset[str],
    stage: str | None = None,
    touchpoint: str | None = None,
) -> Iterator[Change]:
    for name, info in type(b).model_fields.items():
        if name in handled:
            continue
        before, after = getattr(a, name), getattr(b, name)
        if before != after:
            field = info.alias or name
            yield _change(
                d,
                _SPECIFIC.get(field, ChangeKind.FIELD_CHANGED),
                stage=stage,
                touchpoint=touchpoint,
                item=field,
                before=plain(before),
                after=plain(after),
            )


def _stages(d: Definition, a: Journey, b: Journey) -> Iterator[Change]:
    matched = match_stages([s.name for s in a.stages], [s.name for s in b.stages])
    new_name_of_old = {i: b.stages[j].name for i, j in matched.items()}
    old_of_new = {j: i for i, j in matched.items()}
    for i, stage in enumerate(a.stages):
        if i not in matched:
            yield _change(d, ChangeKind.STAGE_REMOVED, stage=stage.name, before=stage.name)
    old_touchpoints = {
        tp.key: (i, tp) for i, stage in enumerate(a.stages) for tp in stage.touchpoints
    }
    new_keys = {tp.key for stage in b.stages for tp in stage.touchpoints}
    for key, (stage_index, tp) in old_touchpoints.items():
        if key not in new_keys:
            stage_name = new_name_of_old.get(stage_index, a.stages[stage_index].name)
            yield _change(
                d,
                ChangeKind.TOUCHPOINT_REMOVED,
                stage=stage_name,
                touchpoint=tp.name,
                before=tp.name,
            )
    for j, stage in enumerate(b.stages):
        i = old_of_new.get(j)
        if i is None:
            yield _change(d, ChangeKind.STAGE_ADDED, stage=stage.name, after=stage.name)
        else:
            old_stage = a.stages[i]
            if old_stage.name != stage.name:
                yield _change(
                    d,
                    ChangeKind.STAGE_RENAMED,
                    stage=stage.name,
                    before=old_stage.name,
                    after=stage.name,
                )
            yield from _stage_details(d, old_stage, stage)
        for tp in stage.touchpoints:
            previous = old_touchpoints.get(tp.key)
            if previous is None:
                yield _change(
                    d,
                    ChangeKind.TOUCHPOINT_ADDED,
                    stage=stage.name,
                    touchpoint=tp.name,
                    after=tp.name,
                )
                continue
            previous_stage, old_tp = previous
            if old_of_new.get(j) != previous_stage:
                yield _change(
                    d,
                    ChangeKind.TOUCHPOINT_MOVED,
                    stage=stage.name,
                    touchpoint=tp.name,
                    before=new_name_of_old.get(previous_stage, a.stages[previous_stage].name),
                    after=stage.name,
                )
            yield from _touchpoint_details(d, stage.name, old_tp, tp)


def _stage_details(d: Definition, a: Stage, b: Stage) -> Iterator[Change]:
    if a.emotion != b.emotion:
        yield _change(
            d, ChangeKind.EMOTION_CHANGED, stage=b.name, before=a.emotion, after=b.emotion
        )
    yield from _fields(d, a, b, _STAGE_HANDLED, stage=b.name)
    for field in _NOTE_KINDS:
        yield from _notes(d, field, getattr(a, field), getattr(b, field), stage=b.name)


def _touchpoint_details(
    d: Definition, stage: str, a: Touchpoint, b: Touchpoint
) -> Iterator[Change]:
    where = {"stage": stage, "touchpoint": b.name}
    if a.name != b.name:
        yield _change(d, ChangeKind.TOUCHPOINT_RENAMED, before=a.name, after=b.name, **where)
    if a.emotion != b.emotion:
        yield _change(d, ChangeKind.EMOTION_CHANGED, before=a.emotion, after=b.emotion, **where)
    yield from _fields(d, a, b, _TOUCHPOINT_HANDLED, **where)
    for field in _NOTE_KINDS:
        yield from _notes(d, field, getattr(a, field), getattr(b, field), **where)
    yield from _kpis(d, a.kpis, b.kpis, **where)


def _notes(
    d: Definition, field: str, a: Sequence[Note], b: Sequence[Note], **where: Any
) -> Iterator[Change]:
    added, removed, changed = _NOTE_KINDS[field]
    before = {note.text: note for note in a}
    after = {note.text: note for note in b}
    for text, note in before.items():
        if text not in after:
            yield _change(d, removed, item=text, before=plain(note), **where)
    for text, note in after.items():
        old = before.get(text)
        if old is None:
            yield _change(d, added, item=text, after=plain(note), **where)
        elif old != note:
            yield _change(d, changed, item=text, before=plain(old), after=plain(note), **where)


def _kpis(d: Definition, a: Sequence[Kpi], b: Sequence[Kpi], **where: Any) -> Iterator[Change]:
    before = {kpi.name: kpi for kpi in a}
    after = {kpi.name: kpi for kpi in b}
    for name, kpi in before.items():
        if name not in after:
            yield _change(d, ChangeKind.KPI_REMOVED, item=name, before=plain(kpi), **where)
    for name, kpi in after.items():
        old = before.get(name)
        if old is None:
            yield _change(d, ChangeKind.KPI_ADDED, item=name, after=plain(kpi), **where)
        elif old != kpi:
            yield _change(
                d, ChangeKind.KPI_CHANGED, item=name, before=plain(old), after=plain(kpi), **where
            )


def moment_text(moment: Moment) -> str:
    """A moment as reviewers read it: `journey › stage` or `journey › touchpoint`."""
    return f"{moment.journey} › {moment.stage or moment.touchpoint}"


def _moments(d: Definition, a: Sequence[Moment], b: Sequence[Moment]) -> Iterator[Change]:
    before = {moment_text(m): m for m in a}
    after = {moment_text(m): m for m in b}
    for text, moment in before.items():
        if text not in after:
            yield _change(d, ChangeKind.MOMENT_REMOVED, item=text, before=plain(moment))
    for text, moment in after.items():
        if text not in before:
            yield _change(d, ChangeKind.MOMENT_ADDED, item=text, after=plain(moment))
