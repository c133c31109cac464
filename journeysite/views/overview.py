"""The portfolio overview: what the portal holds, and which maps need a review, research or sign-off."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, journey_model
from journeysite.format.i18n import N_, _, ngettext
from journeysite.format.vocabulary import MAP_TYPE_LABELS, STATUS_LABELS
from journeysite.views.common import Link, UrlFor, link_definition, link_to
from journeysite.views.portfolio import (
    SEVERITY_WORDS,
    Listed,
    future_journeys,
    listed,
    pain_points_of,
    sorted_journeys,
    todays_journeys,
    weights,
)
from journeysite.views.review import DUE_SOON_DAYS, ReviewStatus, review_status
from journeysite.views.uris import PORTAL_JSON_URI

NO_SOURCES = N_("No sources")
NOT_VALIDATED = N_("Not validated")


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    detail: str = ""


@dataclass(frozen=True)
class ReviewRow:
    link: Link
    persona: Link | None
    map: str
    map_label: str
    status: str
    status_label: str
    owner: Link | None
    reviewed: str
    review_every: int
    due: str
    review: ReviewStatus
    flags: list[str]


@dataclass(frozen=True)
class Flagged:
    link: Link
    detail: str


@dataclass(frozen=True)
class Overview:
    counts: list[Count]
    review_summary: list[tuple[str, int]]
    """(state as the summary's sentence writes it after its count, count)."""
    journeys: Listed[ReviewRow]
    """Every journey by review urgency; the most urgent `limit` in a large portfolio."""
    no_sources: Listed[Flagged]
    not_validated: Listed[Flagged]
    portal_json: str
    due_soon_days: int = DUE_SOON_DAYS


def overview_page(portal: Portal, url_for: UrlFor, as_of: datetime.date, limit: int) -> Overview:
    reviews = sorted(
        ((j, review_status(journey_model(j), as_of)) for j in sorted_journeys(portal)),
        key=lambda pair: pair[1].urgency,
    )
    states = Counter(review.state for _, review in reviews)
    return Overview(
        counts=_counts(portal),
        review_summary=[
            (_("overdue"), states["overdue"]),
            (_("never reviewed"), states["never"]),
            (_("due soon"), states["due-soon"]),
            (_("ok"), states["ok"]),
        ],
        journeys=listed(reviews, limit).map(lambda pair: _row(*pair, portal, url_for)),
        no_sources=listed(
            [j for j in sorted_journeys(portal) if not journey_model(j).sources], limit
        ).map(
            lambda j: Flagged(link_definition(j, url_for), MAP_TYPE_LABELS[journey_model(j).map])
        ),
        not_validated=listed(
            [j for j in sorted_journeys(portal) if journey_model(j).status != "validated"], limit
        ).map(
            lambda j: Flagged(link_definition(j, url_for), STATUS_LABELS[journey_model(j).status])
        ),
        portal_json=url_for(PORTAL_JSON_URI),
    )


def _row(journey: Definition, review: ReviewStatus, portal: Portal, url_for: UrlFor) -> ReviewRow:
    model = journey_model(journey)
    flags = []
    if not model.sources:
        flags.append(_(NO_SOURCES))
    if model.status != "validated":
        flags.append(_(NOT_VALIDATED))
    return ReviewRow(
        link=link_definition(journey, url_for),
        persona=link_to(portal, "persona", model.persona, url_for),
        map=model.map,
        map_label=MAP_TYPE_LABELS[model.map],
        status=model.status,
        status_label=STATUS_LABELS[model.status],
        owner=link_to(portal, "stakeholder", model.owner, url_for),
        reviewed=model.reviewed.isoformat() if model.reviewed else "",
        review_every=model.review_every,
        due=review.due.isoformat() if review.due else "",
        review=review,
        flags=flags,
    )


def _counts(portal: Portal) -> list[Count]:
    today, future = todays_journeys(portal), future_journeys(portal)
    kinds = Counter(journey_model(j).map for j in portal.journeys.values())
    pains = [p for j in today for p in pain_points_of(j)]
    severities = Counter(p.note.severity or "unrated" for p in pains)
    future_pains = sum(len(pain_points_of(j)) for j in future)
    future_tps = sum(len(journey_model(j).touchpoints()) for j in future)
    by_severity = ", ".join(
        f"{severities[s]} {_(SEVERITY_WORDS[s])}" for s, _w in weights() if severities[s]
    )
    return [
        Count(_("Personas"), len(portal.personas)),
        Count(
            _("Journeys"),
            len(portal.journeys),
            ", ".join(_map_type_count(k, kinds[k]) for k in MAP_TYPE_LABELS if kinds[k]),
        ),
        Count(
            _("Touchpoints"),
            sum(len(journey_model(j).touchpoints()) for j in today),
            _future_note(future_tps, N_("not counting %(num)s in future-state maps")),
        ),
        Count(
            _("Open pain points"),
            len(pains),
            "; ".join(
                x
                for x in [
                    by_severity,
                    _future_note(
                        future_pains, N_("not counting %(num)s anticipated in future-state maps")
                    ),
                ]
                if x
            ),
        ),
        Count(_("Stakeholders"), len(portal.stakeholders)),
    ]


def _map_type_count(kind: str, count: int) -> str:
    """How many maps of a type the portal holds, as the journeys count's detail: `2 current state`."""
    if kind == "current":
        message = ngettext("%(num)s current state", "%(num)s current state", count)
    elif kind == "future":
        message = ngettext("%(num)s future state", "%(num)s future state", count)
    elif kind == "day-in-the-life":
        message = ngettext("%(num)s day in the life", "%(num)s day in the life", count)
    else:
        message = ngettext("%(num)s service blueprint", "%(num)s service blueprint", count)
    return message % {"num": count}


def _future_note(count: int, message: str) -> str:
    return _(message) % {"num": count} if count else ""
