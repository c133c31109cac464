"""Ownership page data: the matrix of every touchpoint's owner, and one page per owning team."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model, stakeholder_model
from journeysite.content.touchpoint_owners import (
    OwnershipRecord,
    ownership_records,
    records_of,
)
from journeysite.format.i18n import gettext
from journeysite.format.models import Kpi
from journeysite.format.vocabulary import (
    CHANNEL_LABELS,
    MAP_TYPE_LABELS,
    STAKEHOLDER_KIND_LABELS,
    number,
    slugify,
)
from journeysite.views.common import (
    Emotion,
    Item,
    KpiRow,
    Link,
    UrlFor,
    kpi_row,
    link_definition,
    link_to,
    notes,
)
from journeysite.views.grouping import run_titles, unique_keys
from journeysite.views.management import (
    WorkItem,
    management,
    opportunity_item,
    solution_item,
)
from journeysite.views.markup import inline
from journeysite.views.uris import (
    CSV_URI,
    JSON_URI,
    MATRIX_PARTS_FOLDER,
    MATRIX_URI,
    PORTAL_JSON_URI,
    owner_page_uri,
)

UNOWNED_LISTED = 200
"""The unowned list above the matrix names at most this many (pain points first); the matrix's
"Unowned only" filter and the exports hold the rest."""


def involved_stakeholders(portal: Portal) -> list[str]:
    """Ids of stakeholders that own or support a touchpoint or own a journey map, by name."""
    return portal.derived(_involved_stakeholders)


def _involved_stakeholders(portal: Portal) -> list[str]:
    ids = {j.owner for j in map(journey_model, portal.journeys.values()) if j.owner}
    for ref in portal.touchpoints:
        if ref.touchpoint.owner:
            ids.add(ref.touchpoint.owner)
        ids.update(ref.touchpoint.supporting)
    ids.update(management(portal).owned)  # a team that owns only opportunities or solutions
    known = [portal.stakeholders[i] for i in ids if i in portal.stakeholders]
    return [d.id for d in sorted(known, key=lambda d: (d.title.casefold(), d.id))]


@dataclass(frozen=True)
class MatrixRow:
    journey: Link
    stage_number: int
    stage: Markup
    name: Markup
    url: str
    channel: str
    owner: Link | None
    supporting: list[Link]
    emotion: Emotion
    pain_points: int
    high_pain_points: int
    kpis: list[str]
    unowned: bool
    source: str


@dataclass(frozen=True)
class TeamSummary:
    page: Link
    kind: str
    owns: int
    supports: int
    journeys: int
    pain_points: int
    high_pain_points: int


@dataclass(frozen=True)
class MatrixPart:
    """One page of a large portfolio's matrix: consecutive journeys by title."""

    title: str
    """The run of journey titles, like `A–C` (journeysite.views.grouping.run_titles)."""
    src_uri: str
    journeys: tuple[str, ...]
    touchpoints: int


@dataclass(frozen=True)
class PartSummary:
    link: Link
    journeys: int
    touchpoints: int
    unowned: int
    unowned_with_pain_points: int


@dataclass(frozen=True)
class OwnershipMatrix:
    rows: list[MatrixRow]
    """Every touchpoint, or none when the matrix is on the pages in `parts`."""
    parts: list[PartSummary]
    unowned: list[MatrixRow]
    """The first UNOWNED_LISTED unowned touchpoints, in the matrix's order."""
    unowned_total: int
    unowned_with_pain_points: int
    unowned_pain_points: int
    unowned_high_pain_points: int
    touchpoints: int
    teams: list[TeamSummary]
    journeys: int
    csv: str
    json: str
    portal_json: str


@dataclass(frozen=True)
class OwnershipMatrixPart:
    title: str
    rows: list[MatrixRow]
    journeys: int
    unowned: int
    matrix: str
    previous: Link | None
    following: Link | None
    csv: str


def _touchpoint_url(record: OwnershipRecord, url_for: UrlFor) -> str:
    return f"{url_for(record.journey.file.src_uri)}#{record.anchor}"


def _matrix_row(record: OwnershipRecord, portal: Portal, url_for: UrlFor) -> MatrixRow:
    tp = record.touchpoint
    return MatrixRow(
        journey=link_definition(record.journey, url_for),
        stage_number=record.stage_index + 1,
        stage=inline(record.stage.name),
        name=inline(tp.name),
        url=_touchpoint_url(record, url_for),
        channel=CHANNEL_LABELS[tp.channel] if tp.channel else "",
        owner=_owner_link(portal, tp.owner, url_for),
        supporting=[
            link for s in tp.supporting if (link := _owner_link(portal, s, url_for)) is not None
        ],
        emotion=Emotion(tp.emotion),
        pain_points=len(tp.pain_points),
        high_pain_points=sum(p.severity == "high" for p in tp.pain_points),
        kpis=[_kpi_text(k) for k in tp.kpis],
        unowned=record.unowned,
        source=f"{record.journey.file.src_uri}:{record.line}",
    )


def _kpi_text(kpi: Kpi) -> str:
    """A KPI on one line in the reader's language, like `CSAT: 78 % (target 85 %, higher is
    better)`; the exports keep touchpoint_owners.kpi_text's English."""
    unit = f" {kpi.unit}" if kpi.unit else ""
    text = kpi.name
    if kpi.value is not None:
        text = gettext("%(kpi)s: %(value)s") % {
            "kpi": kpi.name,
            "value": f"{number(kpi.value)}{unit}",
        }
    if kpi.target is not None:
        message = (
            gettext("%(kpi)s (target %(target)s, higher is better)")
            if kpi.better == "higher"
            else gettext("%(kpi)s (target %(target)s, lower is better)")
        )
        text = message % {"kpi": text, "target": f"{number(kpi.target)}{unit}"}
    return text


def _owner_link(portal: Portal, stakeholder_id: str | None, url_for: UrlFor) -> Link | None:
    """A team links to its ownership page, the page listing everything it owns."""
    if stakeholder_id is None:
        return None
    target = portal.stakeholders.get(stakeholder_id)
    if target is None:
        return Link(stakeholder_id, None)
    return Link(target.title, url_for(owner_page_uri(stakeholder_id)))


def matrix_parts(portal: Portal, rows: int) -> list[MatrixPart] | None:
    """The matrix's pages when the portfolio has more than `rows` touchpoints, else None.

    One table of every touchpoint grows with the portfolio (150 000 rows, about 90 MB of HTML, at
    10 000 journeys): too much for a browser, and the largest single cost of the build's memory.
    Whole journeys are packed in title order, so a journey's touchpoints stay on one page.
    """
    counts = Counter(  # what ownership_records counts, without sorting every touchpoint
        {
            journey.id: touchpoints
            for journey in portal.journeys.values()
            if (touchpoints := sum(len(s.touchpoints) for s in journey_model(journey).stages))
        }
    )
    if sum(counts.values()) <= rows:
        return None
    journeys = sorted(
        (portal.journeys[i] for i in counts), key=lambda d: (d.title.casefold(), d.id)
    )
    runs: list[list[Definition]] = []
    size = 0
    for journey in journeys:
        if not runs or (size and size + counts[journey.id] > rows):
            runs.append([])
            size = 0
        runs[-1].append(journey)
        size += counts[journey.id]
    titles = run_titles(runs)
    # `A–C` gives `a-c`: the dash of a run title is a word break, not a letter to drop.
    keys = unique_keys(slugify(title.replace("–", " ")) or "journeys" for title in titles)
    parts = [
        MatrixPart(
            title=title,
            src_uri=f"{MATRIX_PARTS_FOLDER}/{key}.md",
            journeys=tuple(j.id for j in run),
            touchpoints=sum(counts[j.id] for j in run),
        )
        for title, key, run in zip(titles, keys, runs, strict=True)
    ]
    return parts


def _records_by_journey(portal: Portal) -> dict[str, list[tuple[int, OwnershipRecord]]]:
    """Each journey's records with their position in the matrix's order."""
    index: dict[str, list[tuple[int, OwnershipRecord]]] = defaultdict(list)
    for position, record in enumerate(ownership_records(portal)):
        index[record.journey.id].append((position, record))
    return dict(index)


def _part_records(portal: Portal, part: MatrixPart) -> list[OwnershipRecord]:
    index = portal.derived(_records_by_journey)
    found = [entry for journey_id in part.journeys for entry in index.get(journey_id, [])]
    return [record for _, record in sorted(found, key=lambda entry: entry[0])]


def ownership_matrix(
    portal: Portal, url_for: UrlFor, parts: list[MatrixPart] | None = None
) -> OwnershipMatrix:
    """The matrix page: unowned touchpoints, every touchpoint (or the pages that hold them when
    `parts` is given), the per-team summary and the exports."""
    records = ownership_records(portal)
    unowned = [r for r in records if r.unowned]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        tp = record.touchpoint
        if tp.owner:
            owner = counts[tp.owner]
            owner["owns"] += 1
            owner["pain_points"] += len(tp.pain_points)
            owner["high"] += sum(p.severity == "high" for p in tp.pain_points)
        for supporter in tp.supporting:
            counts[supporter]["supports"] += 1
    for journey in portal.journeys.values():
        if (owner_id := journey_model(journey).owner) is not None:
            counts[owner_id]["journeys"] += 1
    teams = [
        TeamSummary(
            page=_owner_link(portal, ident, url_for) or Link(ident, None),
            kind=STAKEHOLDER_KIND_LABELS[stakeholder_model(portal.stakeholders[ident]).kind],
            owns=counts[ident]["owns"],
            supports=counts[ident]["supports"],
            journeys=counts[ident]["journeys"],
            pain_points=counts[ident]["pain_points"],
            high_pain_points=counts[ident]["high"],
        )
        for ident in involved_stakeholders(portal)
    ]
    teams.sort(key=lambda t: (-t.owns, -t.supports, t.page.text.casefold()))
    return OwnershipMatrix(
        rows=[] if parts else [_matrix_row(r, portal, url_for) for r in records],
        parts=[_part_summary(portal, part, url_for) for part in parts or []],
        unowned=[_matrix_row(r, portal, url_for) for r in unowned[:UNOWNED_LISTED]],
        unowned_total=len(unowned),
        unowned_with_pain_points=sum(1 for r in unowned if r.touchpoint.pain_points),
        unowned_pain_points=sum(len(r.touchpoint.pain_points) for r in unowned),
        unowned_high_pain_points=sum(
            p.severity == "high" for r in unowned for p in r.touchpoint.pain_points
        ),
        touchpoints=len(records),
        teams=teams,
        journeys=len({r.journey.id for r in records}),
        csv=url_for(CSV_URI),
        json=url_for(JSON_URI),
        portal_json=url_for(PORTAL_JSON_URI),
    )


def _part_summary(portal: Portal, part: MatrixPart, url_for: UrlFor) -> PartSummary:
    unowned = [r for r in _part_records(portal, part) if r.unowned]
    return PartSummary(
        link=Link(part.title, url_for(part.src_uri)),
        journeys=len(part.journeys),
        touchpoints=part.touchpoints,
        unowned=len(unowned),
        unowned_with_pain_points=sum(1 for r in unowned if r.touchpoint.pain_points),
    )


def ownership_matrix_part(
    portal: Portal, parts: list[MatrixPart], index: int, url_for: UrlFor
) -> OwnershipMatrixPart:
    """One page of a large portfolio's matrix, with links to the pages before and after it."""
    part = parts[index]

    def neighbour(i: int) -> Link | None:
        if 0 <= i < len(parts):
            return Link(parts[i].title, url_for(parts[i].src_uri))
        return None

    rows = [_matrix_row(r, portal, url_for) for r in _part_records(portal, part)]
    return OwnershipMatrixPart(
        title=part.title,
        rows=rows,
        journeys=len(part.journeys),
        unowned=sum(1 for row in rows if row.unowned),
        matrix=url_for(MATRIX_URI),
        previous=neighbour(index - 1),
        following=neighbour(index + 1),
        csv=url_for(CSV_URI),
    )


@dataclass(frozen=True)
class OwnerTouchpoint:
    anchor: str
    name: Markup
    url: str
    role: str
    stage: Markup
    stage_number: int
    channel: str
    owner: Link | None
    supporting: list[Link]
    emotion: Emotion
    pain_points: list[Item]
    opportunities: list[Item]
    kpis: list[KpiRow]
    fail_point: bool


@dataclass(frozen=True)
class OwnerJourney:
    anchor: str
    journey: Link
    map_label: str
    owns_map: bool
    touchpoints: list[OwnerTouchpoint]


@dataclass(frozen=True)
class OwnerPage:
    id: str
    name: str
    kind: str
    profile: Link
    matrix: str
    owns: int
    supports: int
    pain_points: int
    high_pain_points: int
    opportunities: int
    journeys: list[OwnerJourney]
    owned_opportunities: list[WorkItem] = field(default_factory=list)
    owned_solutions: list[WorkItem] = field(default_factory=list)
    """The opportunities and solutions the team owns (journey management), by title."""


def owner_page(
    stakeholder_id: str,
    portal: Portal,
    url_for: UrlFor,
    as_of: datetime.date | None = None,
) -> OwnerPage:
    """Everything one team owns or supports, grouped by journey (by title), in journey order."""
    definition = portal.stakeholders[stakeholder_id]
    by_journey: dict[str, list[tuple[OwnershipRecord, str]]] = defaultdict(list)
    for record, role in records_of(portal, stakeholder_id):
        by_journey[record.journey.id].append((record, role))
    journey_ids = set(by_journey) | {j.id for j in portal.journeys_by_owner.get(stakeholder_id, [])}
    journeys = sorted(
        (portal.journeys[i] for i in journey_ids),
        key=lambda d: (journey_model(d).title.casefold(), d.id),
    )
    groups = []
    for journey in journeys:
        model = journey_model(journey)
        entries = sorted(
            by_journey.get(journey.id, []), key=lambda e: (e[0].stage_index, e[0].touchpoint_index)
        )
        groups.append(
            OwnerJourney(
                anchor=f"jm-journey-{journey.id}",
                journey=link_definition(journey, url_for),
                map_label=MAP_TYPE_LABELS[model.map],
                owns_map=model.owner == stakeholder_id,
                touchpoints=[_owner_touchpoint(r, role, portal, url_for) for r, role in entries],
            )
        )
    work = management(portal).owned.get(stakeholder_id, ([], []))
    mine = [(r, role) for entries in by_journey.values() for r, role in entries]
    owned = [r.touchpoint for r, role in mine if role == "owner"]
    return OwnerPage(
        id=stakeholder_id,
        name=definition.title,
        kind=STAKEHOLDER_KIND_LABELS[stakeholder_model(definition).kind],
        profile=link_definition(definition, url_for),
        matrix=url_for(MATRIX_URI),
        owns=len(owned),
        supports=len(mine) - len(owned),
        pain_points=sum(len(tp.pain_points) for tp in owned),
        high_pain_points=sum(p.severity == "high" for tp in owned for p in tp.pain_points),
        opportunities=sum(len(tp.opportunities) for tp in owned),
        journeys=groups,
        owned_opportunities=[opportunity_item(portal.opportunities[i], url_for) for i in work[0]],
        owned_solutions=[solution_item(portal.solutions[i], url_for, as_of) for i in work[1]],
    )


def _owner_touchpoint(
    record: OwnershipRecord, role: str, portal: Portal, url_for: UrlFor
) -> OwnerTouchpoint:
    tp = record.touchpoint
    return OwnerTouchpoint(
        anchor=f"jm-tp-{record.journey.id}-{tp.key}",
        name=inline(tp.name),
        url=_touchpoint_url(record, url_for),
        role=role,
        stage=inline(record.stage.name),
        stage_number=record.stage_index + 1,
        channel=CHANNEL_LABELS[tp.channel] if tp.channel else "",
        owner=link_to(portal, "stakeholder", tp.owner, url_for),
        supporting=[
            link for s in tp.supporting if (link := link_to(portal, "stakeholder", s, url_for))
        ],
        emotion=Emotion(tp.emotion),
        pain_points=notes(tp.pain_points),
        opportunities=notes(tp.opportunities),
        kpis=[kpi_row(k, tp.name) for k in tp.kpis],
        fail_point=tp.fail_point,
    )
