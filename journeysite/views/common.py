"""Shared pieces of page data: links between pages, text items, KPIs, emotion values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from journeysite.content.load import Definition
from journeysite.content.portal import Portal
from journeysite.format.i18n import N_, Labels, format_number
from journeysite.format.models import Kpi, Note
from journeysite.format.vocabulary import emotion_word
from journeysite.views.markup import inline

UrlFor = Callable[[str], str]
"""Relative URL from the page being rendered to a page given by its src_uri."""

BETTER_LABELS: Labels[str] = Labels({"higher": N_("higher"), "lower": N_("lower")})
"""A KPI's direction as shown under “Better when”; the value itself (`higher`) stays data."""


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None

    @property
    def missing(self) -> bool:
        return self.url is None


@dataclass(frozen=True)
class Item:
    html: Markup
    severity: str | None = None


@dataclass(frozen=True)
class Emotion:
    value: float | None

    @property
    def word(self) -> str:
        return emotion_word(self.value)

    @property
    def number(self) -> str:
        if self.value is None:
            return ""
        return format_number(self.value, "0.#")

    @property
    def level(self) -> int | None:
        return None if self.value is None else round(self.value)


@dataclass(frozen=True)
class KpiRow:
    name: str
    scope: str
    value: str
    target: str
    unit: str
    better: str
    on_target: bool | None

    @property
    def better_label(self) -> str:
        return BETTER_LABELS.get(self.better, self.better)


def link_to(portal: Portal, kind: str, ident: str | None, url_for: UrlFor) -> Link | None:
    """A link to a definition by id, or a plain label when it does not exist (serve mode)."""
    if not ident:
        return None
    target = portal.of_type(kind).get(ident)
    if target is None:
        return Link(ident, None)
    return Link(target.title, url_for(target.file.src_uri))


def link_definition(definition: Definition, url_for: UrlFor) -> Link:
    return Link(definition.title, url_for(definition.file.src_uri))


def texts(values: list[str]) -> list[Markup]:
    return [inline(v) for v in values]


def notes(values: list[Note]) -> list[Item]:
    return [Item(inline(n.text), n.severity) for n in values]


def kpi_row(kpi: Kpi, scope: str) -> KpiRow:
    return KpiRow(
        name=kpi.name,
        scope=scope,
        value=format_number(kpi.value),
        target=format_number(kpi.target),
        unit=kpi.unit or "",
        better=kpi.better,
        on_target=kpi.on_target,
    )
