"""The opportunities page (impact/effort matrix, prioritised table) and each opportunity's own page.

Quadrants split the 1–5 scales at journeysite.format.vocabulary.PRIORITY_HIGH_FROM (3 and above is
high): quick wins (high impact, low effort), big bets (high, high), fill-ins (low, low), money
pits (low impact, high effort). The table lists quick wins first, then big bets, fill-ins and
money pits; within a quadrant, the opportunity with the most severity-weighted pain at its moments
first, so the pain customers feel decides among equals.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Scatter

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model, opportunity_model
from journeysite.format.i18n import N_, gettext, ngettext
from journeysite.format.vocabulary import (
    OPPORTUNITY_STATUS_LABELS,
    PRIORITY_HIGH_FROM,
    SCALE_MAX,
    SCALE_MIN,
)
from journeysite.views.charts import Chart, Table, base_options, plain_options
from journeysite.views.common import Link, UrlFor, link_to
from journeysite.views.management import (
    NO_PHASE,
    QUADRANT_ORDER,
    MomentRef,
    WorkItem,
    management,
    pain_at,
    phase_key,
    phases,
    quadrant_of,
    solution_item,
)
from journeysite.views.markup import inline
from journeysite.views.portfolio import Listed, listed, weights_text
from journeysite.views.uris import OPPORTUNITIES_URI

QUADRANT_WORDS = {
    "Quick wins": N_("high impact, low effort"),
    "Big bets": N_("high impact, high effort"),
    "Fill-ins": N_("low impact, low effort"),
    "Money pits": N_("low impact, high effort"),
}
"""What each quadrant means, in English: pages show `gettext(QUADRANT_WORDS[quadrant])`."""


@dataclass(frozen=True)
class OpportunityRow:
    link: Link
    quadrant: str
    impact: int
    effort: int
    pain_score: int
    pain_count: int
    status: str
    status_label: str
    owner: Link | None
    solutions: list[WorkItem]
    moments: int


@dataclass(frozen=True)
class QuadrantCount:
    name: str
    words: str
    count: int


@dataclass(frozen=True)
class OpportunitiesPage:
    high_from: int
    quadrants: list[QuadrantCount]
    statuses: list[tuple[str, int]]
    chart: Chart | None
    rows: Listed[OpportunityRow]
    weights: str


def ranked(portal: Portal) -> list[tuple[Definition, str, int, int]]:
    """(opportunity, quadrant, pain score, pain count) in the table's order."""
    index = management(portal)
    out = []
    for ident, refs in index.moments.items():
        opportunity = portal.opportunities[ident]
        score, count = pain_at(refs)
        out.append((opportunity, quadrant_of(opportunity), score, count))
    out.sort(key=lambda r: (QUADRANT_ORDER.index(r[1]), -r[2], r[0].title, r[0].id))
    return out


def opportunities_page(
    portal: Portal, url_for: UrlFor, limit: int, as_of: datetime.date
) -> OpportunitiesPage:
    order = ranked(portal)
    index = management(portal)
    counts = Counter(quadrant for _, quadrant, _, _ in order)
    statuses = Counter(opportunity_model(o).status for o, _, _, _ in order)

    def row(entry: tuple[Definition, str, int, int]) -> OpportunityRow:
        opportunity, quadrant, score, count = entry
        model = opportunity_model(opportunity)
        return OpportunityRow(
            link=Link(opportunity.title, url_for(opportunity.file.src_uri)),
            quadrant=quadrant,
            impact=model.impact,
            effort=model.effort,
            pain_score=score,
            pain_count=count,
            status=model.status,
            status_label=OPPORTUNITY_STATUS_LABELS[model.status],
            owner=link_to(portal, "stakeholder", model.owner, url_for),
            solutions=[
                solution_item(portal.solutions[s], url_for, as_of)
                for s in index.solutions_of.get(opportunity.id, [])
            ],
            moments=len(index.moments[opportunity.id]),
        )

    return OpportunitiesPage(
        high_from=PRIORITY_HIGH_FROM,
        quadrants=[QuadrantCount(q, QUADRANT_WORDS[q], counts[q]) for q in QUADRANT_ORDER],
        statuses=[
            (label, statuses[key])
            for key, label in OPPORTUNITY_STATUS_LABELS.items()
            if statuses[key]
        ],
        chart=_matrix_chart(order),
        rows=listed(order, limit).map(row),
        weights=weights_text(),
    )


def _matrix_chart(order: list[tuple[Definition, str, int, int]]) -> Chart | None:
    """One point per (effort, impact) pair, sized by how many opportunities share it: at most 25
    points however large the portfolio; the table names every opportunity."""
    if not order:
        return None
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    for opportunity, _, _, _ in order:
        model = opportunity_model(opportunity)
        cells[model.effort, model.impact].append(opportunity.title)
    scatter = Scatter(init_opts=opts.InitOpts(chart_id="chart-opportunities-matrix"))
    scatter.add_xaxis([])
    scatter.add_yaxis(gettext("Opportunities"), [])
    options = plain_options(scatter)
    options.update(base_options())
    options["aria"]["decal"] = {"show": False}  # one series; the quadrants are named in text
    low_edge, high_edge = SCALE_MIN - 1, SCALE_MAX + 1  # whole-number ticks, points off the edge
    split = PRIORITY_HIGH_FROM - 0.5

    def area(name: str, x: tuple[float, float], y: tuple[float, float]) -> list[dict]:
        return [{"name": name, "xAxis": x[0], "yAxis": y[0]}, {"xAxis": x[1], "yAxis": y[1]}]

    series = options["series"][0]
    series["data"] = [
        {
            "name": _names(titles),
            "value": [effort, impact, len(titles)],
            "symbolSize": 14 + 8 * min(len(titles), 6),
            "label": {"show": True, "formatter": str(len(titles))},
        }
        for (effort, impact), titles in sorted(cells.items())
    ]
    series["markArea"] = {
        "silent": True,
        "label": {"show": True, "position": "insideTop", "fontWeight": "bold"},
        "itemStyle": {"opacity": 0.08},
        "data": [
            area(gettext("Quick wins"), (low_edge, split), (split, high_edge)),
            area(gettext("Big bets"), (split, high_edge), (split, high_edge)),
            area(gettext("Fill-ins"), (low_edge, split), (low_edge, split)),
            area(gettext("Money pits"), (split, high_edge), (low_edge, split)),
        ],
    }
    axis = {"type": "value", "min": low_edge, "max": high_edge, "interval": 1}
    options["xAxis"] = [
        {**axis, "name": gettext("Effort (1 low – 5 high)"), "nameLocation": "middle"}
    ]
    options["yAxis"] = [
        {**axis, "name": gettext("Impact (1 low – 5 high)"), "nameLocation": "middle"}
    ]
    for axis_options in (*options["xAxis"], *options["yAxis"]):
        axis_options.update({"nameGap": 28, "axisLabel": {}, "splitLine": {"show": True}})
    options["legend"] = [{"show": False}]
    options["tooltip"] = {"trigger": "item"}
    options["grid"] = {"left": 48, "right": 16, "top": 16, "bottom": 48, "containLabel": True}
    counts = Counter(quadrant for _, quadrant, _, _ in order)
    quadrants = "; ".join(
        gettext("%(quadrant)s (%(words)s): %(count)s")
        % {"quadrant": gettext(q), "words": gettext(QUADRANT_WORDS[q]), "count": counts[q]}
        for q in QUADRANT_ORDER
    )
    description = ngettext(
        "Scatter chart of %(num)s opportunity by effort (across) and impact (up), each on a 1–5 "
        "scale where %(high)s and above is high. Quadrants: %(quadrants)s. A point's number is "
        "how many opportunities share its place.",
        "Scatter chart of %(num)s opportunities by effort (across) and impact (up), each on a "
        "1–5 scale where %(high)s and above is high. Quadrants: %(quadrants)s. A point's number "
        "is how many opportunities share its place.",
        len(order),
    ) % {"num": len(order), "high": PRIORITY_HIGH_FROM, "quadrants": quadrants}
    table = Table(
        caption=gettext("Opportunities by impact and effort"),
        headers=[gettext("Opportunity"), gettext("Quadrant"), gettext("Impact"), gettext("Effort")],
        rows=[
            [o.title, gettext(quadrant), opportunity_model(o).impact, opportunity_model(o).effort]
            for o, quadrant, _, _ in order
        ],
    )
    return Chart(
        "chart-opportunities-matrix", gettext("Impact/effort matrix"), description, options, table
    )


def _names(titles: list[str], shown: int = 5) -> str:
    """The titles sharing a point, for its tooltip: the first few, then how many more."""
    names = "; ".join(titles[:shown])
    more = len(titles) - shown
    if more <= 0:
        return names
    return ngettext("%(names)s; and %(num)s more", "%(names)s; and %(num)s more", more) % {
        "names": names,
        "num": more,
    }


@dataclass(frozen=True)
class MomentRow:
    journey: Link
    stage: Link
    touchpoint: Link | None
    phase: str
    pain_score: int
    pain_count: int


@dataclass(frozen=True)
class OpportunityPage:
    title: str
    statement: Markup | None
    status: str
    status_label: str
    owner: Link | None
    impact: int
    effort: int
    quadrant: str
    quadrant_words: str
    pain_score: int
    pain_count: int
    moments: list[MomentRow]
    evidence: list[Markup]
    solutions: list[WorkItem]
    index: str
    weights: str


def moment_row(ref: MomentRef, portal: Portal, url_for: UrlFor) -> MomentRow:
    url = url_for(ref.journey.file.src_uri)
    stage = ref.stage
    known = dict(phases(portal))
    key = phase_key(stage, known)
    score, count = pain_at([ref])
    return MomentRow(
        journey=Link(journey_model(ref.journey).title, url),
        stage=Link(f"{ref.stage_index + 1}. {stage.name}", f"{url}#stage-{ref.stage_index + 1}"),
        touchpoint=Link(ref.touchpoint.name, f"{url}#{ref.anchor}") if ref.touchpoint else None,
        phase=known[key] if key else (gettext(NO_PHASE) if known else ""),
        pain_score=score,
        pain_count=count,
    )


def opportunity_page(
    definition: Definition, portal: Portal, url_for: UrlFor, *, as_of: datetime.date
) -> OpportunityPage:
    model = opportunity_model(definition)
    index = management(portal)
    refs = index.moments.get(definition.id, [])
    score, count = pain_at(refs)
    quadrant = quadrant_of(definition)
    return OpportunityPage(
        title=definition.title,
        statement=inline(model.statement) if model.statement else None,
        status=model.status,
        status_label=OPPORTUNITY_STATUS_LABELS[model.status],
        owner=link_to(portal, "stakeholder", model.owner, url_for),
        impact=model.impact,
        effort=model.effort,
        quadrant=quadrant,
        quadrant_words=QUADRANT_WORDS[quadrant],
        pain_score=score,
        pain_count=count,
        moments=[moment_row(r, portal, url_for) for r in refs],
        evidence=[inline(e) for e in model.evidence],
        solutions=[
            solution_item(portal.solutions[s], url_for, as_of)
            for s in index.solutions_of.get(definition.id, [])
        ],
        index=url_for(OPPORTUNITIES_URI),
        weights=weights_text(),
    )
