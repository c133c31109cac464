"""The channel view: the touchpoints of today's maps per channel, with their average emotion."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Bar, Line

from journeysite.content.portal import Portal, TouchpointRef
from journeysite.format.i18n import gettext
from journeysite.format.vocabulary import CHANNEL_LABELS, EMOTION_MAX, EMOTION_MIN
from journeysite.views.charts import Chart, Table, base_options, plain_options
from journeysite.views.common import Emotion, Link, UrlFor, link_definition
from journeysite.views.markup import inline
from journeysite.views.portfolio import (
    NO_CHANNEL,
    Listed,
    channel_label,
    channel_order,
    future_journeys,
    listed,
    severity_weight,
    todays_journeys,
)
from journeysite.views.uris import CSV_URI, MATRIX_URI


@dataclass(frozen=True)
class ChannelTouchpoint:
    name: Markup
    url: str
    journey: Link
    stage: str
    emotion: Emotion
    pain_points: int


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    anchor: str
    touchpoints: Listed[ChannelTouchpoint]
    """Every touchpoint in the channel, or those with the most pain points when there are more."""
    journeys: int
    emotion: Emotion
    rated: int
    pain_points: int
    pain_score: int


@dataclass(frozen=True)
class ChannelsPage:
    rows: list[ChannelRow]
    total: int
    chart: Chart | None
    futures: list[Link]
    matrix: str
    csv: str


def channels_page(portal: Portal, url_for: UrlFor, limit: int) -> ChannelsPage:
    today = {j.id for j in todays_journeys(portal)}
    refs = sorted(
        (r for r in portal.touchpoints if r.journey.id in today),
        key=lambda r: (r.journey.title, r.journey.id, r.stage_index),
    )
    groups: dict[str, list[TouchpointRef]] = {}
    for ref in refs:
        groups.setdefault(channel_label(ref.touchpoint), []).append(ref)
    rows = [
        _row(label, groups[label], url_for, limit) for label in channel_order() if label in groups
    ]
    return ChannelsPage(
        rows=rows,
        total=len(refs),
        chart=_chart(rows),
        futures=[link_definition(f, url_for) for f in future_journeys(portal)],
        matrix=url_for(MATRIX_URI),
        csv=url_for(CSV_URI),
    )


def _row(label: str, refs: list[TouchpointRef], url_for: UrlFor, limit: int) -> ChannelRow:
    emotions = [r.touchpoint.emotion for r in refs if r.touchpoint.emotion is not None]
    notes = [n for r in refs for n in r.touchpoint.pain_points]
    return ChannelRow(
        channel=label,
        anchor="channel-" + ("none" if label == gettext(NO_CHANNEL) else _channel_key(label)),
        touchpoints=listed(refs, limit, lambda r: -len(r.touchpoint.pain_points)).map(
            lambda r: ChannelTouchpoint(
                name=inline(r.touchpoint.name),
                url=f"{url_for(r.journey.file.src_uri)}#{r.anchor}",
                journey=link_definition(r.journey, url_for),
                stage=r.stage_name,
                emotion=Emotion(r.touchpoint.emotion),
                pain_points=len(r.touchpoint.pain_points),
            )
        ),
        journeys=len({r.journey.id for r in refs}),
        emotion=Emotion(round(sum(emotions) / len(emotions), 1) if emotions else None),
        rated=len(emotions),
        pain_points=len(notes),
        pain_score=sum(severity_weight(n) for n in notes),
    )


def _channel_key(label: str) -> str:
    return next(key for key, value in CHANNEL_LABELS.items() if value == label)


def _chart(rows: list[ChannelRow]) -> Chart | None:
    """Touchpoints per channel as bars; average emotion as a line on the 1–5 scale at the right."""
    if not rows:
        return None
    labels = [r.channel for r in rows]
    bar = Bar(init_opts=opts.InitOpts(chart_id="chart-portfolio-channels"))
    bar.add_xaxis(labels)
    bar.add_yaxis(
        gettext("Touchpoints"),
        [r.touchpoints.total for r in rows],
        label_opts=opts.LabelOpts(is_show=True, position="top"),
    )
    bar.extend_axis(
        yaxis=opts.AxisOpts(
            type_="value",
            name=gettext("Average emotion"),
            min_=EMOTION_MIN,
            max_=EMOTION_MAX,
            interval=1,
        )
    )
    line = Line()
    line.add_xaxis(labels)
    line.add_yaxis(
        gettext("Average emotion"),
        [r.emotion.value for r in rows],
        yaxis_index=1,
        symbol="diamond",
        symbol_size=12,
        label_opts=opts.LabelOpts(is_show=True, position="right"),
        linestyle_opts=opts.LineStyleOpts(width=0),
    )
    bar.overlap(line)
    bar.set_global_opts(
        legend_opts=opts.LegendOpts(pos_top=0),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        xaxis_opts=opts.AxisOpts(
            axislabel_opts=opts.LabelOpts(interval=0, rotate=30 if len(rows) > 6 else 0)
        ),
        yaxis_opts=opts.AxisOpts(type_="value", name=gettext("Touchpoints"), min_interval=1),
    )
    options = plain_options(bar)
    options.update(base_options())
    options["grid"] = {"left": 8, "right": 16, "top": 56, "bottom": 8, "containLabel": True}
    emotion = options["series"][1]
    emotion["z"] = 3  # the emotion marks stay in front of the bars
    emotion["data"] = [  # labelled with the word as well as the number
        {"value": r.emotion.value, "label": {"formatter": f"{r.emotion.number} · {r.emotion.word}"}}
        if r.emotion.value is not None
        else None
        for r in rows
    ]
    busiest = max(rows, key=lambda r: r.touchpoints.total)
    rated = [r for r in rows if r.emotion.value is not None]
    lowest = min(rated, key=lambda r: r.emotion.value or 0) if rated else None
    description = gettext(
        "Touchpoints per channel across today's maps (%(total)s in %(channels)s channels), with "
        "the average emotion of the rated ones on a scale from 1 (very negative) to 5 (very "
        "positive). Most touchpoints: %(busiest)s (%(count)s)."
    ) % {
        "total": sum(r.touchpoints.total for r in rows),
        "channels": len(rows),
        "busiest": busiest.channel,
        "count": busiest.touchpoints.total,
    }
    if lowest:
        description += " " + gettext("Lowest average emotion: %(channel)s (%(n)s, %(word)s).") % {
            "channel": lowest.channel,
            "n": lowest.emotion.number,
            "word": lowest.emotion.word,
        }
    table = Table(
        caption=gettext("Touchpoints and average emotion per channel"),
        headers=[
            gettext("Channel"),
            gettext("Touchpoints"),
            gettext("Average emotion"),
            gettext("Rated touchpoints"),
        ],
        rows=[
            [
                r.channel,
                r.touchpoints.total,
                f"{r.emotion.number} · {r.emotion.word}" if r.emotion.value is not None else "—",
                r.rated,
            ]
            for r in rows
        ],
    )
    return Chart(
        "chart-portfolio-channels",
        gettext("Touchpoints and average emotion per channel"),
        description,
        options,
        table,
    )
