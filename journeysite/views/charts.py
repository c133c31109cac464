"""Chart options built with pyecharts as plain data, each with the table a reader can use instead.

pyecharts' own rendering is not used: it loads ECharts from a CDN, makes random ids and turns
marked strings into JavaScript. Only its option builders are, and the result is serialised once,
as JSON, by `journeysite.publish.render.chart_json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pyecharts import options as opts
from pyecharts.charts import Line
from pyecharts.options.series_options import BasicOpts

from journeysite.format.i18n import format_number, gettext
from journeysite.format.vocabulary import EMOTION_MAX, EMOTION_MIN, EMOTION_WORDS

SYMBOLS = ["circle", "triangle", "diamond", "rect", "roundRect", "pin", "arrow"]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Any]]


@dataclass(frozen=True)
class Chart:
    """An ECharts chart: a deterministic element id, its accessible name and description, data."""

    id: str
    title: str
    description: str
    options: dict[str, Any]
    table: Table
    height: int = 360
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Curve:
    name: str
    values: list[int | None]
    dashed: bool = False
    symbols: list[str] | None = None


def emotion_labels() -> list[str]:
    """The emotion scale's labels, `4 · positive`, in the active language (so built per call)."""
    return [f"{n} · {EMOTION_WORDS[n]}" for n in range(EMOTION_MIN, EMOTION_MAX + 1)]


def emotion_label(value: int | None) -> str | None:
    return None if value is None else f"{value} · {EMOTION_WORDS[value]}"


def average_emotion(value: float | None) -> str:
    """An average on the emotion scale in words: `4 · positive`, or `3,5 (≈ 4 · positive)`
    between two points of the scale; "—" for none."""
    if value is None:
        return "—"
    label = emotion_label(round(value)) or ""
    return label if float(value).is_integer() else f"{format_number(value, '0.0')} (≈ {label})"


def plain_options(chart: Any) -> dict[str, Any]:
    """pyecharts' option tree as JSON-ready data, with its option objects unwrapped."""
    return json.loads(json.dumps(chart.get_options(), default=_unwrap))


def _unwrap(value: Any) -> Any:
    if isinstance(value, BasicOpts):
        inner = value.opts
        return inner if isinstance(inner, (dict, list)) else dict(inner)
    raise TypeError(f"not serialisable in chart options: {type(value).__name__}")


def base_options() -> dict[str, Any]:
    """Settings every chart shares: screen-reader descriptions and decal patterns besides colour."""
    return {
        "aria": {"enabled": True, "decal": {"show": True}},
        "animation": False,
        "backgroundColor": "transparent",
        "toolbox": {"feature": {"saveAsImage": {"title": gettext("Save as image")}}},
    }


def emotion_curves(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    curves: list[Curve],
    table: Table,
) -> Chart:
    """Lines on an emotion scale whose axis reads as words as well as numbers."""
    line = Line(init_opts=opts.InitOpts(chart_id=chart_id))
    line.add_xaxis(categories)
    for curve in curves:
        line.add_yaxis(
            curve.name,
            [emotion_label(v) for v in curve.values],
            is_connect_nones=True,
            symbol_size=10,
            label_opts=opts.LabelOpts(is_show=False),
            linestyle_opts=opts.LineStyleOpts(width=3, type_="dashed" if curve.dashed else "solid"),
        )
    line.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=len(curves) > 1, pos_top=0),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        xaxis_opts=opts.AxisOpts(
            type_="category",
            boundary_gap=True,
            axislabel_opts=opts.LabelOpts(interval=0, rotate=30 if len(categories) > 6 else 0),
        ),
        yaxis_opts=opts.AxisOpts(type_="category", boundary_gap=False),
    )
    options = plain_options(line)
    options.update(base_options())
    options["yAxis"][0]["data"] = emotion_labels()
    options["grid"] = {"left": 8, "right": 24, "top": 48, "bottom": 8, "containLabel": True}
    for index, (series, curve) in enumerate(zip(options["series"], curves, strict=True)):
        default_symbol = SYMBOLS[index % len(SYMBOLS)]
        symbols = curve.symbols or [default_symbol] * len(categories)
        series["data"] = [
            {"value": [category, emotion_label(value)], "symbol": symbol}
            for category, value, symbol in zip(categories, curve.values, symbols, strict=True)
            if value is not None
        ]
        series["symbol"] = default_symbol
    return Chart(chart_id, title, description, options, table)
