"""The KPI board: every KPI of every journey and touchpoint, against its target."""

from __future__ import annotations

from dataclasses import dataclass

from pyecharts import options as opts
from pyecharts.charts import Bar

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import N_, format_number, gettext, ngettext
from journeysite.format.models import Kpi
from journeysite.format.vocabulary import MAP_TYPE_LABELS
from journeysite.views.charts import Chart, Table, base_options, plain_options
from journeysite.views.common import BETTER_LABELS, Link, UrlFor, link_definition
from journeysite.views.portfolio import (
    CHART_BARS,
    Listed,
    first_by,
    listed,
    sorted_journeys,
)
from journeysite.views.uris import PORTAL_JSON_URI

ON_TARGET = N_("On target")
OFF_TARGET = N_("Off target")
WHOLE_JOURNEY = N_("Whole journey")


def progress(kpi: Kpi) -> float | None:
    """The value as a percentage of the target, direction-aware: 100 % or more is on target.

    Higher is better: value ÷ target. Lower is better: target ÷ value. Undefined (None) without
    both numbers, or where the ratio would mislead: a target of zero or less when higher is better,
    a value of zero or less (or a negative target) when lower is better.
    """
    if kpi.value is None or kpi.target is None:
        return None
    if kpi.better == "higher":
        return kpi.value / kpi.target * 100 if kpi.target > 0 else None
    return kpi.target / kpi.value * 100 if kpi.value > 0 and kpi.target >= 0 else None


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f} %"


@dataclass(frozen=True)
class BoardRow:
    name: str
    label: str
    journey: Link
    map_label: str
    scope: Link
    value: str
    target: str
    unit: str
    better: str
    on_target: bool | None
    progress: float | None

    @property
    def progress_text(self) -> str:
        return percent(self.progress)

    @property
    def better_label(self) -> str:
        return BETTER_LABELS.get(self.better, self.better)


@dataclass(frozen=True)
class KpiBoard:
    rows: Listed[BoardRow]
    """Every KPI, or those furthest from target when there are more than the table lists."""
    on_target: int
    off_target: int
    unknown: int
    chart: Chart | None
    portal_json: str


def kpi_board(portal: Portal, url_for: UrlFor, limit: int) -> KpiBoard:
    rows: list[BoardRow] = []
    labels: set[str] = set()
    for journey in sorted_journeys(portal):
        for kpi, scope in _kpis(journey, url_for):
            where = journey.title if scope.text == gettext(WHOLE_JOURNEY) else scope.text
            label = _unique(f"{kpi.name} · {where}", labels)
            rows.append(
                BoardRow(
                    name=kpi.name,
                    label=label,
                    journey=link_definition(journey, url_for),
                    map_label=MAP_TYPE_LABELS[journey_model(journey).map],
                    scope=scope,
                    value=format_number(kpi.value),
                    target=format_number(kpi.target),
                    unit=kpi.unit or "",
                    better=kpi.better,
                    on_target=kpi.on_target,
                    progress=progress(kpi),
                )
            )
    return KpiBoard(
        rows=listed(rows, limit, _distance),
        on_target=sum(r.on_target is True for r in rows),
        off_target=sum(r.on_target is False for r in rows),
        unknown=sum(r.on_target is None for r in rows),
        chart=_chart(rows),
        portal_json=url_for(PORTAL_JSON_URI),
    )


def _distance(row: BoardRow) -> tuple[bool, float]:
    """Furthest from target first; KPIs without a value or target after every measured one."""
    return (row.progress is None, row.progress or 0.0)


def _kpis(journey: Definition, url_for: UrlFor) -> list[tuple[Kpi, Link]]:
    url = url_for(journey.file.src_uri)
    model = journey_model(journey)
    found = [(k, Link(gettext(WHOLE_JOURNEY), f"{url}#jm-kpis")) for k in model.kpis]
    for _, tp in model.touchpoints():
        found += [(k, Link(tp.name, f"{url}#tp-{tp.key}")) for k in tp.kpis]
    return found


def _unique(label: str, seen: set[str]) -> str:
    candidate, n = label, 1
    while candidate in seen:
        n += 1
        candidate = f"{label} #{n}"
    seen.add(candidate)
    return candidate


def _chart(rows: list[BoardRow]) -> Chart | None:
    """Horizontal bars of progress towards target; on- and off-target bars are separate series,
    so the legend, the decal pattern and a ✓/✗ label tell them apart, not colour alone."""
    comparable = [r for r in rows if r.progress is not None]
    if not comparable:
        return None
    shown = first_by(comparable, CHART_BARS, lambda r: r.progress)  # furthest from target
    bar = Bar(init_opts=opts.InitOpts(chart_id="chart-portfolio-kpis"))
    bar.add_xaxis([r.label for r in shown])
    for name, wanted in ((gettext(ON_TARGET), True), (gettext(OFF_TARGET), False)):
        bar.add_yaxis(
            name,
            [_bar_item(r) if bool(r.on_target) is wanted else None for r in shown],
            stack="progress",
            label_opts=opts.LabelOpts(is_show=True, position="right"),
            color="#2e7d32" if wanted else "#c62828",
        )
    bar.reversal_axis()
    bar.set_global_opts(
        legend_opts=opts.LegendOpts(pos_top=0),
        tooltip_opts=opts.TooltipOpts(trigger="item"),
        yaxis_opts=opts.AxisOpts(
            type_="category",
            is_inverse=True,
            axislabel_opts=opts.LabelOpts(interval=0),
        ),
        xaxis_opts=opts.AxisOpts(type_="value", name="% of target"),
    )
    options = plain_options(bar)
    options.update(base_options())
    options["yAxis"][0]["axisLabel"].update({"width": 260, "overflow": "truncate"})
    options["series"][0]["markLine"] = {
        "silent": True,
        "symbol": "none",
        "label": {"formatter": gettext("Target (100 %)")},
        "lineStyle": {"type": "dashed"},
        "data": [{"xAxis": 100}],
    }
    options["grid"] = {"left": 8, "right": 64, "top": 40, "bottom": 8, "containLabel": True}
    left_out = len(rows) - len(comparable)
    on = sum(r.on_target is True for r in shown)
    which = (
        gettext(
            "the %(n)s KPIs furthest from their targets, of %(of)s comparable ones "
            "(the table below lists more, and every KPI is on its journey's page),"
        )
        % {"n": len(shown), "of": len(comparable)}
        if len(shown) < len(comparable)
        else ngettext("%(num)s KPI", "%(num)s KPIs", len(shown)) % {"num": len(shown)}
    )
    description = gettext(
        "Progress towards target of %(which)s as a percentage of their target, "
        "direction-aware (for lower-is-better KPIs, target ÷ value), so 100 %% or more is on "
        "target whichever way is better: %(on)s on target (✓), %(off)s off target (✗)."
    ) % {"which": which, "on": on, "off": len(shown) - on}
    if left_out:
        description += " " + ngettext(
            "%(num)s KPI without a value and target, or with figures a percentage cannot "
            "compare, is left out of the chart.",
            "%(num)s KPIs without a value and target, or with figures a percentage cannot "
            "compare, are left out of the chart.",
            left_out,
        ) % {"num": left_out}
    table = Table(
        caption=gettext("Progress towards target"),
        headers=[
            gettext("KPI"),
            gettext("Value"),
            gettext("Target"),
            gettext("Better when"),
            gettext("%% of target") % {},
            gettext("Status"),
        ],
        rows=[
            [
                r.label,
                f"{r.value} {r.unit}".strip(),
                f"{r.target} {r.unit}".strip(),
                r.better,
                r.progress_text,
                f"✓ {gettext(ON_TARGET)}" if r.on_target else f"✗ {gettext(OFF_TARGET)}",
            ]
            for r in shown
        ],
    )
    return Chart(
        "chart-portfolio-kpis",
        gettext("Progress towards target"),
        description,
        options,
        table,
        height=90 + 26 * len(shown),
    )


def _bar_item(row: BoardRow) -> dict[str, object]:
    mark = "✓" if row.on_target else "✗"
    return {
        "value": round(row.progress or 0, 1),
        "label": {"formatter": f"{mark} {row.progress_text}"},
    }
