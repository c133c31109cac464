"""A semantic diff as text for a terminal, Markdown for a pull-request comment, or JSON for tools."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import groupby
from typing import Any

from journeysite.diff.compare import Change, ChangeKind
from journeysite.diff.revisions import WORKING_TREE, Unreadable
from journeysite.format.vocabulary import (
    DEFINITION_TYPES,
    STATUS_LABELS,
    TYPE_PLURALS,
    emotion_word,
)

COMMENT_MARKER = "<!-- journeysite-diff -->"
"""First line of the Markdown output, so a workflow can find and update its earlier comment."""


@dataclass(frozen=True)
class Side:
    label: str
    why: str = ""

    def describe(self) -> str:
        if self.label == WORKING_TREE:
            return f"the {WORKING_TREE}"
        return f"{self.label} ({self.why})" if self.why else self.label


@dataclass(frozen=True)
class DiffReport:
    old: Side
    new: Side
    changes: Sequence[Change]
    unreadable: Sequence[Unreadable]

    def by_definition(self) -> list[tuple[tuple[str, str], list[Change]]]:
        order = {kind: i for i, kind in enumerate(DEFINITION_TYPES)}
        ordered = sorted(self.changes, key=lambda c: order[c.type])  # stable: keeps map order
        return [(key, list(group)) for key, group in groupby(ordered, lambda c: (c.type, c.id))]

    def summary(self) -> str:
        groups = self.by_definition()
        parts = []
        for kind in DEFINITION_TYPES:
            count = sum(1 for (t, _), _ in groups if t == kind)
            if count:
                parts.append(f"{count} {kind if count == 1 else TYPE_PLURALS[kind]}")
        text = (
            f"{_join(parts)} changed"
            if parts
            else "no changes to journeys, personas or stakeholders"
        )
        if self.unreadable:
            n = len(self.unreadable)
            text += f"; {n} file{'s' if n != 1 else ''} could not be read"
        return text


@dataclass(frozen=True)
class Row:
    """A change in words: where in the map, what changed, and the value before and after."""

    where: str
    what: str
    before: str = ""
    after: str = ""

    def values(self) -> str:
        if self.before and self.after:
            return f"{self.before} → {self.after}"
        return self.before or self.after

    def text(self) -> str:
        head = f"{self.where}: {self.what}" if self.where else self.what
        values = self.values()
        return f"{head}: {values}" if values else head


def _join(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def _where(change: Change) -> str:
    return " › ".join(p for p in (change.stage, change.touchpoint) if p)


def _emotion(value: int | None) -> str:
    return "none" if value is None else f"{value} ({emotion_word(value)})"


def _note(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    severity = value.get("severity")
    return f"{value['text']} ({severity})" if severity else value["text"]


def _number(value: float | None) -> str:
    if value is None:
        return "none"
    return str(int(value)) if float(value).is_integer() else str(value)


def _kpi(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    unit = f" {value['unit']}" if value.get("unit") else ""
    text = f"{_number(value.get('value'))}{unit}"
    if value.get("target") is not None:
        text += f" (target {_number(value['target'])}{unit})"
    return text


def _kpi_trend(before: dict[str, Any], after: dict[str, Any]) -> str:
    old, new = before.get("value"), after.get("value")
    if old is None or new is None or old == new:
        return ""
    higher_is_better = after.get("better", "higher") == "higher"
    return ", better" if (new > old) == higher_is_better else ", worse"


def _value(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(_value(v) if not isinstance(v, dict) else _mapping(v) for v in value)
    if isinstance(value, dict):
        return _mapping(value)
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _mapping(value: dict[str, Any]) -> str:
    return ", ".join(f"{k}: {_value(v)}" for k, v in value.items() if v not in (None, [], {}))


def _field_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


_NOTE_WORDS = {
    ChangeKind.PAIN_POINT_ADDED: "Pain point added",
    ChangeKind.PAIN_POINT_RESOLVED: "Pain point resolved",
    ChangeKind.PAIN_POINT_CHANGED: "Pain point changed",
    ChangeKind.OPPORTUNITY_ADDED: "Opportunity added",
    ChangeKind.OPPORTUNITY_REMOVED: "Opportunity removed",
    ChangeKind.OPPORTUNITY_CHANGED: "Opportunity changed",
}


def describe(change: Change) -> Row:
    """The words for one change; every output format is made from these."""
    k, b, a = change.kind, change.before, change.after
    where = _where(change)
    if k is ChangeKind.ADDED:
        return Row("", f"{change.type.capitalize()} added", after=a)
    if k is ChangeKind.REMOVED:
        return Row("", f"{change.type.capitalize()} removed", before=b)
    if k is ChangeKind.MOVED:
        return Row("", "File moved", b, a)
    if k is ChangeKind.ID_CHANGED:
        return Row("", "Id", b, a)
    if k is ChangeKind.RENAMED:
        return Row("", "Title" if change.type == "journey" else "Name", b, a)
    if k is ChangeKind.STATUS_CHANGED:
        labels = STATUS_LABELS if change.type == "journey" else {}  # others: their own words
        return Row(where, "Status", labels.get(b, _value(b)), labels.get(a, _value(a)))
    if k is ChangeKind.OWNER_CHANGED:
        return Row(where, "Owner", _value(b), _value(a))
    if k is ChangeKind.FIELD_CHANGED:
        return Row(where, _field_label(change.item or ""), _value(b), _value(a))
    if k is ChangeKind.STAGE_ADDED:
        return Row("", "Stage added", after=a)
    if k is ChangeKind.STAGE_REMOVED:
        return Row("", "Stage removed", before=b)
    if k is ChangeKind.STAGE_RENAMED:
        return Row("", "Stage renamed", b, a)
    if k is ChangeKind.TOUCHPOINT_ADDED:
        return Row(change.stage or "", "Touchpoint added", after=a)
    if k is ChangeKind.TOUCHPOINT_REMOVED:
        return Row(change.stage or "", "Touchpoint removed", before=b)
    if k is ChangeKind.TOUCHPOINT_RENAMED:
        return Row(change.stage or "", "Touchpoint renamed", b, a)
    if k is ChangeKind.TOUCHPOINT_MOVED:
        return Row(change.touchpoint or "", "Moved to another stage", b, a)
    if k is ChangeKind.EMOTION_CHANGED:
        return Row(where, "Emotion", _emotion(b), _emotion(a))
    if k in _NOTE_WORDS:
        return Row(where, _NOTE_WORDS[k], _note(b), _note(a))
    if k is ChangeKind.MOMENT_ADDED:
        return Row("", "Moment added", after=change.item or "")
    if k is ChangeKind.MOMENT_REMOVED:
        return Row("", "Moment removed", before=change.item or "")
    if k is ChangeKind.KPI_ADDED:
        return Row(where, f'KPI added: "{change.item}"', after=_kpi(a))
    if k is ChangeKind.KPI_REMOVED:
        return Row(where, f'KPI removed: "{change.item}"', before=_kpi(b))
    return Row(where, f'KPI "{change.item}"', _kpi(b), _kpi(a) + _kpi_trend(b, a))


def _heading(changes: list[Change]) -> tuple[str, str, str]:
    """(status, title, path) of a definition's block: added, removed or changed."""
    first = changes[0]
    if first.kind is ChangeKind.ADDED:
        return "added", first.title, first.path
    if first.kind is ChangeKind.REMOVED:
        return "removed", first.title, first.path
    return "changed", first.title, first.path


def format_text(report: DiffReport) -> str:
    lines = [f"Comparing {report.old.describe()} with {report.new.describe()}"]
    lines += [u.message for u in report.unreadable]
    for (kind, ident), changes in report.by_definition():
        status, title, path = _heading(changes)
        if status == "changed":
            lines.append(f'{kind} {ident} "{title}" ({path})')
            lines += [f"  {describe(c).text()}" for c in changes]
        else:
            lines.append(f'{kind} {ident} "{title}" {status} ({path})')
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def format_json(report: DiffReport) -> str:
    data = {
        "from": asdict(report.old),
        "to": asdict(report.new),
        "unreadable": [{**asdict(u), "message": u.message} for u in report.unreadable],
        "changes": [
            {**asdict(c), "kind": str(c.kind), "message": describe(c).text()}
            for c in report.changes
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def md(text: str) -> str:
    """Writer text as inert Markdown: no markup, no HTML, no table breaks, no @-mentions."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u2060")


def _code(text: str) -> str:
    """A path or id as inline code when it can be (no backtick, no line break inside)."""
    if "`" in text or "\n" in text:
        return md(text)
    return f"`{text}`"


MARKDOWN_BUDGET = 60_000
"""Characters of Markdown at most: GitHub refuses comments over 65,536 characters."""

CELL_LIMIT = 300
"""Characters per table cell at most (a long scenario must not swamp the table)."""


_NOTE_ROOM = 200  # the closing "… and N more" line


def _cell(text: str) -> str:
    text = text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"
    return md(text)


def _markdown_block(kind: str, ident: str, changes: list[Change]) -> list[str]:
    status, title, path = _heading(changes)
    lines = ["", f"#### {kind.capitalize()} {status}: {md(title)} (`{ident}`)", "", _code(path)]
    if status == "changed":
        lines += ["", "| Where | Change | Before | After |", "| --- | --- | --- | --- |"]
        for change in changes:
            row = describe(change)
            cells = [row.where or "—", row.what, row.before or "—", row.after or "—"]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return lines


def format_markdown(report: DiffReport, budget: int = MARKDOWN_BUDGET) -> str:
    """A pull-request comment; past `budget` characters the remaining maps are only counted."""
    lines = [
        COMMENT_MARKER,
        "### Journey map changes",
        "",
        f"Comparing {md(report.old.describe())} with {md(report.new.describe())}: "
        f"{md(report.summary())}.",
    ]
    if report.unreadable:
        lines += ["", "> [!WARNING]"]
        lines += [f"> {_cell(u.message)}  " for u in report.unreadable]
        lines[-1] = lines[-1].rstrip()
    size = sum(len(line) + 1 for line in lines)
    groups = report.by_definition()
    for shown, ((kind, ident), changes) in enumerate(groups):
        block = _markdown_block(kind, ident, changes)
        block_size = sum(len(line) + 1 for line in block)
        if size + block_size > budget - _NOTE_ROOM:
            left = len(groups) - shown
            lines += [
                "",
                f"… and {left} more changed map{'s' if left != 1 else ''}, left out to keep this "
                "comment within GitHub's size limit: run `journeysite diff` for the full list.",
            ]
            break
        lines += block
        size += block_size
    return "\n".join(lines) + "\n"


FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}
