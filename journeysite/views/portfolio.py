"""What the portfolio pages share: which maps they cover and every pain point in its place.

Portfolio figures describe what customers meet today: current-state, day-in-the-life and blueprint
maps. Future-state maps describe a target, so their touchpoints and pain points are counted apart
(they would otherwise count the same moments twice) and compared with their baseline instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import N_, gettext
from journeysite.format.models import Note, Touchpoint
from journeysite.format.vocabulary import CHANNEL_LABELS, SEVERITY_WEIGHT

STAGE_LEVEL = N_("Stage level")
"""The channel column for pain points written on a stage rather than on a touchpoint."""
NO_CHANNEL = N_("No channel")


def channel_order() -> list[str]:
    """Channel columns in the build's language: stage level, the channels, then none."""
    return [gettext(STAGE_LEVEL), *CHANNEL_LABELS.values(), gettext(NO_CHANNEL)]


UNRATED_WEIGHT = 1
"""A pain point without a severity weighs as much as a low one: it counts, but never outranks."""


T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Listed(Generic[T]):
    """The rows a portfolio table lists: all of them, or those that most need attention."""

    rows: list[T]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.rows) == self.total

    def map(self, make: Callable[[T], U]) -> Listed[U]:
        """The same rows made into what a table shows: only the listed ones are made."""
        return Listed([make(row) for row in self.rows], self.total)


def listed(items: Sequence[T], limit: int, key: Callable[[T], Any] | None = None) -> Listed[T]:
    """At most `limit` items, those with the lowest `key`, in their given order (`first_by`);
    without a key, the first `limit` (for items already in order of attention)."""
    return Listed(first_by(items, limit, key) if key else list(items[:limit]), len(items))


CHART_BARS = 60
"""At most this many bars in a portfolio chart of one bar per item (KPIs, journeys): thousands
would make a chart tens of thousands of pixels tall. Beyond it the chart shows the items that
most need attention and says so; the table below it lists more."""


def first_by(items: Sequence[T], count: int, key: Callable[[T], Any]) -> list[T]:
    """The `count` items with the lowest `key` (ties by position), kept in their given order: what
    a crowded chart draws, and what a long portfolio table lists (`listed`)."""
    if len(items) <= count:
        return list(items)
    order = sorted(range(len(items)), key=lambda i: (key(items[i]), i))
    return [items[i] for i in sorted(order[:count])]


def severity_weight(note: Note) -> int:
    return SEVERITY_WEIGHT[note.severity] if note.severity else UNRATED_WEIGHT


def weights() -> list[tuple[str, int]]:
    """Severity weights, heaviest first, with the weight of an unrated pain point last."""
    ranked = sorted(SEVERITY_WEIGHT.items(), key=lambda item: item[1], reverse=True)
    return [*ranked, ("unrated", UNRATED_WEIGHT)]


SEVERITY_WORDS = {
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "unrated": N_("unrated"),
}
"""A severity as a word in a sentence ("3 high, 1 unrated")."""


def weights_text() -> str:
    return ", ".join(f"{gettext(SEVERITY_WORDS[name])} {weight}" for name, weight in weights())


def channel_label(touchpoint: Touchpoint) -> str:
    return CHANNEL_LABELS[touchpoint.channel] if touchpoint.channel else gettext(NO_CHANNEL)


def is_future(definition: Definition) -> bool:
    return journey_model(definition).map == "future"


def sorted_journeys(portal: Portal) -> list[Definition]:
    """Every journey, by title then id: one stable order for columns and rows."""
    return sorted(portal.journeys.values(), key=lambda d: (d.title, d.id))


def todays_journeys(portal: Portal) -> list[Definition]:
    """The maps of how things are today (every map type but future)."""
    return [d for d in sorted_journeys(portal) if not is_future(d)]


def future_journeys(portal: Portal) -> list[Definition]:
    return [d for d in sorted_journeys(portal) if is_future(d)]


@dataclass(frozen=True)
class PainPointRef:
    """A pain point where it was written: on a stage, or on one of the stage's touchpoints."""

    journey: Definition
    stage_index: int
    stage_name: str
    touchpoint: Touchpoint | None
    note: Note

    @property
    def weight(self) -> int:
        return severity_weight(self.note)

    @property
    def anchor(self) -> str:
        """The element on the journey page that shows this pain point."""
        if self.touchpoint is not None:
            return f"tp-{self.touchpoint.key}"
        return f"stage-{self.stage_index + 1}"

    @property
    def channel(self) -> str:
        """Its touchpoint's channel; pain points written on the stage itself are 'Stage level'."""
        if self.touchpoint is None:
            return gettext(STAGE_LEVEL)
        return channel_label(self.touchpoint)


def pain_points_of(definition: Definition) -> list[PainPointRef]:
    """A journey's pain points in page order: each stage's own, then its touchpoints'."""
    found: list[PainPointRef] = []
    for index, stage in enumerate(journey_model(definition).stages):
        found += [PainPointRef(definition, index, stage.name, None, n) for n in stage.pain_points]
        for tp in stage.touchpoints:
            found += [PainPointRef(definition, index, stage.name, tp, n) for n in tp.pain_points]
    return found
