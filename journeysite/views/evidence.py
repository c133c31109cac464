"""Evidence behind the maps: solicited and unsolicited sources, and touchpoints that cite none."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Bar

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import gettext, ngettext
from journeysite.format.models import Journey
from journeysite.format.vocabulary import MAP_TYPE_LABELS, SOLICITED_SOURCES
from journeysite.views.charts import Chart, Table, base_options, plain_options
from journeysite.views.common import Link, UrlFor, link_definition
from journeysite.views.markup import inline
from journeysite.views.portfolio import (
    CHART_BARS,
    Listed,
    listed,
    sorted_journeys,
)
from journeysite.views.uris import PORTAL_JSON_URI


@dataclass(frozen=True)
class Uncited:
    """A touchpoint that names none of the journey's sources as evidence."""

    name: Markup
    url: str
    stage: str


@dataclass(frozen=True)
class Coverage:
    covered: int
    total: int
    solicited: int
    unsolicited: int
    uncited: list[Uncited]

    @property
    def percent(self) -> float | None:
        return self.covered / self.total * 100 if self.total else None

    @property
    def text(self) -> str:
        if not self.total:
            return gettext("No touchpoints")
        return ngettext(
            "%(percent)s %% (%(covered)s of %(num)s touchpoint)",
            "%(percent)s %% (%(covered)s of %(num)s touchpoints)",
            self.total,
        ) % {"percent": f"{self.percent:.0f}", "covered": self.covered, "num": self.total}


def coverage(journey: Journey, page_url: str = "") -> Coverage:
    """Touchpoints with evidence (a name of one of the journey's sources) ÷ all touchpoints.

    `page_url` is the journey page's URL as seen from the page showing the result ('' on itself).
    """
    known = {s.name for s in journey.sources}
    touchpoints = journey.touchpoints()
    uncited = [
        Uncited(inline(tp.name), f"{page_url}#tp-{tp.key}", stage.name)
        for stage, tp in touchpoints
        if not any(name in known for name in tp.evidence)
    ]
    solicited = sum(s.kind in SOLICITED_SOURCES for s in journey.sources)
    return Coverage(
        covered=len(touchpoints) - len(uncited),
        total=len(touchpoints),
        solicited=solicited,
        unsolicited=len(journey.sources) - solicited,
        uncited=uncited,
    )


@dataclass(frozen=True)
class EvidenceRow:
    journey: Link
    map_label: str
    coverage: Coverage


@dataclass(frozen=True)
class EvidencePage:
    rows: Listed[EvidenceRow]
    """Every journey, least covered first; the first `limit` of them in a large portfolio."""
    covered: int
    total: int
    without_sources: int
    chart: Chart | None
    portal_json: str

    @property
    def overall(self) -> Coverage:
        return Coverage(self.covered, self.total, 0, 0, [])


def evidence_page(portal: Portal, url_for: UrlFor, limit: int) -> EvidencePage:
    """Every journey, least covered first (maps without touchpoints last)."""
    rows = [_row(j, url_for) for j in sorted_journeys(portal)]
    rows.sort(key=lambda r: (r.coverage.percent is None, r.coverage.percent or 0))
    return EvidencePage(
        rows=listed(rows, limit),
        covered=sum(r.coverage.covered for r in rows),
        total=sum(r.coverage.total for r in rows),
        without_sources=sum(r.coverage.solicited + r.coverage.unsolicited == 0 for r in rows),
        chart=_chart(rows),
        portal_json=url_for(PORTAL_JSON_URI),
    )


def _row(journey: Definition, url_for: UrlFor) -> EvidenceRow:
    model = journey_model(journey)
    return EvidenceRow(
        journey=link_definition(journey, url_for),
        map_label=MAP_TYPE_LABELS[model.map],
        coverage=coverage(model, url_for(journey.file.src_uri)),
    )


def _chart(rows: list[EvidenceRow]) -> Chart | None:
    """One bar per journey, least covered first: the CHART_BARS least covered in a large portfolio."""
    measured = [r for r in rows if r.coverage.percent is not None]
    if not measured:
        return None
    shown = measured[:CHART_BARS]
    bar = Bar(init_opts=opts.InitOpts(chart_id="chart-portfolio-evidence"))
    bar.add_xaxis([r.journey.text for r in shown])
    bar.add_yaxis(
        gettext("Touchpoints with evidence"),
        [
            {
                "value": round(r.coverage.percent or 0, 1),
                "label": {"formatter": r.coverage.text},
            }
            for r in shown
        ],
        label_opts=opts.LabelOpts(is_show=True, position="right"),
    )
    bar.reversal_axis()
    bar.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        tooltip_opts=opts.TooltipOpts(trigger="item"),
        yaxis_opts=opts.AxisOpts(
            type_="category", is_inverse=True, axislabel_opts=opts.LabelOpts(interval=0)
        ),
        xaxis_opts=opts.AxisOpts(
            type_="value", name=gettext("%% of touchpoints") % {}, min_=0, max_=100
        ),
    )
    options = plain_options(bar)
    options.update(base_options())
    options["yAxis"][0]["axisLabel"].update({"width": 240, "overflow": "truncate"})
    options["grid"] = {"left": 8, "right": 150, "top": 32, "bottom": 8, "containLabel": True}
    lowest = shown[0]
    which = (
        gettext("the %(n)s least covered of %(of)s journeys (the table below lists more)")
        % {"n": len(shown), "of": len(measured)}
        if len(shown) < len(measured)
        else ngettext("%(num)s journey", "%(num)s journeys", len(shown)) % {"num": len(shown)}
    )
    description = gettext(
        "Evidence coverage of %(which)s: the share of each map's touchpoints that cite at least "
        "one of its sources. Lowest: %(journey)s, %(coverage)s."
    ) % {"which": which, "journey": lowest.journey.text, "coverage": lowest.coverage.text}
    table = Table(
        caption=gettext("Evidence coverage per journey"),
        headers=[
            gettext("Journey"),
            gettext("Coverage"),
            gettext("Solicited sources"),
            gettext("Unsolicited sources"),
        ],
        rows=[
            [r.journey.text, r.coverage.text, r.coverage.solicited, r.coverage.unsolicited]
            for r in shown
        ],
    )
    return Chart(
        "chart-portfolio-evidence",
        gettext("Evidence coverage per journey"),
        description,
        options,
        table,
        height=80 + 32 * len(shown),
    )
