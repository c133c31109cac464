"""Every chart drawn once more, at build time, as plain SVG shapes from its own ECharts options.

The drawing is what a reader sees without JavaScript: with scripts off, in print, inside
Backstage TechDocs (which runs no page scripts) and before ECharts has loaded. Where scripts run,
ECharts replaces it. It is written from the same options ECharts gets, so the two cannot drift
apart in data, only in finish. Measured on the demo's charts: under 1 ms a chart in Python, against
about 7 ms a chart for ECharts' own server-side SVG in an embedded JavaScript engine (bench/README.md),
which would add over a minute to a 10 000-journey portal with one chart per journey.

Shapes are data (`Shape`); the template `_svg.html` writes them, escaping every text once. The same
options always give the same shapes, so the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from journeysite.views.charts import Chart

WIDTH = 720
FONT = 12
CHAR = 6.6  # average advance of a character at FONT, for laying out
WIDEST = 7.4  # a generous advance, for cutting labels so that neighbours never touch
PALETTE = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4"]


@dataclass(frozen=True)
class Shape:
    """One SVG element: its tag, its attributes in a fixed order, and its text (escaped on output)."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    text: str = ""


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    shapes: tuple[Shape, ...]


def draw(chart: Chart) -> Drawing:
    """The chart's build-time drawing; chart types without a drawing give an empty one."""
    options = chart.options
    series = options.get("series") or []
    kinds = {s.get("type") for s in series}
    width = int(chart.extra.get("drawing_width", WIDTH))
    canvas = _Canvas(width, chart.height, options.get("color") or PALETTE)
    if "graph" in kinds:
        _graph(canvas, series[0])
    elif "heatmap" in kinds:
        _heatmap(canvas, options, series[0])
    elif kinds & {"line", "bar", "scatter"}:
        _cartesian(canvas, options, series)
    return Drawing(canvas.width, canvas.height, tuple(canvas.shapes))


class _Canvas:
    def __init__(self, width: int, height: int, palette: list[str]) -> None:
        self.width, self.height, self.palette = width, height, palette
        self.shapes: list[Shape] = []

    def add(self, tag: str, text: str = "", **attrs: Any) -> None:
        pairs = tuple(
            (k.rstrip("_").replace("_", "-"), _fmt(v)) for k, v in attrs.items() if v is not None
        )
        self.shapes.append(Shape(tag, pairs, text))

    def text(
        self,
        x: float,
        y: float,
        text: str,
        anchor: str = "start",
        cls: str = "jm-svg__text",
        **attrs: Any,
    ) -> None:
        self.add(
            "text",
            text,
            x=x,
            y=y,
            text_anchor=anchor,
            class_=cls,
            font_size=FONT,
            fill="#555",
            **attrs,
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, cls: str = "jm-svg__axis", **attrs: Any
    ) -> None:
        self.add(
            "line",
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            class_=cls,
            stroke=attrs.pop("stroke", "#999"),
            **attrs,
        )

    def symbol(self, kind: str, x: float, y: float, size: float, colour: str) -> None:
        r = size / 2
        hollow = kind == "emptyCircle"
        paint = {"fill": "none" if hollow else colour, "stroke": colour, "class_": "jm-svg__mark"}
        if kind in ("rect", "roundRect"):
            self.add(
                "rect",
                x=x - r,
                y=y - r,
                width=size,
                height=size,
                rx=r / 3 if kind == "roundRect" else None,
                **paint,
            )
        elif kind in ("triangle", "diamond", "arrow", "pin"):
            points = {
                "triangle": [(0, -r), (r, r), (-r, r)],
                "diamond": [(0, -r), (r, 0), (0, r), (-r, 0)],
                "arrow": [(0, -r), (r, r), (0, r / 2), (-r, r)],
                "pin": [(0, r), (r, -r / 3), (0, -r), (-r, -r / 3)],
            }[kind]
            self.add(
                "polygon",
                points=" ".join(f"{_fmt(x + dx)},{_fmt(y + dy)}" for dx, dy in points),
                **paint,
            )
        else:
            self.add("circle", cx=x, cy=y, r=r, **paint)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return str(value)


def fit(text: str, width: float) -> str:
    """`text` cut with an ellipsis to about `width` units; the full text is in the data table."""
    room = max(int(width / WIDEST), 1)
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


def _axes(options: dict[str, Any], key: str) -> list[dict[str, Any]]:
    axes = options.get(key) or [{}]
    return axes if isinstance(axes, list) else [axes]


def _value(item: Any) -> Any:
    return item.get("value") if isinstance(item, dict) else item


class _Axis:
    """One axis mapped onto [start, end] of the drawing: categories to bands, values linearly."""

    def __init__(self, axis: dict[str, Any], values: list[float], start: float, end: float) -> None:
        self.categories: list[str] = [
            str(c.get("value", c) if isinstance(c, dict) else c) for c in axis.get("data") or []
        ]
        self.is_category = axis.get("type") == "category" or (
            axis.get("type") != "value" and bool(self.categories)
        )
        if axis.get("inverse"):
            start, end = end, start
        self.start, self.end = start, end
        low = axis.get("min")
        high = axis.get("max")
        if not self.is_category:
            low = min([0.0, *values]) if low is None else float(low)
            high = _nice(max([*values, low + 1])) if high is None else float(high)
        self.low, self.high = low, high
        self.name = axis.get("name") or ""

    def band(self) -> float:
        return abs(self.end - self.start) / max(len(self.categories), 1)

    def at(self, value: Any) -> float | None:
        if self.is_category:
            index = (
                value
                if isinstance(value, int)
                else (self.categories.index(str(value)) if str(value) in self.categories else None)
            )
            if index is None:
                return None
            step = (self.end - self.start) / max(len(self.categories), 1)
            return self.start + step * (index + 0.5)
        if value is None:
            return None
        span = (self.high - self.low) or 1
        return self.start + (self.end - self.start) * (float(value) - self.low) / span

    def ticks(self) -> list[float]:
        step = _nice((self.high - self.low) / 5)
        first = math.ceil(self.low / step) * step
        return [
            round(first + i * step, 6) for i in range(int((self.high - first) / step + 1e-9) + 1)
        ]


def _nice(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def _cartesian(canvas: _Canvas, options: dict[str, Any], series: list[dict[str, Any]]) -> None:
    xaxis, yaxes = _axes(options, "xAxis")[0], _axes(options, "yAxis")
    legend = [s.get("name", "") for s in series if s.get("data") and s.get("name")]
    show_legend = len(legend) > 1 and (options.get("legend") or [{}])[0].get("show") is not False
    top = 44 if show_legend else 20
    y_labels = yaxes[0].get("data") or []
    left = 16 + min(max((len(str(_value(c))) for c in y_labels), default=4), 32) * CHAR
    right = 24 + (64 if len(yaxes) > 1 else 0)
    bottom = canvas.height - 36
    x_values = [v for s in series for v in _numbers(s, 0)]
    y_values = {
        i: [v for s in series if s.get("yAxisIndex", 0) == i for v in _numbers(s, 1)]
        for i in range(len(yaxes))
    }
    x = _Axis(xaxis, x_values, left, canvas.width - right)
    ys = [_Axis(axis, y_values[i], bottom, top) for i, axis in enumerate(yaxes)]
    _frame(
        canvas, x, ys[0], ys[1] if len(ys) > 1 else None, top, bottom, left, canvas.width - right
    )
    bars = [s for s in series if s.get("type") == "bar"]
    slots = list(dict.fromkeys(s.get("stack") or f"#{i}" for i, s in enumerate(bars)))
    stacked: dict[tuple[str, int], float] = {}
    for index, s in enumerate(series):
        colour = (s.get("itemStyle") or {}).get("color") or canvas.palette[
            index % len(canvas.palette)
        ]
        y = ys[s.get("yAxisIndex", 0)] if s.get("yAxisIndex", 0) < len(ys) else ys[0]
        if s.get("type") == "bar":
            _bars(
                canvas,
                s,
                x,
                y,
                colour,
                slots.index(s.get("stack") or f"#{bars.index(s)}"),
                len(slots),
                stacked,
            )
        else:
            _points(canvas, s, x, y, colour)
        for mark in (s.get("markLine") or {}).get("data") or []:
            if "xAxis" in mark and (px := x.at(mark["xAxis"])) is not None:
                canvas.line(px, top, px, bottom, stroke_dasharray="5 4")
            if "yAxis" in mark and (py := y.at(mark["yAxis"])) is not None:
                canvas.line(left, py, canvas.width - right, py, stroke_dasharray="5 4")
    if show_legend:
        _legend(
            canvas,
            [
                (
                    s.get("name", ""),
                    (s.get("itemStyle") or {}).get("color")
                    or canvas.palette[i % len(canvas.palette)],
                    s,
                )
                for i, s in enumerate(series)
                if s.get("data")
            ],
        )


def _numbers(s: dict[str, Any], dimension: int) -> list[float]:
    found = []
    for item in s.get("data") or []:
        value = _value(item)
        if isinstance(value, list) and len(value) > dimension:
            value = value[dimension]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            found.append(float(value))
    return found


def _frame(
    canvas: _Canvas,
    x: _Axis,
    y: _Axis,
    y2: _Axis | None,
    top: float,
    bottom: float,
    left: float,
    right: float,
) -> None:
    canvas.line(left, bottom, right, bottom)
    canvas.line(left, top, left, bottom)
    for axis, horizontal in ((x, True), (y, False)):
        if axis.is_category:
            room = axis.band() if horizontal else left - 12
            every = (
                max(1, math.ceil(len(axis.categories) * 5 * CHAR / max(right - left, 1)))
                if horizontal and room < 5 * CHAR
                else 1
            )
            for i, label in enumerate(axis.categories):
                if i % every:
                    continue
                pos = axis.at(i)
                if horizontal:
                    canvas.text(pos, bottom + 16, fit(label, room * every - 10), "middle")
                else:
                    canvas.text(left - 6, pos + 4, fit(label, room), "end")
        else:
            for tick in axis.ticks():
                pos = axis.at(tick)
                if horizontal:
                    canvas.line(pos, top, pos, bottom, cls="jm-svg__grid", stroke="#ddd")
                    canvas.text(pos, bottom + 16, _fmt(float(tick)), "middle")
                else:
                    canvas.line(left, pos, right, pos, cls="jm-svg__grid", stroke="#ddd")
                    canvas.text(left - 6, pos + 4, _fmt(float(tick)), "end")
        if axis.name and not axis.is_category:
            if horizontal:
                canvas.text(right, bottom + 30, axis.name, "end")
            else:
                canvas.text(left, top - 6, axis.name, "start")
    if y2 is not None and not y2.is_category:
        for tick in y2.ticks():
            canvas.text(right + 6, y2.at(tick) + 4, _fmt(float(tick)))
        if y2.name:
            canvas.text(right, top - 6, y2.name, "end")


def _position(item: Any, index: int, x: _Axis, y: _Axis) -> tuple[float | None, float | None]:
    value = _value(item)
    if isinstance(value, list) and len(value) >= 2:
        return x.at(value[0]), y.at(value[1])
    if value is None:
        return None, None
    if x.is_category and not y.is_category:
        return x.at(index), y.at(value)
    if y.is_category and not x.is_category:
        return x.at(value), y.at(index)
    return x.at(index), y.at(value)


def _label(s: dict[str, Any], item: Any) -> str | None:
    own = (item.get("label") or {}) if isinstance(item, dict) else {}
    shown = own.get("show", (s.get("label") or {}).get("show"))
    if not shown:
        return None
    formatter = own.get("formatter") or (s.get("label") or {}).get("formatter")
    if formatter == "{b}" and isinstance(item, dict):
        return str(item.get("name", ""))
    if formatter and "{" not in formatter:
        return str(formatter)
    value = _value(item)
    return _fmt(float(value)) if isinstance(value, (int, float)) else None


def _points(canvas: _Canvas, s: dict[str, Any], x: _Axis, y: _Axis, colour: str) -> None:
    data = s.get("data") or []
    points = [
        (p, item) for i, item in enumerate(data) if None not in (p := _position(item, i, x, y))
    ]
    style = s.get("lineStyle") or {}
    if s.get("type") == "line" and len(points) > 1 and style.get("width") != 0:
        dash = {"dashed": "8 5", "dotted": "2 4"}.get(style.get("type") or "")
        canvas.add(
            "polyline",
            points=" ".join(f"{_fmt(px)},{_fmt(py)}" for (px, py), _ in points),
            fill="none",
            stroke=colour,
            stroke_width=style.get("width") or 2,
            stroke_dasharray=dash,
            class_="jm-svg__line",
        )
    size = s.get("symbolSize") if isinstance(s.get("symbolSize"), (int, float)) else 10
    for (px, py), item in points:
        kind = (
            (item.get("symbol") if isinstance(item, dict) else None) or s.get("symbol") or "circle"
        )
        canvas.symbol(kind, px, py, size, colour)
        if (text := _label(s, item)) is not None:
            canvas.text(px + size, py + 4, fit(text, 90) if s.get("type") == "scatter" else text)


def _bars(
    canvas: _Canvas,
    s: dict[str, Any],
    x: _Axis,
    y: _Axis,
    colour: str,
    slot: int,
    slots: int,
    stacked: dict[tuple[str, int], float],
) -> None:
    horizontal = y.is_category
    band = (y if horizontal else x).band()
    thick = band * 0.7 / slots
    value_axis = x if horizontal else y
    zero = value_axis.at(max(value_axis.low, 0.0))
    for i, item in enumerate(s.get("data") or []):
        value = _value(item)
        if not isinstance(value, (int, float)):
            continue
        key = (s.get("stack") or "", i)
        base = stacked.get(key, 0.0)
        stacked[key] = base + float(value)
        start, end = value_axis.at(base) if base else zero, value_axis.at(base + float(value))
        centre = (y if horizontal else x).at(i) - band * 0.35 + thick * (slot + 0.5)
        if horizontal:
            canvas.add(
                "rect",
                x=min(start, end),
                y=centre - thick / 2,
                width=abs(end - start),
                height=thick,
                fill=colour,
                class_="jm-svg__bar",
            )
        else:
            canvas.add(
                "rect",
                x=centre - thick / 2,
                y=min(start, end),
                width=thick,
                height=abs(end - start),
                fill=colour,
                class_="jm-svg__bar",
            )
        if (text := _label(s, item)) is not None:
            if horizontal:
                canvas.text(max(start, end) + 4, centre + 4, text)
            else:
                canvas.text(centre, min(start, end) - 4, text, "middle")


def _legend(canvas: _Canvas, entries: list[tuple[str, str, dict[str, Any]]]) -> None:
    x = 16.0
    row = 14.0
    for name, colour, s in entries:
        label = fit(name, 260)
        width = 34 + len(label) * CHAR + 16
        if x + width > canvas.width and x > 16:
            x, row = 16.0, row + 18
        dash = {"dashed": "8 5", "dotted": "2 4"}.get((s.get("lineStyle") or {}).get("type") or "")
        if s.get("type") == "line":
            canvas.add(
                "line",
                x1=x,
                y1=row,
                x2=x + 26,
                y2=row,
                stroke=colour,
                stroke_width=3,
                stroke_dasharray=dash,
                class_="jm-svg__line",
            )
        canvas.symbol(
            s.get("symbol") or "circle" if s.get("type") != "bar" else "rect",
            x + 13,
            row,
            10,
            colour,
        )
        canvas.text(x + 32, row + 4, label)
        x += width
    canvas.height = max(canvas.height, int(row) + 20)


def _heatmap(canvas: _Canvas, options: dict[str, Any], s: dict[str, Any]) -> None:
    xaxis, yaxis = _axes(options, "xAxis")[0], _axes(options, "yAxis")[0]
    columns = [str(c) for c in xaxis.get("data") or []]
    rows = [str(r) for r in yaxis.get("data") or []]
    scale = options.get("visualMap") or {}
    scale = scale[0] if isinstance(scale, list) else scale
    low, high = float(scale.get("min", 0)), float(scale.get("max", 1)) or 1.0
    colours = (scale.get("inRange") or {}).get("color") or ["#fff8e1", "#b71c1c"]
    left = 16 + min(max((len(r) for r in rows), default=4), 26) * CHAR
    top = 110
    cell_w = (canvas.width - left - 16) / max(len(columns), 1)
    cell_h = 24.0
    canvas.height = int(top + cell_h * len(rows) + 16)
    for i, name in enumerate(columns):
        cx = left + cell_w * (i + 0.5)
        canvas.text(
            cx,
            top - 8,
            fit(name, 130),
            "start",
            transform=f"rotate(-30 {_fmt(cx)} {_fmt(top - 8)})",
        )
    for j, name in enumerate(rows):
        canvas.text(left - 6, top + cell_h * (j + 0.5) + 4, fit(name, left - 16), "end")
    for item in s.get("data") or []:
        value = _value(item)
        if not isinstance(value, list) or len(value) < 3:
            continue
        i, j, v = value[0], value[1], value[2]
        i = i if isinstance(i, int) else columns.index(str(i))
        j = j if isinstance(j, int) else rows.index(str(j))
        share = 0.0 if v is None else min(max((float(v) - low) / (high - low), 0.0), 1.0)
        fill = _blend(colours, share)
        canvas.add(
            "rect",
            x=left + cell_w * i,
            y=top + cell_h * j,
            width=cell_w - 1,
            height=cell_h - 1,
            fill=fill,
            class_="jm-svg__cell",
        )
        if v is not None:
            canvas.add(
                "text",
                _fmt(float(v)),
                x=left + cell_w * (i + 0.5),
                y=top + cell_h * (j + 0.5) + 4,
                text_anchor="middle",
                font_size=FONT,
                fill="#000" if share < 0.5 else "#fff",
            )


def _blend(colours: list[str], share: float) -> str:
    if len(colours) == 1:
        return colours[0]
    pos = share * (len(colours) - 1)
    i = min(int(pos), len(colours) - 2)
    t = pos - i
    a, b = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in (colours[i], colours[i + 1]))
    return "#" + "".join(f"{round(p + (q - p) * t):02x}" for p, q in zip(a, b, strict=True))


def _graph(canvas: _Canvas, s: dict[str, Any]) -> None:
    nodes = s.get("data") or []
    categories = s.get("categories") or []
    if not nodes:
        return
    xs = [float(n.get("x", 0)) for n in nodes]
    ys = [float(n.get("y", 0)) for n in nodes]
    pad_x, pad_y = 170.0, 40.0
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    scale = min((canvas.width - 2 * pad_x) / span_x, (canvas.height - 2 * pad_y) / span_y)
    ox = canvas.width / 2 - (min(xs) + max(xs)) / 2 * scale
    oy = canvas.height / 2 - (min(ys) + max(ys)) / 2 * scale
    places = [(ox + x * scale, oy + y * scale) for x, y in zip(xs, ys, strict=True)]
    names = [str(n.get("name", "")) for n in nodes]
    for link in s.get("links") or []:
        ends = [link.get(k) for k in ("source", "target")]
        ends = [
            e if isinstance(e, int) else names.index(str(e)) if str(e) in names else None
            for e in ends
        ]
        if None in ends:
            continue
        (x1, y1), (x2, y2) = places[ends[0]], places[ends[1]]
        style = link.get("lineStyle") or {}
        length = math.hypot(x2 - x1, y2 - y1) or 1
        inset = float(nodes[ends[1]].get("symbolSize") or 10) / 2 + 3
        tx, ty = x2 - (x2 - x1) / length * inset, y2 - (y2 - y1) / length * inset
        colour = style.get("color") or "#999"
        canvas.line(
            x1,
            y1,
            tx,
            ty,
            cls="jm-svg__edge",
            stroke=colour,
            stroke_width=style.get("width") or 1,
            stroke_dasharray={"dashed": "8 5", "dotted": "2 4"}.get(style.get("type") or ""),
        )
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        head = [
            (tx, ty),
            (tx - ux * 8 - uy * 4, ty - uy * 8 + ux * 4),
            (tx - ux * 8 + uy * 4, ty - uy * 8 - ux * 4),
        ]
        canvas.add(
            "polygon",
            points=" ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in head),
            fill=colour,
            class_="jm-svg__edge",
        )
    for node, (x, y), name in zip(nodes, places, names, strict=True):
        category = (
            categories[node["category"]]
            if isinstance(node.get("category"), int) and node["category"] < len(categories)
            else {}
        )
        colour = (category.get("itemStyle") or {}).get("color") or canvas.palette[0]
        size = float(node.get("symbolSize") or s.get("symbolSize") or 10)
        canvas.symbol(category.get("symbol") or "circle", x, y, size, colour)
        where = ((node.get("label") or {}).get("position")) or "right"
        if where == "left":
            canvas.text(x - size / 2 - 4, y + 4, fit(name, pad_x - 24), "end")
        elif where == "top":
            canvas.text(x, y - size / 2 - 4, fit(name, 160), "middle")
        else:
            canvas.text(x + size / 2 + 4, y + 4, fit(name, pad_x - 24))
