"""The controlled vocabulary of the format: every enum, pattern and scale is defined here once."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, get_args

from journeysite.format.i18n import N_, Labels

DefinitionType = Literal[
    "journey", "persona", "stakeholder", "framework", "opportunity", "solution"
]
DEFINITION_TYPES: tuple[str, ...] = get_args(DefinitionType)
TYPE_PLURALS: dict[str, str] = {
    "journey": "journeys",
    "persona": "personas",
    "stakeholder": "stakeholders",
    "framework": "frameworks",
    "opportunity": "opportunities",
    "solution": "solutions",
}
"""Each type's plural: the folder `journeysite new` writes it to, and counts in messages."""

MapType = Literal["current", "future", "day-in-the-life", "blueprint"]
MAP_TYPE_LABELS: Labels[str] = Labels(
    {
        "current": N_("Current state"),
        "future": N_("Future state"),
        "day-in-the-life": N_("Day in the life"),
        "blueprint": N_("Service blueprint"),
    }
)

Status = Literal["draft", "in-review", "validated"]
OpportunityStatus = Literal["idea", "validated", "planned", "in-progress", "done", "dropped"]
"""Where an opportunity stands, in the order a board shows them."""
SolutionStatus = Literal["idea", "planned", "in-progress", "shipped", "dropped"]
"""Where a solution stands on its way to delivery, in roadmap order."""
STATUS_LABELS: Labels[str] = Labels(
    {
        "draft": N_("Draft"),
        "in-review": N_("In review"),
        "validated": N_("Validated"),
    }
)

StakeholderKind = Literal[
    "team", "department", "partner", "supplier", "competitor", "customer", "regulator", "other"
]

RelationshipKind = Literal[
    "influences", "depends-on", "collaborates", "conflicts", "supplies", "reports-to"
]

Channel = Literal[
    "web",
    "mobile-app",
    "email",
    "phone",
    "chat",
    "social",
    "in-person",
    "mail",
    "ads",
    "review-site",
    "other",
]
CHANNEL_LABELS: Labels[str] = Labels(
    {
        "web": N_("Web"),
        "mobile-app": N_("Mobile app"),
        "email": N_("Email"),
        "phone": N_("Phone"),
        "chat": N_("Chat"),
        "social": N_("Social"),
        "in-person": N_("In person"),
        "mail": N_("Mail"),
        "ads": N_("Ads"),
        "review-site": N_("Review site"),
        "other": N_("Other"),
    }
)

SourceKind = Literal[
    "survey",
    "interview",
    "usability-test",
    "workshop",
    "analytics",
    "crm",
    "support",
    "social",
    "reviews",
    "other",
]
SOLICITED_SOURCES: frozenset[str] = frozenset({"survey", "interview", "usability-test", "workshop"})

Severity = Literal["low", "medium", "high"]
SEVERITY_WEIGHT: dict[str, int] = {"low": 1, "medium": 2, "high": 3}

Better = Literal["higher", "lower"]

EMOTION_MIN = 1
EMOTION_MAX = 5
EMOTION_WORDS: Labels[int] = Labels(
    {
        1: N_("very negative"),
        2: N_("negative"),
        3: N_("neutral"),
        4: N_("positive"),
        5: N_("very positive"),
    }
)

SCALE_MIN = 1
SCALE_MAX = 5

DEFAULT_REVIEW_EVERY_DAYS = 90
MAX_REVIEW_EVERY_DAYS = 3660
"""Ten years: a longer cycle is a typo, and would overflow date arithmetic near year 9999."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_RE = re.compile(ID_PATTERN)


def emotion_word(value: float | None) -> str:
    """The word for an emotion score; fractional averages read as the nearest word."""
    if value is None:
        return ""
    return EMOTION_WORDS[min(EMOTION_MAX, max(EMOTION_MIN, round(value)))]


def slugify(text: str) -> str:
    """A touchpoint id from its name: ASCII lower-case words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


QUADRANT_HIGH_FROM = 3
"""On the 1–5 influence and interest scales, 3 and above count as high (Mendelow's grid)."""

QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, True): N_("Manage closely"),
    (True, False): N_("Keep satisfied"),
    (False, True): N_("Keep informed"),
    (False, False): N_("Monitor"),
}
"""English, as the exports write it; pages show `gettext(quadrant(...))`."""


def quadrant(influence: int | None, interest: int | None) -> str:
    """The power/interest grid quadrant, or '' when either score is missing."""
    if influence is None or interest is None:
        return ""
    return QUADRANTS[(influence >= QUADRANT_HIGH_FROM, interest >= QUADRANT_HIGH_FROM)]


STAKEHOLDER_KIND_LABELS: Labels[str] = Labels(
    {
        "team": N_("Team"),
        "department": N_("Department"),
        "partner": N_("Partner"),
        "supplier": N_("Supplier"),
        "competitor": N_("Competitor"),
        "customer": N_("Customer"),
        "regulator": N_("Regulator"),
        "other": N_("Other"),
    }
)

RELATIONSHIP_LABELS: Labels[str] = Labels(
    {
        "influences": N_("influences"),
        "depends-on": N_("depends on"),
        "collaborates": N_("collaborates with"),
        "conflicts": N_("conflicts with"),
        "supplies": N_("supplies"),
        "reports-to": N_("reports to"),
    }
)
"""How a relationship reads in a sentence: “Billing Operations reports to Finance”."""
STAKEHOLDER_KIND_GROUPS: Labels[str] = Labels(
    {
        "team": N_("Teams"),
        "department": N_("Departments"),
        "partner": N_("Partners"),
        "supplier": N_("Suppliers"),
        "competitor": N_("Competitors"),
        "customer": N_("Customers"),
        "regulator": N_("Regulators"),
        "other": N_("Other stakeholders"),
    }
)
"""Navigation group titles for stakeholders by kind, in the order the groups are listed."""


def number(value: float | None) -> str:
    """A value or target as people write it: `78`, not `78.0`; nothing for no value."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


OPPORTUNITY_STATUS_LABELS: Labels[str] = Labels(
    {
        "idea": N_("Idea"),
        "validated": N_("Validated"),
        "planned": N_("Planned"),
        "in-progress": N_("In progress"),
        "done": N_("Done"),
        "dropped": N_("Dropped"),
    }
)
SOLUTION_STATUS_LABELS: Labels[str] = Labels(
    {
        "idea": N_("Idea"),
        "planned": N_("Planned"),
        "in-progress": N_("In progress"),
        "shipped": N_("Shipped"),
        "dropped": N_("Dropped"),
    }
)
SOLUTION_CLOSED: frozenset[str] = frozenset({"shipped", "dropped"})
"""A solution in one of these states is never overdue, whatever its due date."""

PRIORITY_HIGH_FROM = 3
"""On the 1–5 impact and effort scales, 3 and above count as high (the impact/effort matrix)."""

PRIORITY_QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, False): N_("Quick wins"),
    (True, True): N_("Big bets"),
    (False, False): N_("Fill-ins"),
    (False, True): N_("Money pits"),
}
"""(high impact, high effort) → quadrant, in the order opportunities are worked on. English, as
the data (`data-quadrant`, the table's order) keeps it; pages show `gettext(quadrant)`."""


def priority_quadrant(impact: int, effort: int) -> str:
    """The impact/effort quadrant of an opportunity: quick wins are high impact, low effort."""
    return PRIORITY_QUADRANTS[(impact >= PRIORITY_HIGH_FROM, effort >= PRIORITY_HIGH_FROM)]
