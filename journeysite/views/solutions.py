"""The solutions roadmap (by status, by due quarter, overdue) and each solution's own page.

A solution is overdue when its due date is before the build's day (settings.build_date, so the
same content builds the same page on any day) and it is neither shipped nor dropped
(views.management.is_overdue). Each solution shows the journey KPIs it should move, with their
current value against target, as the journey states them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from pyecharts import options as opts
from pyecharts.charts import Bar

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_kpis, journey_model, solution_model
from journeysite.format.i18n import N_, format_number, gettext, ngettext
from journeysite.format.models import Kpi, Measure
from journeysite.format.vocabulary import SOLUTION_STATUS_LABELS
from journeysite.views.charts import Chart, Table, base_options, plain_options
from journeysite.views.common import Link, UrlFor, link_to
from journeysite.views.management import (
    MomentRef,
    WorkItem,
    due_quarter,
    is_overdue,
    management,
    opportunity_item,
    solution_item,
)
from journeysite.views.opportunities import MomentRow, moment_row
from journeysite.views.portfolio import Listed, listed
from journeysite.views.uris import SOLUTIONS_URI

NO_DUE_DATE = N_("No due date")
"""The roadmap's column for solutions without a due date; shown as `gettext(NO_DUE_DATE)`."""


@dataclass(frozen=True)
class MeasureRow:
    kpi: str
    journey: Link
    value: str
    target: str
    unit: str
    better: str
    on_target: bool | None
    found: bool
    """False when the journey or KPI does not exist (serve mode shows the error beside it)."""


@dataclass(frozen=True)
class SolutionRow:
    link: Link
    status: str
    status_label: str
    owner: Link | None
    due: str
    quarter: str
    overdue: bool
    days_overdue: int
    opportunities: list[WorkItem]
    measures: list[MeasureRow]


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    rows: Listed[SolutionRow]


@dataclass(frozen=True)
class SolutionsPage:
    total: int
    overdue: Listed[SolutionRow]
    by_status: list[StatusGroup]
    quarters: list[tuple[str, list[int]]]
    """(due quarter, count per status in SOLUTION_STATUS_LABELS order), earliest first."""
    statuses: list[str]
    chart: Chart | None


def _kpi(portal: Portal, measure: Measure) -> tuple[Definition | None, Kpi | None]:
    journey = portal.journeys.get(measure.journey)
    if journey is None:
        return None, None
    return journey, journey_kpis(journey_model(journey)).get(measure.kpi)


def measure_row(portal: Portal, measure: Measure, url_for: UrlFor) -> MeasureRow:
    journey, kpi = _kpi(portal, measure)
    link = (
        Link(journey.title, url_for(journey.file.src_uri) + "#jm-kpis")
        if journey
        else Link(measure.journey, None)
    )
    return MeasureRow(
        kpi=measure.kpi,
        journey=link,
        value=format_number(kpi.value) if kpi else "",
        target=format_number(kpi.target) if kpi else "",
        unit=(kpi.unit or "") if kpi else "",
        better=kpi.better if kpi else "",
        on_target=kpi.on_target if kpi else None,
        found=kpi is not None,
    )


def solution_row(
    portal: Portal, solution: Definition, url_for: UrlFor, as_of: datetime.date
) -> SolutionRow:
    model = solution_model(solution)
    overdue = is_overdue(solution, as_of)
    return SolutionRow(
        link=Link(solution.title, url_for(solution.file.src_uri)),
        status=model.status,
        status_label=SOLUTION_STATUS_LABELS[model.status],
        owner=link_to(portal, "stakeholder", model.owner, url_for),
        due=model.due.isoformat() if model.due else "",
        quarter=due_quarter(model.due),
        overdue=overdue,
        days_overdue=(as_of - model.due).days if overdue and model.due else 0,
        opportunities=[
            opportunity_item(portal.opportunities[o], url_for)
            if o in portal.opportunities
            else WorkItem("opportunity", Link(o, None), "", "")
            for o in dict.fromkeys(model.opportunities)
        ],
        measures=[measure_row(portal, m, url_for) for m in model.measures],
    )


def _by_due(solution: Definition) -> tuple[int, datetime.date, str, str]:
    due = solution_model(solution).due
    return (due is None, due or datetime.date.max, solution.title, solution.id)


def solutions_page(
    portal: Portal, url_for: UrlFor, limit: int, as_of: datetime.date
) -> SolutionsPage:
    ordered = sorted(portal.solutions.values(), key=_by_due)
    overdue = [s for s in ordered if is_overdue(s, as_of)]
    statuses = list(SOLUTION_STATUS_LABELS)
    groups = []
    for status in statuses:
        mine = [s for s in ordered if solution_model(s).status == status]
        if mine:
            rows = listed(mine, limit).map(lambda s: solution_row(portal, s, url_for, as_of))
            groups.append(StatusGroup(status, SOLUTION_STATUS_LABELS[status], rows))
    undated = gettext(NO_DUE_DATE)
    counts = Counter(
        (due_quarter(solution_model(s).due) or undated, solution_model(s).status) for s in ordered
    )
    quarters = list(dict.fromkeys(due_quarter(solution_model(s).due) or undated for s in ordered))
    table = [(q, [counts[q, status] for status in statuses]) for q in quarters]
    return SolutionsPage(
        total=len(ordered),
        overdue=listed(overdue, limit).map(lambda s: solution_row(portal, s, url_for, as_of)),
        by_status=groups,
        quarters=table,
        statuses=[SOLUTION_STATUS_LABELS[s] for s in statuses],
        chart=_roadmap_chart(table, statuses),
    )


def _roadmap_chart(quarters: list[tuple[str, list[int]]], statuses: list[str]) -> Chart | None:
    """Solutions per due quarter, stacked by status (decal patterns tell the statuses apart)."""
    if not quarters:
        return None
    bar = Bar(init_opts=opts.InitOpts(chart_id="chart-solutions-roadmap"))
    bar.add_xaxis([q for q, _ in quarters])
    for position, status in enumerate(statuses):
        values = [counts[position] for _, counts in quarters]
        if any(values):
            bar.add_yaxis(
                SOLUTION_STATUS_LABELS[status],
                values,
                stack="status",
                label_opts=opts.LabelOpts(is_show=False),
            )
    bar.set_global_opts(
        legend_opts=opts.LegendOpts(pos_top=0),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        yaxis_opts=opts.AxisOpts(name=gettext("Solutions"), min_=0, min_interval=1),
        xaxis_opts=opts.AxisOpts(axislabel_opts=opts.LabelOpts(interval=0)),
    )
    options = plain_options(bar)
    options.update(base_options())
    options["grid"] = {"left": 8, "right": 16, "top": 48, "bottom": 8, "containLabel": True}
    total = sum(sum(c) for _, c in quarters)
    description = ngettext(
        "Stacked bar chart of %(num)s solution by due quarter, each bar split by status "
        "(%(statuses)s); patterns tell the statuses apart.",
        "Stacked bar chart of %(num)s solutions by due quarter, each bar split by status "
        "(%(statuses)s); patterns tell the statuses apart.",
        total,
    ) % {"num": total, "statuses": ", ".join(SOLUTION_STATUS_LABELS.values())}
    table = Table(
        caption=gettext("Solutions by due quarter and status"),
        headers=[gettext("Due quarter"), *SOLUTION_STATUS_LABELS.values(), gettext("Total")],
        rows=[[q, *counts, sum(counts)] for q, counts in quarters],
    )
    return Chart(
        "chart-solutions-roadmap",
        gettext("Roadmap by due quarter"),
        description,
        options,
        table,
    )


@dataclass(frozen=True)
class SolutionPage:
    row: SolutionRow
    moments: list[MomentRow]
    """Every moment of its opportunities, each once."""
    related: list[WorkItem]
    """Other solutions for the same opportunities."""
    index: str


def solution_page(
    definition: Definition, portal: Portal, url_for: UrlFor, *, as_of: datetime.date
) -> SolutionPage:
    index = management(portal)
    model = solution_model(definition)
    refs: dict[tuple[str, int, str | None], MomentRef] = {}
    related: dict[str, None] = {}
    for opportunity in dict.fromkeys(model.opportunities):
        for ref in index.moments.get(opportunity, []):
            key = ref.touchpoint.key if ref.touchpoint else None
            refs.setdefault((ref.journey.id, ref.stage_index, key), ref)
        for other in index.solutions_of.get(opportunity, []):
            if other != definition.id:
                related[other] = None
    return SolutionPage(
        row=solution_row(portal, definition, url_for, as_of),
        moments=[moment_row(r, portal, url_for) for r in refs.values()],
        related=[solution_item(portal.solutions[s], url_for, as_of) for s in related],
        index=url_for(SOLUTIONS_URI),
    )
