"""The lifecycle page: every journey's stages placed on the framework's phases, so maps line up.

Per phase: which stages of which journey sit in it, the severity-weighted pain (the heatmap's
weights, views.portfolio) and the average emotion of its stages (views.stages.stage_mood), overall
and per persona. A phase no map of today (current state, day in the life, blueprint) covers is a
**blind spot**: future-state maps describe a target, so a phase only they reach is still one.
The framework's own page (framework_page) lists its phases and links here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Bar, HeatMap

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, framework_model, journey_model
from journeysite.format.i18n import N_, Labels, gettext, ngettext
from journeysite.format.vocabulary import EMOTION_MAX, EMOTION_MIN, EMOTION_WORDS, MAP_TYPE_LABELS
from journeysite.views.charts import (
    Chart,
    Curve,
    Table,
    average_emotion,
    base_options,
    emotion_curves,
    plain_options,
)
from journeysite.views.common import Emotion, Link, UrlFor, link_definition, link_to
from journeysite.views.management import NO_PHASE, phase_key, phases
from journeysite.views.markup import inline
from journeysite.views.portfolio import (
    Listed,
    first_by,
    is_future,
    listed,
    pain_points_of,
    sorted_journeys,
    weights_text,
)
from journeysite.views.stages import stage_mood
from journeysite.views.uris import LIFECYCLE_URI

PERSONA_ROWS = 40
"""The phase × persona heatmaps show at most this many personas, those with the most pain: like
the stage × journey heatmap (views.heatmap.HEAT_JOURNEYS), thousands of rows help no reader."""

MAP_TYPE_WORDS: Labels[str] = Labels(
    {
        "current": N_("current state"),
        "future": N_("future state"),
        "day-in-the-life": N_("day in the life"),
        "blueprint": N_("service blueprint"),
    }
)
"""A map type inside a sentence or after a journey's title, where the label's capital would be
wrong in English (`Onboarding (current state)`); languages that capitalise nouns keep theirs."""


def curve_label(journey: Definition) -> str:
    """A journey's line in a chart of several: its title and its map type."""
    model = journey_model(journey)
    return gettext("%(journey)s (%(map_type)s)") % {
        "journey": model.title,
        "map_type": MAP_TYPE_WORDS[model.map],
    }


@dataclass(frozen=True)
class PhaseSummary:
    id: str
    name: str
    anchor: str
    description: Markup | None
    journeys: int
    """Maps of today with a stage in this phase."""
    futures: list[Link]
    """Future-state maps with a stage in this phase."""
    stages: int
    pain_score: int
    pain_count: int
    emotion: Emotion

    @property
    def blind_spot(self) -> bool:
        return self.journeys == 0


@dataclass(frozen=True)
class CoverageRow:
    journey: Link
    map_label: str
    future: bool
    cells: list[list[Link]]
    """The journey's stages in each column (phase, then `No phase` when shown)."""


@dataclass(frozen=True)
class PersonaRow:
    persona: Link
    cells: list[tuple[int, int, Emotion]]
    """(pain score, pain points, average emotion) per phase."""


@dataclass(frozen=True)
class LifecyclePage:
    title: str
    framework: Link
    phases: list[PhaseSummary]
    blind_spots: list[PhaseSummary]
    columns: list[str]
    coverage: Listed[CoverageRow]
    unplaced: int
    """Stages of today's maps without a phase (or with one the framework lacks)."""
    personas: Listed[PersonaRow]
    pain_chart: Chart | None
    persona_pain_chart: Chart | None
    persona_emotion_chart: Chart | None
    weights: str


@dataclass
class _Tally:
    score: int = 0
    count: int = 0
    moods: list[float] | None = None

    def add_stage(self, score: int, count: int, mood: float | None) -> None:
        self.score, self.count = self.score + score, self.count + count
        if mood is not None:
            self.moods = [*(self.moods or []), mood]

    @property
    def emotion(self) -> Emotion:
        return Emotion(sum(self.moods) / len(self.moods) if self.moods else None)


def _stage_pain(journey: Definition) -> dict[int, tuple[int, int]]:
    pain: dict[int, tuple[int, int]] = {}
    for ref in pain_points_of(journey):
        score, count = pain.get(ref.stage_index, (0, 0))
        pain[ref.stage_index] = (score + ref.weight, count + 1)
    return pain


def lifecycle_page(portal: Portal, url_for: UrlFor, limit: int) -> LifecyclePage:
    framework = portal.framework
    assert framework is not None  # the page exists only with a framework (publish/pages.py)
    known = dict(phases(portal))
    overall: dict[str, _Tally] = defaultdict(_Tally)
    by_persona: dict[str, dict[str, _Tally]] = defaultdict(lambda: defaultdict(_Tally))
    reached: dict[str, set[str]] = defaultdict(set)
    futures: dict[str, list[Link]] = defaultdict(list)
    stage_counts: dict[str, int] = defaultdict(int)
    rows: list[CoverageRow] = []
    unplaced = 0
    for journey in sorted_journeys(portal):
        model = journey_model(journey)
        url = url_for(journey.file.src_uri)
        pain = _stage_pain(journey)
        cells: dict[str, list[Link]] = defaultdict(list)
        for index, stage in enumerate(model.stages):
            key = phase_key(stage, known)
            cells[key].append(Link(stage.name, f"{url}#stage-{index + 1}"))
            if is_future(journey):
                continue
            score, count = pain.get(index, (0, 0))
            overall[key].add_stage(score, count, stage_mood(stage))
            by_persona[model.persona][key].add_stage(score, count, stage_mood(stage))
            reached[key].add(journey.id)
            stage_counts[key] += 1
            unplaced += key == ""
        if is_future(journey):
            for key in cells:
                if key:
                    futures[key].append(link_definition(journey, url_for))
        rows.append(
            CoverageRow(
                journey=link_definition(journey, url_for),
                map_label=MAP_TYPE_LABELS[model.map],
                future=is_future(journey),
                cells=[cells.get(key, []) for key in [*known, ""]],
            )
        )
    summaries = [
        PhaseSummary(
            id=phase.id,
            name=phase.name,
            anchor=f"phase-{phase.id}",
            description=inline(phase.description) if phase.description else None,
            journeys=len(reached[phase.id]),
            futures=futures[phase.id],
            stages=stage_counts[phase.id],
            pain_score=overall[phase.id].score,
            pain_count=overall[phase.id].count,
            emotion=overall[phase.id].emotion,
        )
        for phase in framework_model(framework).phases
    ]
    with_unplaced = any(row.cells[-1] for row in rows)
    columns = [*known.values(), *([gettext(NO_PHASE)] if with_unplaced else [])]
    if not with_unplaced:
        rows = [CoverageRow(r.journey, r.map_label, r.future, r.cells[:-1]) for r in rows]
    persona_rows = _persona_rows(portal, by_persona, list(known), url_for)
    shown = first_by(persona_rows, PERSONA_ROWS, lambda r: -sum(c[0] for c in r.cells))
    return LifecyclePage(
        title=framework.title,
        framework=link_definition(framework, url_for),
        phases=summaries,
        blind_spots=[s for s in summaries if s.blind_spot],
        columns=columns,
        coverage=listed(rows, limit),
        unplaced=unplaced,
        personas=listed(persona_rows, limit, lambda r: -sum(c[0] for c in r.cells)),
        pain_chart=_pain_chart(summaries),
        persona_pain_chart=_persona_chart(shown, summaries, "pain"),
        persona_emotion_chart=_persona_chart(shown, summaries, "emotion"),
        weights=weights_text(),
    )


def _persona_rows(
    portal: Portal,
    tallies: dict[str, dict[str, _Tally]],
    keys: list[str],
    url_for: UrlFor,
) -> list[PersonaRow]:
    rows = []
    for persona_id in sorted(tallies, key=lambda i: (_persona_title(portal, i), i)):
        link = link_to(portal, "persona", persona_id, url_for) or Link(persona_id, None)
        tally = tallies[persona_id]
        rows.append(
            PersonaRow(link, [(tally[k].score, tally[k].count, tally[k].emotion) for k in keys])
        )
    return rows


def _persona_title(portal: Portal, ident: str) -> str:
    persona = portal.personas.get(ident)
    return persona.title if persona else ident


def _pain_chart(summaries: list[PhaseSummary]) -> Chart | None:
    if not summaries:
        return None
    names = [s.name for s in summaries]
    bar = Bar(init_opts=opts.InitOpts(chart_id="chart-lifecycle-pain"))
    bar.add_xaxis(names)
    bar.add_yaxis(
        gettext("Severity-weighted pain"),
        [s.pain_score for s in summaries],
        label_opts=opts.LabelOpts(is_show=True, position="top"),
    )
    bar.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        xaxis_opts=opts.AxisOpts(
            axislabel_opts=opts.LabelOpts(interval=0, rotate=30 if len(names) > 6 else 0)
        ),
        yaxis_opts=opts.AxisOpts(name=gettext("Score"), min_=0),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
    )
    options = plain_options(bar)
    options.update(base_options())
    options["grid"] = {"left": 8, "right": 16, "top": 40, "bottom": 8, "containLabel": True}
    worst = max(summaries, key=lambda s: s.pain_score)
    blind = [s.name for s in summaries if s.blind_spot]
    sentences = [
        ngettext(
            "Bar chart of the severity-weighted pain (%(weights)s) in the %(num)s lifecycle "
            "phase, across today's maps.",
            "Bar chart of the severity-weighted pain (%(weights)s) in each of %(num)s lifecycle "
            "phases, across today's maps.",
            len(summaries),
        )
        % {"weights": weights_text(), "num": len(summaries)},
        gettext("Most pain: %(phase)s (score %(score)s).")
        % {"phase": worst.name, "score": worst.pain_score}
        if worst.pain_score
        else gettext("No pain points recorded."),
    ]
    if blind:
        sentences.append(
            gettext("Blind spots, no map of today: %(phases)s.") % {"phases": ", ".join(blind)}
        )
    description = " ".join(sentences)
    table = Table(
        caption=gettext("Severity-weighted pain and average emotion by phase"),
        headers=[
            gettext("Phase"),
            gettext("Maps of today"),
            gettext("Stages"),
            gettext("Pain points"),
            gettext("Severity-weighted score"),
            gettext("Average emotion"),
        ],
        rows=[
            [
                s.name,
                s.journeys if not s.blind_spot else gettext("0 (blind spot)"),
                s.stages,
                s.pain_count,
                s.pain_score,
                _emotion_text(s.emotion),
            ]
            for s in summaries
        ],
    )
    return Chart("chart-lifecycle-pain", gettext("Pain by phase"), description, options, table)


def _emotion_text(emotion: Emotion) -> str:
    return f"{emotion.number} ({emotion.word})" if emotion.value is not None else "—"


def _persona_chart(
    rows: list[PersonaRow], summaries: list[PhaseSummary], kind: str
) -> Chart | None:
    """Personas × phases: severity-weighted pain, or average emotion; a phase a persona's maps do
    not reach is left empty, not zero."""
    points: list[tuple[int, int, float]] = []
    for y, row in enumerate(rows):
        for x, (score, count, emotion) in enumerate(row.cells):
            if kind == "pain" and (count or emotion.value is not None):
                points.append((x, y, score))
            elif kind == "emotion" and emotion.value is not None:
                points.append((x, y, round(emotion.value, 1)))
    if not points:
        return None
    chart_id = f"chart-lifecycle-persona-{kind}"
    heat = HeatMap(init_opts=opts.InitOpts(chart_id=chart_id))
    heat.add_xaxis([s.name for s in summaries])
    label = gettext("Severity-weighted pain") if kind == "pain" else gettext("Average emotion")
    heat.add_yaxis(
        label,
        [r.persona.text for r in rows],
        [[x, y, value] for x, y, value in points],
        label_opts=opts.LabelOpts(is_show=True),
    )
    if kind == "pain":
        visual = opts.VisualMapOpts(
            min_=0,
            max_=max(max(p[2] for p in points), 1),
            orient="horizontal",
            pos_left="center",
            pos_top=0,
            range_text=[gettext("More pain"), gettext("None")],
            range_color=["#fff8e1", "#ffb74d", "#e65100", "#b71c1c"],
        )
    else:
        visual = opts.VisualMapOpts(
            min_=1,
            max_=5,
            orient="horizontal",
            pos_left="center",
            pos_top=0,
            range_text=[
                f"{EMOTION_MAX} {EMOTION_WORDS[EMOTION_MAX]}",
                f"{EMOTION_MIN} {EMOTION_WORDS[EMOTION_MIN]}",
            ],
            range_color=["#c62828", "#fff59d", "#2e7d32"],
        )
    heat.set_global_opts(legend_opts=opts.LegendOpts(is_show=False), visualmap_opts=visual)
    options = plain_options(heat)
    options.update(base_options())
    options["aria"]["decal"] = {"show": False}  # one series: every cell shows its number
    options["xAxis"][0].update(
        {"position": "top", "axisLabel": {"interval": 0, "rotate": 30, "width": 150}}
    )
    options["yAxis"][0].update(
        {"inverse": True, "axisLabel": {"width": 170, "overflow": "truncate"}}
    )
    options["grid"] = {"left": 8, "right": 16, "top": 130, "bottom": 8, "containLabel": True}
    options["tooltip"] = {"trigger": "item"}
    if kind == "pain":
        title = gettext("Pain by phase and persona")
        description = ngettext(
            "Heatmap of the severity-weighted pain (%(weights)s) in today's maps, by lifecycle "
            "phase and persona (%(num)s persona); darker means more pain and every cell shows its "
            "number. Empty where a persona's maps do not reach the phase.",
            "Heatmap of the severity-weighted pain (%(weights)s) in today's maps, by lifecycle "
            "phase and persona (%(num)s personas); darker means more pain and every cell shows "
            "its number. Empty where a persona's maps do not reach the phase.",
            len(rows),
        ) % {"weights": weights_text(), "num": len(rows)}
        headers = [gettext("Persona"), gettext("Phase"), gettext("Severity-weighted score")]
    else:
        title = gettext("Average emotion by phase and persona")
        description = ngettext(
            "Heatmap of the average emotion, 1 (very negative) to 5 (very positive), of the "
            "stages in each lifecycle phase, by persona (%(num)s persona); red is negative, green "
            "positive, and every cell shows its number. Empty where no emotion is recorded.",
            "Heatmap of the average emotion, 1 (very negative) to 5 (very positive), of the "
            "stages in each lifecycle phase, by persona (%(num)s personas); red is negative, "
            "green positive, and every cell shows its number. Empty where no emotion is recorded.",
            len(rows),
        ) % {"num": len(rows)}
        headers = [gettext("Persona"), gettext("Phase"), gettext("Average emotion")]
    table = Table(
        caption=title,
        headers=headers,
        rows=[[rows[y].persona.text, summaries[x].name, value] for x, y, value in points],
    )
    return Chart(chart_id, title, description, options, table, height=170 + 30 * len(rows))


@dataclass(frozen=True)
class PhaseRow:
    name: str
    id: str
    description: Markup | None
    url: str


@dataclass(frozen=True)
class FrameworkPage:
    title: str
    phases: list[PhaseRow]
    lifecycle: str


def framework_page(definition: Definition, portal: Portal, url_for: UrlFor) -> FrameworkPage:
    """The framework file's own page: its phases in order, each linked to the lifecycle page."""
    lifecycle = url_for(LIFECYCLE_URI)
    return FrameworkPage(
        title=definition.title,
        phases=[
            PhaseRow(
                p.name,
                p.id,
                inline(p.description) if p.description else None,
                f"{lifecycle}#phase-{p.id}",
            )
            for p in framework_model(definition).phases
        ],
        lifecycle=lifecycle,
    )


def emotion_by_phase(
    portal: Portal, persona: Definition, journeys: list[Definition]
) -> Chart | None:
    """A persona's journeys lined up on the lifecycle: each journey's average emotion per phase,
    one line per journey (future maps dashed, so not only colour differs). None without a
    framework or without an emotion in any placed stage."""
    known = dict(phases(portal))
    if not known:
        return None
    curves: list[Curve] = []
    columns: list[dict[str, float]] = []
    for journey in journeys:
        model = journey_model(journey)
        moods: dict[str, list[float]] = defaultdict(list)
        for stage in model.stages:
            key, mood = phase_key(stage, known), stage_mood(stage)
            if key and mood is not None:
                moods[key].append(mood)
        if not moods:
            continue
        means = {k: sum(v) / len(v) for k, v in moods.items()}
        columns.append(means)
        label = curve_label(journey)
        values = [round(means[k]) if k in means else None for k in known]
        curves.append(Curve(label, values, dashed=is_future(journey)))
    if not curves:
        return None
    table = Table(
        caption=gettext("Average emotion by phase in the journeys of %(persona)s")
        % {"persona": persona.title},
        headers=[gettext("Phase"), *[c.name for c in curves]],
        rows=[
            [name, *[average_emotion(column.get(key)) for column in columns]]
            for key, name in known.items()
        ],
    )
    description = ngettext(
        "Average emotion of the stages in each lifecycle phase, 1 (very negative) to 5 (very "
        "positive), for %(num)s journey of %(persona)s, lined up on the framework's %(phases)s. "
        "Future-state maps are dashed; a gap is a phase the map does not reach.",
        "Average emotion of the stages in each lifecycle phase, 1 (very negative) to 5 (very "
        "positive), for %(num)s journeys of %(persona)s, lined up on the framework's %(phases)s. "
        "Future-state maps are dashed; a gap is a phase the map does not reach.",
        len(curves),
    ) % {
        "num": len(curves),
        "persona": persona.title,
        "phases": ngettext("%(num)s phase", "%(num)s phases", len(known)) % {"num": len(known)},
    }
    return emotion_curves(
        f"chart-persona-{persona.id}-phases",
        gettext("Emotion by phase"),
        description,
        list(known.values()),
        curves,
        table,
    )
