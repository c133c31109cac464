"""The emotion lane: the journey's emotion curve as a row of its stages × lanes grid.

Each stage column draws its own piece of the curve, so every point sits inside its stage's
column whatever width the browser gives it: x is a percentage of the column, y a fixed height in
pixels. The curve runs through the stage emotion (first) and the touchpoint emotions (in order),
spread evenly across the column; where it crosses from one column into the next, both columns
draw their share of the same straight segment, so it reads as one line. A future map also draws
its baseline's curve, dashed, through the baseline stages it keeps (one point per stage, at the
column's middle). Every point carries its word and a face, so colour is never the only signal.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass

from journeysite.format.i18n import gettext
from journeysite.format.models import Journey
from journeysite.format.stages import match_stages
from journeysite.format.vocabulary import EMOTION_MAX, EMOTION_MIN, EMOTION_WORDS
from journeysite.views.stages import stage_mood

TOP = 30  # px above the most positive point: room for its word
STEP = 24  # px between two levels of emotion
HEIGHT = TOP + STEP * (EMOTION_MAX - EMOTION_MIN) + 34


@dataclass(frozen=True)
class LanePoint:
    x: float
    """Percent of the stage column's width."""
    y: float
    """Pixels from the top of the lane."""
    level: int
    word: str
    title: str
    kind: str
    """`stage`, `touchpoint` or `baseline`."""
    word_below: bool
    """Where its word goes; `_placed` decides, once every point of the column is known."""

    @property
    def mouth(self) -> str:
        """A face's mouth: a frown at 1, flat at 3, a smile at 5."""
        bend = (self.level - 3) * 2.2
        return f"M-4.5 {3.5 - bend / 2:g} Q0 {3.5 + bend * 1.2:g} 4.5 {3.5 - bend / 2:g}"


@dataclass(frozen=True)
class LaneSegment:
    x1: float
    y1: float
    x2: float
    y2: float
    dashed: bool


@dataclass(frozen=True)
class LaneCell:
    stage: int
    points: tuple[LanePoint, ...]
    segments: tuple[LaneSegment, ...]
    label: str
    """What the column's piece of the lane says, for screen readers."""


@dataclass(frozen=True)
class EmotionLane:
    cells: tuple[LaneCell, ...]
    height: int
    baseline_title: str | None
    """The baseline map whose curve is drawn dashed, if any."""


def _y(value: float) -> float:
    return round(TOP + (EMOTION_MAX - value) * STEP, 1)


def _word(value: float) -> tuple[int, str]:
    level = min(max(round(value), EMOTION_MIN), EMOTION_MAX)
    return level, EMOTION_WORDS[level]


def emotion_lane(journey: Journey, baseline: Journey | None) -> EmotionLane | None:
    """The lane of `journey`, with `baseline`'s curve when it is a future map's baseline."""
    count = len(journey.stages)
    points: list[list[LanePoint]] = [[] for _ in range(count)]
    curve: list[tuple[float, float]] = []  # (position in stage units, y) of this map's points
    for index, stage in enumerate(journey.stages):
        values = [("stage", stage.name, stage.emotion)] + [
            ("touchpoint", tp.name, tp.emotion) for tp in stage.touchpoints
        ]
        values = [v for v in values if v[2] is not None]
        for j, (kind, name, value) in enumerate(values):
            x = round((j + 0.5) / len(values) * 100, 2)
            level, word = _word(value)
            title = gettext("%(name)s: %(value)s · %(word)s") % {
                "name": name,
                "value": value,
                "word": word,
            }
            points[index].append(LanePoint(x, _y(value), level, word, title, kind, False))
            curve.append((index + x / 100, _y(value)))
    base_curve: list[tuple[float, float]] = []
    if baseline is not None:
        pairs = match_stages([s.name for s in baseline.stages], [s.name for s in journey.stages])
        for b, f in sorted(pairs.items(), key=lambda pair: pair[1]):
            mood = stage_mood(baseline.stages[b])
            if mood is None:
                continue
            level, word = _word(mood)
            title = gettext("Baseline, %(stage)s: %(value)s · %(word)s") % {
                "stage": baseline.stages[b].name,
                "value": f"{mood:g}",
                "word": word,
            }
            x = _beside(sum(p.kind != "baseline" for p in points[f]))
            points[f].append(LanePoint(x, _y(mood), level, word, title, "baseline", False))
            base_curve.append((f + x / 100, _y(mood)))
    if not curve and not base_curve:
        return None
    cells = tuple(
        LaneCell(
            stage=index,
            points=_placed(points[index]),
            segments=_clip(curve, index, False) + _clip(base_curve, index, True),
            label=_label(journey.stages[index].name, points[index]),
        )
        for index in range(count)
    )
    return EmotionLane(cells, HEIGHT, baseline.title if base_curve and baseline else None)


COLUMN = 180.0  # px: about the narrowest a stage column gets (its min-width), for placing words
WORD_ABOVE, WORD_BELOW, WORD_HEIGHT, FACE = -13, 21, 10, 9


def _placed(points: list[LanePoint]) -> tuple[LanePoint, ...]:
    """Each point's word above or below its face, whichever touches fewer other words and faces.

    Current points prefer above and baseline points below; the column is taken at its narrowest,
    so the words stay apart when it is wider.
    """
    faces = [(p.x / 100 * COLUMN - FACE, p.y - FACE, 2 * FACE, 2 * FACE) for p in points]
    words: list[tuple[float, float, float, float]] = []
    placed = []
    for point in points:
        width = len(point.word) * 6.0
        left = point.x / 100 * COLUMN - width / 2
        sides = [False, True] if point.kind != "baseline" else [True, False]
        boxes = {
            below: (
                left,
                point.y + (WORD_BELOW if below else WORD_ABOVE) - WORD_HEIGHT,
                width,
                WORD_HEIGHT,
            )
            for below in sides
        }
        below = min(
            sides,
            # A word over another word is worse than a word over a face.
            key=lambda side: (
                2 * sum(_touch(boxes[side], b) for b in words)
                + sum(_touch(boxes[side], b) for b in faces)
            ),
        )
        words.append(boxes[below])
        placed.append(dataclasses.replace(point, word_below=below))
    return tuple(placed)


def _touch(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _beside(count: int) -> float:
    """Where a baseline point goes in a column of `count` points: midway between two of them."""
    if count < 3 or count % 2 == 0:
        return 50.0
    return round((count // 2 + 1) / count * 100, 2)


def _clip(curve: list[tuple[float, float]], index: int, dashed: bool) -> tuple[LaneSegment, ...]:
    """The part of the polyline `curve` that lies in stage column `index`, in that column's units."""
    found = []
    for (ax, ay), (bx, by) in itertools.pairwise(curve):
        start, end = max(ax, index), min(bx, index + 1)
        if start >= end:
            continue

        def at(x: float, ax: float = ax, ay: float = ay, bx: float = bx, by: float = by) -> float:
            return round(ay + (by - ay) * (x - ax) / (bx - ax), 1)

        found.append(
            LaneSegment(
                round((start - index) * 100, 2),
                at(start),
                round((end - index) * 100, 2),
                at(end),
                dashed,
            )
        )
    return tuple(found)


def _label(stage: str, points: list[LanePoint]) -> str:
    if not points:
        return gettext("%(stage)s: no emotion recorded") % {"stage": stage}
    return gettext("Emotion in %(points)s") % {"points": "; ".join(p.title for p in points)}
