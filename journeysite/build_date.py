"""The build date: the reference day for review-due calculations, fixed for reproducible builds.

Resolved once per build, in this order: the plugin's `build_date` option (YYYY-MM-DD), then the
`SOURCE_DATE_EPOCH` environment variable (seconds since 1970-01-01 UTC, the reproducible-builds
convention MkDocs itself follows for its page dates), then today's date in UTC.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EPOCH = re.compile(r"^-?\d+$")

DateOrigin = Literal["config", "SOURCE_DATE_EPOCH", "today"]


class BuildDateError(ValueError):
    """A build date that cannot be read; the message is meant for the writer as is."""


@dataclass(frozen=True)
class BuildDate:
    day: datetime.date
    origin: DateOrigin

    def isoformat(self) -> str:
        return self.day.isoformat()


def parse_iso_date(value: object) -> datetime.date:
    """A date written as YYYY-MM-DD; YAML may already have turned it into a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError as err:
            raise BuildDateError(f"`{value}` is not a real date ({err})") from None
    raise BuildDateError(f"expected a date written as YYYY-MM-DD, got `{value}`")


def parse_source_date_epoch(value: str) -> datetime.date:
    if not _EPOCH.match(value.strip()):
        raise BuildDateError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
            f"got `{value}`"
        )
    try:
        moment = datetime.datetime.fromtimestamp(int(value.strip()), datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise BuildDateError(f"SOURCE_DATE_EPOCH `{value}` is out of range") from None
    return moment.date()


def resolve_build_date(
    configured: datetime.date | None,
    environ: Mapping[str, str],
    now: datetime.datetime | None = None,
) -> BuildDate:
    """The one place that decides the build date; raises BuildDateError on an unreadable value."""
    if configured is not None:
        return BuildDate(configured, "config")
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        return BuildDate(parse_source_date_epoch(epoch), "SOURCE_DATE_EPOCH")
    moment = now or datetime.datetime.now(datetime.UTC)
    return BuildDate(moment.astimezone(datetime.UTC).date(), "today")


class BuildDateOption(c.BaseConfigOption[datetime.date]):
    """`build_date: 2026-11-01` in mkdocs.yml, quoted or not; MkDocs reports a bad value itself.

    Wrap it in `config_options.Optional` to make it optional.
    """

    def run_validation(self, value: object) -> datetime.date:
        try:
            return parse_iso_date(value)
        except BuildDateError as err:
            raise ValidationError(str(err)) from None
