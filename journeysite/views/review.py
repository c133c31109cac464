"""When a map is due for review: from `reviewed` + `review_every`, relative to the build date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from journeysite.format.i18n import _, ngettext
from journeysite.format.models import Journey

DUE_SOON_DAYS = 14
"""A review due within this many days (or today) is 'due soon'."""

ReviewState = Literal["overdue", "never", "due-soon", "ok"]
_URGENCY: dict[str, int] = {"overdue": 0, "never": 1, "due-soon": 2, "ok": 3}


@dataclass(frozen=True)
class ReviewStatus:
    state: ReviewState
    due: datetime.date | None
    days: int | None
    """Days until the review is due; negative when overdue; None when never reviewed."""

    @property
    def label(self) -> str:
        """Words, not colour: what a reader needs to know about the review."""
        if self.days is None:
            return _("Never reviewed")
        if self.days < 0:
            return _("Overdue by %(days)s") % {"days": _days(-self.days)}
        if self.days == 0:
            return _("Due soon: today")
        if self.state == "due-soon":
            return _("Due soon: in %(days)s") % {"days": _days(self.days)}
        return _("OK: due in %(days)s") % {"days": _days(self.days)}

    @property
    def urgency(self) -> tuple[int, int]:
        """Sort key: overdue (longest first), never reviewed, due soon (soonest first), ok."""
        return (_URGENCY[self.state], self.days if self.days is not None else 0)


def review_status(journey: Journey, as_of: datetime.date) -> ReviewStatus:
    if journey.reviewed is None:
        return ReviewStatus("never", None, None)
    due = journey.reviewed + datetime.timedelta(days=journey.review_every)
    days = (due - as_of).days
    if days < 0:
        state: ReviewState = "overdue"
    elif days <= DUE_SOON_DAYS:
        state = "due-soon"
    else:
        state = "ok"
    return ReviewStatus(state, due, days)


def _days(n: int) -> str:
    return ngettext("%(num)s day", "%(num)s days", n) % {"num": n}
