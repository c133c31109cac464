"""Current vs future: what a future-state map changes compared with its current-state baseline.

Stages pair by the format's one rule (journeysite/format/stages.py, shared with the diff): by
name, trimmed and case-folded, else renamed in place; the others show as removed or new in place.
Touchpoints match by id (explicit, or the slug of the name); pain points by text, wherever they
sit in the map. This is the baseline comparison only; diffs between revisions are another tool.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, TouchpointRef, journey_model
from journeysite.format.i18n import gettext
from journeysite.format.models import Stage
from journeysite.format.stages import match_stages, normal_name
from journeysite.views.charts import (
    Chart,
    Curve,
    Table,
    average_emotion,
    emotion_curves,
)
from journeysite.views.common import Emotion, Link, UrlFor, link_definition
from journeysite.views.markup import inline
from journeysite.views.portfolio import PainPointRef, pain_points_of
from journeysite.views.stages import numbered, stage_mood


@dataclass(frozen=True)
class StageDelta:
    name: str
    baseline: float | None
    future: float | None
    in_baseline: bool
    in_future: bool
    baseline_anchor: str | None
    future_anchor: str | None
    renamed_from: str | None = None
    """The baseline's name of a stage the future map renamed (not for a change of case only)."""

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.future is None:
            return None
        return round(self.future - self.baseline, 1)

    @property
    def change(self) -> str:
        """The change in words, so neither colour nor a sign has to carry it."""
        if not self.in_baseline:
            return gettext("New stage")
        if not self.in_future:
            return gettext("Not in the future map")
        delta = self.delta
        if delta is None:
            return gettext("No emotion to compare")
        if delta == 0:
            return gettext("No change")
        amount = {"amount": f"{abs(delta):g}"}
        if delta > 0:
            return gettext("Better by %(amount)s") % amount
        return gettext("Worse by %(amount)s") % amount


@dataclass(frozen=True)
class Comparison:
    stages: list[StageDelta]
    added: list[TouchpointRef]
    removed: list[TouchpointRef]
    resolved: list[PainPointRef]
    new: list[PainPointRef]
    remaining: int


def compare(baseline: Definition, future: Definition) -> Comparison:
    """What `future` changes compared with `baseline`; both are journey definitions."""
    base_tps, future_tps = _touchpoints(baseline), _touchpoints(future)
    base_keys = {r.touchpoint.key for r in base_tps}
    future_keys = {r.touchpoint.key for r in future_tps}
    base_pains, future_pains = _by_text(baseline), _by_text(future)
    return Comparison(
        stages=_align(journey_model(baseline).stages, journey_model(future).stages),
        added=[r for r in future_tps if r.touchpoint.key not in base_keys],
        removed=[r for r in base_tps if r.touchpoint.key not in future_keys],
        resolved=[p for text, p in base_pains.items() if text not in future_pains],
        new=[p for text, p in future_pains.items() if text not in base_pains],
        remaining=sum(text in future_pains for text in base_pains),
    )


def _touchpoints(journey: Definition) -> list[TouchpointRef]:
    return [
        TouchpointRef(journey, index, stage.name, tp)
        for index, stage in enumerate(journey_model(journey).stages)
        for tp in stage.touchpoints
    ]


def _by_text(journey: Definition) -> dict[str, PainPointRef]:
    """Pain points by normalised text; a text written twice counts once, where first written."""
    found: dict[str, PainPointRef] = {}
    for ref in pain_points_of(journey):
        found.setdefault(normal_name(ref.note.text), ref)
    return found


def _align(base: list[Stage], future: list[Stage]) -> list[StageDelta]:
    """Both maps' stages in one order: paired stages side by side, the others where they were."""
    base_of = {
        f: b for b, f in match_stages([s.name for s in base], [s.name for s in future]).items()
    }
    paired = set(base_of.values())
    rows: list[StageDelta] = []
    shown = 0  # baseline stages before this index are in `rows` or paired

    def removed_before(end: int) -> None:
        nonlocal shown
        for b in range(shown, end):
            if b not in paired:
                rows.append(
                    StageDelta(
                        base[b].name, stage_mood(base[b]), None, True, False, f"stage-{b + 1}", None
                    )
                )
        shown = max(shown, end)

    for f, stage in enumerate(future):
        b = base_of.get(f)
        if b is None:
            removed_before(f + 1)  # a stage removed here is listed before the one added here
            rows.append(
                StageDelta(stage.name, None, stage_mood(stage), False, True, None, f"stage-{f + 1}")
            )
            continue
        removed_before(b)
        rows.append(
            StageDelta(
                stage.name,
                stage_mood(base[b]),
                stage_mood(stage),
                True,
                True,
                f"stage-{b + 1}",
                f"stage-{f + 1}",
                renamed_from=base[b].name
                if normal_name(base[b].name) != normal_name(stage.name)
                else None,
            )
        )
    removed_before(len(base))
    return rows


@dataclass(frozen=True)
class ChangedTouchpoint:
    name: Markup
    url: str
    stage: str


@dataclass(frozen=True)
class ChangedPainPoint:
    text: Markup
    severity: str | None
    where: str
    url: str


@dataclass(frozen=True)
class StageRow:
    name: str
    baseline: Emotion
    future: Emotion
    baseline_url: str | None
    future_url: str | None
    change: str
    delta: float | None
    renamed_from: str | None


@dataclass(frozen=True)
class BaselineView:
    id: str
    baseline: Link
    future: Link
    stages: list[StageRow]
    added: list[ChangedTouchpoint]
    removed: list[ChangedTouchpoint]
    resolved: list[ChangedPainPoint]
    new: list[ChangedPainPoint]
    remaining: int
    chart: Chart | None


def baseline_view(
    future: Definition, portal: Portal, url_for: UrlFor, with_chart: bool = True
) -> BaselineView | None:
    """The comparison as page data, or None when the map has no baseline or it does not exist."""
    model = journey_model(future)
    baseline = portal.journeys.get(model.baseline) if model.baseline else None
    if baseline is None or baseline.id == future.id or model.map != "future":
        return None
    diff = compare(baseline, future)
    base_url, future_url = url_for(baseline.file.src_uri), url_for(future.file.src_uri)
    return BaselineView(
        id=future.id,
        baseline=link_definition(baseline, url_for),
        future=link_definition(future, url_for),
        stages=[
            StageRow(
                name=s.name,
                baseline=Emotion(s.baseline),
                future=Emotion(s.future),
                baseline_url=f"{base_url}#{s.baseline_anchor}" if s.baseline_anchor else None,
                future_url=f"{future_url}#{s.future_anchor}" if s.future_anchor else None,
                change=s.change,
                delta=s.delta,
                renamed_from=s.renamed_from,
            )
            for s in diff.stages
        ],
        added=[_touchpoint(r, future_url) for r in diff.added],
        removed=[_touchpoint(r, base_url) for r in diff.removed],
        resolved=[_pain(p, base_url) for p in diff.resolved],
        new=[_pain(p, future_url) for p in diff.new],
        remaining=diff.remaining,
        chart=_chart(baseline, future, diff) if with_chart else None,
    )


def _touchpoint(ref: TouchpointRef, page_url: str) -> ChangedTouchpoint:
    return ChangedTouchpoint(
        inline(ref.touchpoint.name), f"{page_url}#{ref.anchor}", ref.stage_name
    )


def _pain(ref: PainPointRef, page_url: str) -> ChangedPainPoint:
    where = ref.stage_name + (f" › {ref.touchpoint.name}" if ref.touchpoint else "")
    return ChangedPainPoint(
        inline(ref.note.text), ref.note.severity, where, f"{page_url}#{ref.anchor}"
    )


def _chart(baseline: Definition, future: Definition, diff: Comparison) -> Chart | None:
    """Both emotion curves on the aligned stages; the future dashed and with its own symbol."""
    if all(s.baseline is None and s.future is None for s in diff.stages):
        return None
    categories = numbered([s.name for s in diff.stages])
    curves = [
        Curve(
            gettext("Current state: %(title)s") % {"title": baseline.title},
            [None if s.baseline is None else round(s.baseline) for s in diff.stages],
        ),
        Curve(
            gettext("Future state: %(title)s") % {"title": future.title},
            [None if s.future is None else round(s.future) for s in diff.stages],
            dashed=True,
        ),
    ]
    compared = [s for s in diff.stages if s.delta is not None]
    better = sum((s.delta or 0) > 0 for s in compared)
    worse = sum((s.delta or 0) < 0 for s in compared)
    description = gettext(
        "Emotion per stage, 1 (very negative) to 5 (very positive), in the current-state map "
        "“%(baseline)s” (solid line) and the future-state map “%(future)s” (dashed). Of %(n)s "
        "stages in both, %(better)s improve, %(worse)s get worse and %(same)s stay the same. A "
        "stage without its own emotion shows the mean of its touchpoints."
    ) % {
        "baseline": baseline.title,
        "future": future.title,
        "n": len(compared),
        "better": better,
        "worse": worse,
        "same": len(compared) - better - worse,
    }
    table = Table(
        caption=gettext("Emotion per stage: %(baseline)s and %(future)s")
        % {"baseline": baseline.title, "future": future.title},
        headers=[
            gettext("Stage"),
            gettext("Current state"),
            gettext("Future state"),
            gettext("Change"),
        ],
        rows=[
            [s.name, average_emotion(s.baseline), average_emotion(s.future), s.change]
            for s in diff.stages
        ],
    )
    return emotion_curves(
        f"chart-journey-{future.id}-baseline",
        gettext("Current vs future emotion"),
        description,
        categories,
        curves,
        table,
    )
