"""The pain-point heatmap: stages (matched by name across journeys) × journeys, and × channels.

With a lifecycle framework the rows are its phases instead (stages grouped by their `phase`, in
lifecycle order, unplaced stages last), so journeys that name their stages differently line up.

A cell is the severity-weighted count of the pain points written on a stage or on its touchpoints
(weights in journeysite.views.portfolio). A stage a journey does not have is empty, not zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from functools import cached_property

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import HeatMap

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import gettext, ngettext
from journeysite.format.models import Stage
from journeysite.format.stages import normal_name
from journeysite.views.charts import Chart, Table, base_options, emotion_label, plain_options
from journeysite.views.common import Link, UrlFor, link_definition
from journeysite.views.management import NO_PHASE, phase_key, phases
from journeysite.views.markup import inline
from journeysite.views.portfolio import (
    STAGE_LEVEL,
    Listed,
    PainPointRef,
    channel_label,
    channel_order,
    first_by,
    future_journeys,
    listed,
    pain_points_of,
    todays_journeys,
    weights,
    weights_text,
)
from journeysite.views.uris import PORTAL_JSON_URI


@dataclass(frozen=True)
class Cell:
    score: int
    count: int
    url: str | None = None

    @property
    def text(self) -> str:
        return f"{self.score} ({self.count})" if self.count else "0"


@dataclass(frozen=True)
class Row:
    name: str
    cells: list[Cell | None]
    """One per column; None where the column has no such stage."""

    @property
    def score(self) -> int:
        return sum(c.score for c in self.cells if c)

    @property
    def count(self) -> int:
        return sum(c.count for c in self.cells if c)


@dataclass(frozen=True)
class Matrix:
    caption: str
    columns: list[Link]
    rows: list[Row]
    chart: Chart | None
    of: int = 0
    """How many columns there are in all, when only some are shown (HEAT_JOURNEYS)."""
    row_label: str = "Stage"
    """What a row is: a stage, or a lifecycle phase when the portal has a framework."""

    @cached_property
    def top(self) -> int:
        return max((c.score for r in self.rows for c in r.cells if c), default=0)

    def level(self, cell: Cell) -> int:
        """0–4 for shading the table like the chart; the number in the cell is what counts."""
        return 0 if not cell.score or not self.top else -(-4 * cell.score // self.top)

    @property
    def totals(self) -> list[Cell]:
        return [
            Cell(
                sum(r.cells[i].score for r in self.rows if r.cells[i]),
                sum(r.cells[i].count for r in self.rows if r.cells[i]),
            )
            for i in range(len(self.columns))
        ]


@dataclass(frozen=True)
class PainRow:
    stage: str
    journey: Link
    where: Link
    on_touchpoint: bool
    channel: str
    severity: str | None
    weight: int
    text: Markup


@dataclass(frozen=True)
class LowPoint:
    journey: Link
    value: int
    label: str
    places: list[Link]


@dataclass(frozen=True)
class PainPointsPage:
    weights: list[tuple[str, int]]
    total: int
    total_score: int
    by_journey: Matrix
    by_channel: Matrix
    pain_points: Listed[PainRow]
    """Every open pain point, or the heaviest when there are more than the table lists."""
    lowest: Listed[LowPoint]
    futures: list[Link]
    portal_json: str
    by_phase: bool = False
    """Rows are the framework's phases rather than stage names."""


class _Rows:
    """Stage rows keyed by normalised name, in first-seen order, shown in their first spelling;
    with a framework, phase rows keyed by phase id (`` for no phase), in lifecycle order."""

    def __init__(self, portal: Portal) -> None:
        self.names: dict[str, str] = {}
        self.phases = dict(phases(portal))
        self.label = "Phase" if self.phases else "Stage"

    def key(self, stage: Stage) -> str:
        if not self.phases:
            key = normal_name(stage.name)
            self.names.setdefault(key, " ".join(stage.name.split()))
            return key
        key = phase_key(stage, self.phases)
        self.names.setdefault(key, self.phases[key] if key else gettext(NO_PHASE))
        return key

    def of(self, ref: PainPointRef) -> str:
        return self.key(journey_model(ref.journey).stages[ref.stage_index])

    def in_order(self) -> None:
        """Phases in lifecycle order, stages without one last; stage names stay as first seen."""
        if self.phases:
            order = [*self.phases, ""]
            self.names = {k: self.names[k] for k in order if k in self.names}


def pain_points_page(portal: Portal, url_for: UrlFor, limit: int) -> PainPointsPage:
    journeys = todays_journeys(portal)
    rows = _Rows(portal)
    for journey in journeys:
        for stage in journey_model(journey).stages:
            rows.key(stage)
    rows.in_order()
    position = {key: i for i, key in enumerate(rows.names)}
    refs = [ref for journey in journeys for ref in pain_points_of(journey)]
    refs.sort(key=lambda r: position[rows.of(r)])
    return PainPointsPage(
        weights=weights(),
        total=len(refs),
        total_score=sum(r.weight for r in refs),
        by_journey=_by_journey(journeys, rows, url_for),
        by_channel=_by_channel(journeys, rows, refs),
        pain_points=listed(refs, limit, lambda r: -r.weight).map(
            lambda r: _pain_row(r, rows, url_for)
        ),
        lowest=listed(
            sorted(
                (low for j in journeys if (low := _lowest(j, url_for))), key=lambda low: low.value
            ),
            limit,
        ),
        futures=[link_definition(f, url_for) for f in future_journeys(portal)],
        portal_json=url_for(PORTAL_JSON_URI),
        by_phase=bool(rows.phases),
    )


HEAT_JOURNEYS = 40
"""The stage × journey heatmap shows at most this many journeys, those with the most pain
(severity-weighted) in the page's order: thousands of columns are no chart and no table a reader
can use. Every pain point is still on its journey's page, and the heaviest in the page's table."""


def _by_journey(journeys: list[Definition], rows: _Rows, url_for: UrlFor) -> Matrix:
    sums = _sums([r for j in journeys for r in pain_points_of(j)], rows, lambda r: r.journey.id)
    everyone = journeys
    pain: dict[str, int] = defaultdict(int)
    for (_, journey_id), (score, _) in sums.items():
        pain[journey_id] += score
    journeys = first_by(journeys, HEAT_JOURNEYS, lambda j: -pain[j.id])  # most pain
    cells: dict[tuple[str, int], Cell] = {}
    for column, journey in enumerate(journeys):
        url = url_for(journey.file.src_uri)
        for index, stage in enumerate(journey_model(journey).stages):
            key = rows.key(stage)
            if (key, column) not in cells:  # a name used twice in one map: the first one's anchor
                score, count = sums.get((key, journey.id), (0, 0))
                cells[key, column] = Cell(score, count, f"{url}#stage-{index + 1}")
    matrix_rows = [
        Row(rows.names[key], [cells.get((key, c)) for c in range(len(journeys))])
        for key in rows.names
        if any((key, c) in cells for c in range(len(journeys)))  # a stage of a journey shown
    ]
    matrix = _matrix(
        _by_rows_caption("journey", rows.label),
        "chart-portfolio-pain-journeys",
        [link_definition(j, url_for) for j in journeys],
        matrix_rows,
        "journey",
        rows.label,
    )
    return replace(matrix, of=len(everyone))


def _by_channel(journeys: list[Definition], rows: _Rows, refs: list[PainPointRef]) -> Matrix:
    present: set[tuple[str, str]] = set()
    for journey in journeys:
        for stage in journey_model(journey).stages:
            key = rows.key(stage)
            present.add((key, gettext(STAGE_LEVEL)))
            present.update((key, channel_label(tp)) for tp in stage.touchpoints)
    labels = [label for label in channel_order() if any(p[1] == label for p in present)]
    sums = _sums(refs, rows, lambda ref: ref.channel)
    matrix_rows = [
        Row(
            rows.names[key],
            [
                Cell(*sums.get((key, label), (0, 0))) if (key, label) in present else None
                for label in labels
            ],
        )
        for key in rows.names
    ]
    return _matrix(
        _by_rows_caption("channel", rows.label),
        "chart-portfolio-pain-channels",
        [Link(label, None) for label in labels],
        matrix_rows,
        "channel",
        rows.label,
    )


def _sums(
    refs: list[PainPointRef], rows: _Rows, column: Callable[[PainPointRef], Hashable]
) -> dict[tuple[str, Hashable], tuple[int, int]]:
    """Severity-weighted score and count per (row key: stage name or phase, column)."""
    sums: dict[tuple[str, Hashable], tuple[int, int]] = {}
    for ref in refs:
        key = (rows.of(ref), column(ref))
        score, count = sums.get(key, (0, 0))
        sums[key] = (score + ref.weight, count + 1)
    return sums


def _matrix(
    caption: str,
    chart_id: str,
    columns: list[Link],
    rows: list[Row],
    kind: str,
    row_label: str = "Stage",
) -> Matrix:
    chart = _heatmap_chart(chart_id, caption, columns, rows, kind, row_label)
    return Matrix(caption, columns, rows, chart, row_label=row_label)


def _by_rows_caption(kind: str, row_label: str) -> str:
    """The heatmap's caption: pain by stage (or phase, with a framework) and journey or channel."""
    if kind == "journey":
        if row_label == "Phase":
            return gettext("Severity-weighted pain points by phase and journey")
        return gettext("Severity-weighted pain points by stage and journey")
    if row_label == "Phase":
        return gettext("Severity-weighted pain points by phase and channel")
    return gettext("Severity-weighted pain points by stage and channel")


def _heatmap_chart(
    chart_id: str,
    caption: str,
    columns: list[Link],
    rows: list[Row],
    kind: str,
    row_label: str = "Stage",
) -> Chart | None:
    points = [
        (x, y, cell)
        for y, row in enumerate(rows)
        for x, cell in enumerate(row.cells)
        if cell is not None
    ]
    if not points:
        return None
    top = max(cell.score for _, _, cell in points)
    heat = HeatMap(init_opts=opts.InitOpts(chart_id=chart_id))
    heat.add_xaxis([c.text for c in columns])
    heat.add_yaxis(
        gettext("Severity-weighted pain points"),
        [r.name for r in rows],
        [[x, y, cell.score] for x, y, cell in points],
        label_opts=opts.LabelOpts(is_show=True),
    )
    heat.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        visualmap_opts=opts.VisualMapOpts(
            min_=0,
            max_=max(top, 1),
            orient="horizontal",
            pos_left="center",
            pos_top=0,
            range_text=[gettext("More pain"), gettext("None")],
            range_color=["#fff8e1", "#ffb74d", "#e65100", "#b71c1c"],
        ),
    )
    options = plain_options(heat)
    options.update(base_options())
    options["aria"]["decal"] = {"show": False}  # one series: hatching would only hide the numbers
    options["xAxis"][0].update(
        {
            "position": "top",
            "axisLabel": {"interval": 0, "rotate": 30, "width": 150, "overflow": "truncate"},
        }
    )
    options["yAxis"][0].update(
        {"inverse": True, "axisLabel": {"width": 170, "overflow": "truncate"}}
    )
    options["grid"] = {"left": 8, "right": 16, "top": 150, "bottom": 8, "containLabel": True}
    options["tooltip"] = {"trigger": "item"}
    across = {
        "journey": ngettext("%(num)s journey", "%(num)s journeys", len(columns)),
        "channel": ngettext("%(num)s channel", "%(num)s channels", len(columns)),
    }[kind] % {"num": len(columns)}
    description = (
        (
            gettext(
                "Heatmap of %(pains)s pain points across %(phases)s phases and %(across)s: each "
                "cell is the severity-weighted count (%(weights)s); darker means more pain and "
                "every cell shows its number."
            )
            if row_label == "Phase"
            else gettext(
                "Heatmap of %(pains)s pain points across %(stages)s stages and %(across)s: each "
                "cell is the severity-weighted count (%(weights)s); darker means more pain and "
                "every cell shows its number."
            )
        )
        % {
            "pains": sum(c.count for _, _, c in points),
            "stages": len(rows),
            "phases": len(rows),
            "across": across,
            "weights": weights_text(),
        }
        + " "
        + _hottest(rows, columns)
    )
    table = Table(
        caption=caption,
        headers=[
            gettext("Phase") if row_label == "Phase" else gettext("Stage"),
            gettext("Journey") if kind == "journey" else gettext("Channel"),
            gettext("Severity-weighted score"),
            gettext("Pain points"),
        ],
        rows=[[rows[y].name, columns[x].text, cell.score, cell.count] for x, y, cell in points],
    )
    return Chart(chart_id, caption, description, options, table, height=180 + 30 * len(rows))


def _hottest(rows: list[Row], columns: list[Link]) -> str:
    best = max(
        (
            (cell.score, -y, -x)
            for y, row in enumerate(rows)
            for x, cell in enumerate(row.cells)
            if cell
        ),
        default=None,
    )
    if best is None or best[0] == 0:
        return gettext("No pain points recorded.")
    score, y, x = best[0], -best[1], -best[2]
    return gettext("Highest: %(stage)s in %(column)s (score %(score)s).") % {
        "stage": rows[y].name,
        "column": columns[x].text,
        "score": score,
    }


def _pain_row(ref: PainPointRef, rows: _Rows, url_for: UrlFor) -> PainRow:
    url = url_for(ref.journey.file.src_uri)
    tp = ref.touchpoint
    where = (
        inline(tp.name)
        if tp
        else gettext("Stage %(n)s: %(name)s") % {"n": ref.stage_index + 1, "name": ref.stage_name}
    )
    return PainRow(
        stage=rows.names[rows.of(ref)],
        journey=link_definition(ref.journey, url_for),
        where=Link(where, f"{url}#{ref.anchor}"),
        on_touchpoint=tp is not None,
        channel=ref.channel,
        severity=ref.note.severity,
        weight=ref.weight,
        text=inline(ref.note.text),
    )


def _lowest(journey: Definition, url_for: UrlFor) -> LowPoint | None:
    """The minimum written emotion in a journey, at every stage or touchpoint that has it."""
    url = url_for(journey.file.src_uri)
    places: list[tuple[int, Link]] = []
    for index, stage in enumerate(journey_model(journey).stages):
        if stage.emotion is not None:
            places.append((stage.emotion, Link(stage.name, f"{url}#stage-{index + 1}")))
        for tp in stage.touchpoints:
            if tp.emotion is not None:
                places.append((tp.emotion, Link(f"{stage.name} › {tp.name}", f"{url}#tp-{tp.key}")))
    if not places:
        return None
    low = min(value for value, _ in places)
    return LowPoint(
        journey=link_definition(journey, url_for),
        value=low,
        label=emotion_label(low) or "",
        places=[link for value, link in places if value == low],
    )
