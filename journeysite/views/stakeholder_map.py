"""The stakeholder map page: a power/interest grid, a relationship network and a table of everyone.

Both charts are deterministic: positions are computed here (no random force layout), and
stakeholders that share a grid cell are spread on a small circle around the cell's centre.
Every kind has its own symbol as well as its own colour, so colour is never the only signal.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Graph, Scatter

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model, stakeholder_model
from journeysite.format.i18n import gettext
from journeysite.format.models import Stakeholder
from journeysite.format.vocabulary import (
    QUADRANT_HIGH_FROM,
    QUADRANTS,
    RELATIONSHIP_LABELS,
    SCALE_MAX,
    SCALE_MIN,
    STAKEHOLDER_KIND_LABELS,
    quadrant,
)
from journeysite.views.charts import Chart, Table, base_options, plain_options
from journeysite.views.common import Link, UrlFor, link_definition
from journeysite.views.markup import inline
from journeysite.views.ownership import involved_stakeholders
from journeysite.views.uris import owner_page_uri

KIND_STYLES: dict[str, tuple[str, str]] = {
    "team": ("#0072b2", "circle"),
    "department": ("#e69f00", "rect"),
    "partner": ("#009e73", "triangle"),
    "supplier": ("#cc79a7", "diamond"),
    "competitor": ("#d55e00", "pin"),
    "customer": ("#56b4e9", "roundRect"),
    "regulator": ("#6a3d9a", "arrow"),
    "other": ("#8c8c8c", "emptyCircle"),
}
"""(colour, ECharts symbol) per stakeholder kind; colours from the Okabe–Ito palette."""

RELATIONSHIP_STYLES: dict[str, tuple[str, str]] = {
    "influences": ("#0072b2", "solid"),
    "depends-on": ("#e69f00", "dashed"),
    "collaborates": ("#009e73", "solid"),
    "conflicts": ("#d55e00", "dotted"),
    "supplies": ("#cc79a7", "dashed"),
    "reports-to": ("#6a3d9a", "solid"),
}
"""(colour, line type) per relationship kind; every edge also carries its kind as a label."""

CHART_MIN_WIDTH = 640
"""Narrowest drawing of both charts (the page scrolls sideways below it). The grid's cells are
then (640 − 68) / 5 ≈ 114 px wide: a symbol 0.1 cell from the left edge, the label gap and a
LABEL_WIDTH label end at ≈ 107 px, so no name reaches into the next cell."""
LABEL_WIDTH = 84
"""Pixels a stakeholder's name may take on the grid: it wraps to three lines inside its own cell."""
LABEL_LINE_HEIGHT = 13
LABEL_LINES = 3
ROW_GAP = 2
GRID_MARGINS = {"left": 56, "right": 12, "top": 56, "bottom": 56}
NETWORK_LABEL_WIDTH = 130
NETWORK_MARGINS = {"left": 150, "right": 150, "top": 64, "bottom": 40}
"""Room beside the outer ring for names of up to NETWORK_LABEL_WIDTH pixels."""
SYMBOL_DX = -0.4
"""Symbols sit in the left part of their cell so that their names fit to the right of them."""
_Y_LOW, _Y_HIGH = SCALE_MIN - 0.75, SCALE_MAX + 0.75
"""A quarter of a cell more than the scale at the top and bottom: room for the quadrant names."""
_BOUNDARY = QUADRANT_HIGH_FROM - 0.5
_X_LOW, _X_HIGH = SCALE_MIN - 0.5, SCALE_MAX + 0.5
_QUADRANT_AREAS = {
    # (high influence, high interest): (x from, x to, y from, y to, label corner, tint)
    (True, True): (_BOUNDARY, _X_HIGH, _BOUNDARY, _Y_HIGH, "insideTopRight", "#0072b2"),
    (True, False): (_X_LOW, _BOUNDARY, _BOUNDARY, _Y_HIGH, "insideTopLeft", "#e69f00"),
    (False, True): (_BOUNDARY, _X_HIGH, _Y_LOW, _BOUNDARY, "insideBottomRight", "#009e73"),
    (False, False): (_X_LOW, _BOUNDARY, _Y_LOW, _BOUNDARY, "insideBottomLeft", "#8c8c8c"),
}


@dataclass(frozen=True)
class StakeholderRow:
    link: Link
    kind: str
    influence: int | None
    interest: int | None
    approach: str
    ownership: Link | None
    owns: int
    supports: int
    journeys: int
    outgoing: int
    incoming: int


@dataclass(frozen=True)
class StakeholderMap:
    total: int
    grid: Chart | None
    network: Chart | None
    relationship_legend: list[tuple[str, str, str]]
    rows: list[StakeholderRow]
    unplaced: list[Link]


def _ordered(portal: Portal) -> list[Definition]:
    return sorted(portal.stakeholders.values(), key=lambda d: (d.title.casefold(), d.id))


def stakeholder_map(portal: Portal, url_for: UrlFor) -> StakeholderMap:
    stakeholders = _ordered(portal)
    return StakeholderMap(
        total=len(stakeholders),
        grid=power_interest_grid(stakeholders),
        network=relationship_network(stakeholders),
        relationship_legend=[
            (RELATIONSHIP_LABELS[kind], colour, line)
            for kind, (colour, line) in RELATIONSHIP_STYLES.items()
        ],
        rows=_rows(stakeholders, portal, url_for),
        unplaced=[
            link_definition(d, url_for)
            for d in stakeholders
            if _scores(stakeholder_model(d)) is None
        ],
    )


def _rows(stakeholders: list[Definition], portal: Portal, url_for: UrlFor) -> list[StakeholderRow]:
    owns: dict[str, int] = defaultdict(int)
    supports: dict[str, int] = defaultdict(int)
    for ref in portal.touchpoints:
        if ref.touchpoint.owner:
            owns[ref.touchpoint.owner] += 1
        for supporter in ref.touchpoint.supporting:
            supports[supporter] += 1
    journeys: dict[str, int] = defaultdict(int)
    for journey in portal.journeys.values():
        if (owner := journey_model(journey).owner) is not None:
            journeys[owner] += 1
    incoming: dict[str, int] = defaultdict(int)
    for definition in stakeholders:
        for relationship in stakeholder_model(definition).relationships:
            incoming[relationship.with_] += 1
    involved = set(involved_stakeholders(portal))
    rows = []
    for definition in stakeholders:
        model = stakeholder_model(definition)
        ident = definition.id
        rows.append(
            StakeholderRow(
                link=link_definition(definition, url_for),
                kind=STAKEHOLDER_KIND_LABELS[model.kind],
                influence=model.influence,
                interest=model.interest,
                approach=gettext(quadrant(model.influence, model.interest)),
                ownership=Link("Ownership", url_for(owner_page_uri(ident)))
                if ident in involved
                else None,
                owns=owns[ident],
                supports=supports[ident],
                journeys=journeys[ident],
                outgoing=len(model.relationships),
                incoming=incoming[ident],
            )
        )
    return rows


def _scores(model: Stakeholder) -> tuple[int, int] | None:
    if model.influence is None or model.interest is None:
        return None
    return model.influence, model.interest


def cell_height(crowd: int) -> int:
    """Pixels per grid cell so that `crowd` wrapped names stacked in one cell never touch."""
    label = LABEL_LINE_HEIGHT * LABEL_LINES
    return max(84, label + (label + ROW_GAP) * (crowd - 1))


def stack(count: int, cell_px: int) -> list[tuple[float, float]]:
    """Offsets from a cell's centre (in grid units) for `count` stakeholders sharing the cell.

    One column, first on top, a full label height apart, so shared cells stay readable.
    """
    step = (LABEL_LINE_HEIGHT * LABEL_LINES + ROW_GAP) / cell_px
    return [(SYMBOL_DX, round(((count - 1) / 2 - i) * step, 3) + 0.0) for i in range(count)]


def power_interest_grid(stakeholders: list[Definition]) -> Chart | None:
    """Mendelow's grid: interest across, influence (power) up, one series (symbol, colour) per kind.

    Scores are whole numbers, so each stakeholder sits in a cell; those sharing a cell are
    stacked in it (see `stack`) and the chart grows taller with the most crowded cell.
    """
    placed = [(d, scores) for d in stakeholders if (scores := _scores(stakeholder_model(d)))]
    if not placed:
        return None
    cells: dict[tuple[int, int], list[Definition]] = defaultdict(list)
    for definition, scores in placed:
        cells[scores].append(definition)
    cell_px = cell_height(max(len(members) for members in cells.values()))
    position: dict[str, tuple[float, float]] = {}
    for (influence, interest), members in cells.items():
        for member, (dx, dy) in zip(members, stack(len(members), cell_px), strict=True):
            position[member.id] = (round(interest + dx, 3), round(influence + dy, 3))

    kinds = [k for k in KIND_STYLES if any(stakeholder_model(d).kind == k for d, _ in placed)]
    scatter = Scatter(init_opts=opts.InitOpts(chart_id="chart-stakeholders-grid"))
    scatter.add_xaxis([])  # points carry both coordinates
    for kind in kinds:
        colour, symbol = KIND_STYLES[kind]
        data = [
            {
                "name": definition.title,
                "value": list(position[definition.id]),
                # A template of vocabulary only: ECharts escapes the name it puts in for {b}.
                "tooltip": {
                    "formatter": "{b}<br/>"
                    + gettext(
                        "%(kind)s · influence %(influence)s of %(max)s, "
                        "interest %(interest)s of %(max)s"
                    )
                    % {
                        "kind": STAKEHOLDER_KIND_LABELS[kind],
                        "influence": influence,
                        "interest": interest,
                        "max": SCALE_MAX,
                    }
                    + f"<br/>{gettext(quadrant(influence, interest))}"
                },
            }
            for definition, (influence, interest) in placed
            if stakeholder_model(definition).kind == kind
        ]
        scatter.add_yaxis(
            STAKEHOLDER_KIND_LABELS[kind], data, symbol=symbol, symbol_size=14, color=colour
        )
    options = _without_nulls(plain_options(scatter))
    options.update(base_options())
    options["legend"] = [{"data": [STAKEHOLDER_KIND_LABELS[k] for k in kinds], "top": 0}]
    options["tooltip"] = {"trigger": "item"}
    options["grid"] = {**GRID_MARGINS, "containLabel": False}
    ticks = list(range(SCALE_MIN, SCALE_MAX + 1))
    interest_axis, influence_axis = gettext("Interest →"), gettext("Influence (power) →")
    options["xAxis"] = [_scale_axis(interest_axis, _X_LOW, _X_HIGH, ticks, name_gap=30)]
    options["yAxis"] = [_scale_axis(influence_axis, _Y_LOW, _Y_HIGH, ticks, name_gap=36)]
    label = {
        "show": True,
        "position": "right",
        "formatter": "{b}",
        "fontSize": 11,
        "lineHeight": LABEL_LINE_HEIGHT,
        "width": LABEL_WIDTH,
        "height": LABEL_LINE_HEIGHT * LABEL_LINES,
        "overflow": "break",
        "lineOverflow": "truncate",
    }
    for series in options["series"]:
        series["label"] = label
        series["emphasis"] = {"focus": "self", "label": {"fontWeight": "bold"}}
    options["series"].append(_quadrants_series())

    rows = [
        [
            d.title,
            STAKEHOLDER_KIND_LABELS[stakeholder_model(d).kind],
            str(influence),
            str(interest),
            gettext(quadrant(influence, interest)),
        ]
        for d, (influence, interest) in placed
    ]
    by_quadrant: dict[str, list[str]] = defaultdict(list)
    for d, (influence, interest) in placed:
        by_quadrant[quadrant(influence, interest)].append(d.title)
    summary = "; ".join(
        f"{gettext(name)}: {', '.join(by_quadrant[name])}"
        for name in QUADRANTS.values()
        if by_quadrant.get(name)
    )
    description = (
        gettext(
            "%(n)s stakeholders by interest (across, %(min)s to %(max)s) and influence (up, "
            "%(min)s to %(max)s); %(high)s and above counts as high. Symbol and colour show the "
            "kind; stakeholders with the same scores share a cell."
        )
        % {"n": len(placed), "min": SCALE_MIN, "max": SCALE_MAX, "high": QUADRANT_HIGH_FROM}
        + f" {summary}."
    )
    table = Table(
        caption=gettext("Stakeholders on the power/interest grid"),
        headers=[
            gettext("Stakeholder"),
            gettext("Kind"),
            gettext("Influence"),
            gettext("Interest"),
            gettext("Approach"),
        ],
        rows=rows,
    )
    plot_px = round(cell_px * (_Y_HIGH - _Y_LOW))
    return Chart(
        "chart-stakeholders-grid",
        gettext("Power/interest grid"),
        description,
        options,
        table,
        height=plot_px + GRID_MARGINS["top"] + GRID_MARGINS["bottom"],
        extra={"min_width": CHART_MIN_WIDTH},
    )


def _quadrants_series() -> dict[str, Any]:
    """Tinted quadrants named in their outer corners, and the dashed lines between them."""
    return {
        "type": "scatter",
        "name": "Quadrants",
        "data": [],
        "silent": True,
        "markArea": {
            "silent": True,
            "data": [
                [
                    {
                        "name": QUADRANTS[key],
                        "xAxis": x0,
                        "yAxis": y0,
                        "itemStyle": {"color": tint, "opacity": 0.08},
                        "label": {
                            "position": corner,
                            "fontSize": 12,
                            "fontWeight": "bold",
                            "color": "#777",
                        },
                    },
                    {"xAxis": x1, "yAxis": y1},
                ]
                for key, (x0, x1, y0, y1, corner, tint) in _QUADRANT_AREAS.items()
            ],
        },
        "markLine": {
            "silent": True,
            "symbol": "none",
            "label": {"show": False},
            "lineStyle": {"type": "dashed", "color": "#999", "width": 1},
            "data": [{"xAxis": _BOUNDARY}, {"yAxis": _BOUNDARY}],
        },
    }


def _scale_axis(
    name: str, low: float, high: float, ticks: list[int], name_gap: int
) -> dict[str, Any]:
    """A value axis over the 1–5 scale whose labels and ticks sit on the whole numbers only."""
    return {
        "type": "value",
        "name": name,
        "nameLocation": "middle",
        "nameGap": name_gap,
        "min": low,
        "max": high,
        "axisLabel": {"customValues": ticks},
        "axisTick": {"customValues": ticks},
        "splitLine": {"show": False},
    }


def _network_positions(stakeholders: list[Definition]) -> dict[str, tuple[float, float]]:
    """Internal stakeholders (teams, departments) on an inner ring, everyone else outside.

    Grouped by kind around each ring, so the picture reads like concentric stakeholder circles.
    """
    internal = {"team", "department"}
    order = list(KIND_STYLES)

    def ring(
        members: list[Definition], radius: float, turn: float
    ) -> dict[str, tuple[float, float]]:
        members = sorted(members, key=lambda d: order.index(stakeholder_model(d).kind))
        count = len(members)
        return {
            d.id: (
                round(radius * math.cos(2 * math.pi * (i + turn) / count - math.pi / 2), 2),
                round(radius * math.sin(2 * math.pi * (i + turn) / count - math.pi / 2), 2),
            )
            for i, d in enumerate(members)
        }

    inner = [d for d in stakeholders if stakeholder_model(d).kind in internal]
    outer = [d for d in stakeholders if stakeholder_model(d).kind not in internal]
    if not inner or not outer:
        return ring(stakeholders, 300, 0)
    return {**ring(inner, 160, 0), **ring(outer, 340, 0.5)}


def _label_side(x: float, y: float, radius: float) -> str:
    """Names point sideways, away from the centre, so neighbours' names never meet below a node."""
    if x > 0.05 * radius:
        return "right"
    if x < -0.05 * radius:
        return "left"
    return "top" if y < 0 else "bottom"


def relationship_network(stakeholders: list[Definition]) -> Chart | None:
    """Stakeholders as nodes by kind, relationships as directed edges labelled with their kind."""
    if not stakeholders:
        return None
    index = {d.id: i for i, d in enumerate(stakeholders)}
    kinds = [k for k in KIND_STYLES if any(stakeholder_model(d).kind == k for d in stakeholders)]
    positions = _network_positions(stakeholders)
    radius = max(math.hypot(x, y) for x, y in positions.values()) or 1.0
    nodes = []
    for definition in stakeholders:
        model = stakeholder_model(definition)
        x, y = positions[definition.id]
        nodes.append(
            {
                "name": definition.title,
                "x": x,
                "y": y,
                "category": kinds.index(model.kind),
                "symbolSize": 12 + 4 * (model.influence or SCALE_MIN),
                "label": {"position": _label_side(x, y, radius)},
            }
        )
    links = []
    rows: list[list[object]] = []
    for definition in stakeholders:
        for relationship in stakeholder_model(definition).relationships:
            target = relationship.with_
            label = RELATIONSHIP_LABELS[relationship.kind]
            if target in index:
                colour, line = RELATIONSHIP_STYLES[relationship.kind]
                links.append(
                    {
                        "source": index[definition.id],
                        "target": index[target],
                        "lineStyle": {"color": colour, "type": line, "width": 1.5},
                        # Vocabulary only; names reach ECharts as data, never as templates.
                        "label": {"formatter": label},
                        "tooltip": {"formatter": f"{{b}}<br/>{label}"},
                    }
                )
            other = stakeholders[index[target]].title if target in index else target
            rows.append(
                [
                    definition.title,
                    label,
                    other,
                    inline(relationship.note) if relationship.note else Markup(""),
                ]
            )
    graph = Graph(init_opts=opts.InitOpts(chart_id="chart-stakeholders-network"))
    graph.add(
        gettext("Relationships"),
        nodes,
        links,
        categories=[
            {"name": STAKEHOLDER_KIND_LABELS[k], "symbol": KIND_STYLES[k][1]} for k in kinds
        ],
        layout="none",
        is_roam=False,
        is_draggable=False,
        is_layout_animation=False,
        edge_symbol=["none", "arrow"],
        edge_symbol_size=8,
    )
    options = _without_nulls(plain_options(graph))
    options.update(base_options())
    options["legend"] = [
        {
            "data": [
                {"name": STAKEHOLDER_KIND_LABELS[k], "icon": KIND_STYLES[k][1]} for k in kinds
            ],
            "top": 0,
        }
    ]
    options["tooltip"] = {"trigger": "item"}
    options["color"] = [KIND_STYLES[k][0] for k in kinds]
    series = options["series"][0]
    series.pop("force", None)
    series.update(
        {
            **NETWORK_MARGINS,
            "preserveAspect": True,  # circles stay circles, symbols keep their shapes
            "label": {
                "show": True,
                "formatter": "{b}",
                "fontSize": 11,
                "lineHeight": LABEL_LINE_HEIGHT,
                "width": NETWORK_LABEL_WIDTH,
                "overflow": "break",
            },
            "lineStyle": {"curveness": 0.12, "opacity": 0.9},
            # Always-on labels on every edge would cover the middle of the picture; the kind is
            # always shown by colour and dash pattern (legend above), and in words on focus.
            "edgeLabel": {"show": False, "fontSize": 11},
            "emphasis": {
                "focus": "adjacency",
                "lineStyle": {"width": 3},
                "edgeLabel": {"show": True, "fontWeight": "bold"},
            },
            "tooltip": {"formatter": "{b}"},
        }
    )
    for category, kind in zip(series["categories"], kinds, strict=True):
        category["itemStyle"] = {"color": KIND_STYLES[kind][0]}
    loops = "; ".join(
        ", ".join(d.title for d in group) for group in relationship_loops(stakeholders)
    )
    description = gettext(
        "%(stakeholders)s stakeholders and %(relationships)s relationships. Arrows point from the "
        "stakeholder that holds the relationship to the other; colour and dash pattern show its "
        "kind, named on the edge when a stakeholder is in focus. Internal teams and departments "
        "sit on the inner ring, everyone else outside."
    ) % {"stakeholders": len(stakeholders), "relationships": len(links)}
    if loops:
        description += " " + gettext(
            "Loops, where relationships lead back to where they started: %(loops)s."
        ) % {"loops": loops}
    table = Table(
        caption=gettext("Relationships between stakeholders"),
        headers=[gettext("From"), gettext("Relationship"), gettext("To"), gettext("Note")],
        rows=rows,
    )
    return Chart(
        "chart-stakeholders-network",
        gettext("Relationship network"),
        description,
        options,
        table,
        height=500,
        extra={"min_width": CHART_MIN_WIDTH},
    )


def relationship_loops(stakeholders: list[Definition]) -> list[list[Definition]]:
    """Groups of stakeholders whose relationships lead from each back to the others (cycles).

    Strongly connected components with more than one member, found by reachability: fine for the
    tens to hundreds of stakeholders a portal has, and free of recursion limits.
    """
    known = {d.id: d for d in stakeholders}
    edges = {
        d.id: [r.with_ for r in stakeholder_model(d).relationships if r.with_ in known]
        for d in stakeholders
    }
    reach: dict[str, set[str]] = {}
    for start in edges:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges[node])
        reach[start] = seen
    loops: list[list[Definition]] = []
    placed: set[str] = set()
    for d in stakeholders:
        if d.id in placed or d.id not in reach[d.id]:
            continue
        members = [o for o in stakeholders if o.id in reach[d.id] and d.id in reach[o.id]]
        placed.update(o.id for o in members)
        loops.append(members)
    return loops


def _without_nulls(value: Any) -> Any:
    """pyecharts writes every unset option as null, and a null can override an ECharts default."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value
