"""The language of generated text: one translator active per build, English until one is activated.

Why an active translator instead of one passed to every view: the vocabulary's labels are read by
every view (and by the chart options built in Python), so passing a translator through would
change every signature for one concern. The plugin activates the build's translator once in
`on_config` (journeysite.publish.locales); views stay pure functions of (portal, active language),
and the same content in the same language still gives the same bytes. Without activation
(`journeysite check`, `diff`, `export`) everything reads in English, the catalogs' message ids.

Marking: `_("Text")` translates now; `N_("Text")` only marks a constant for the extractor
(`./dev messages`), and `Labels` translates its marked values when they are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import lru_cache
from typing import Protocol, TypeVar

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

K = TypeVar("K")


class Translator(Protocol):
    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


class SupportsIsoformat(Protocol):
    def isoformat(self) -> str: ...


class English:
    """The message ids themselves: the catalogs are keyed by the English text."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


_ACTIVE: ContextVar[tuple[Translator, str]] = ContextVar(
    "journeysite_translator", default=(English(), "en")
)


def activate(translator: Translator, locale: str) -> None:
    """Make `translator` (and `locale`, for dates and numbers) the language of what follows."""
    _ACTIVE.set((translator, locale))


def active_locale() -> str:
    return _ACTIVE.get()[1]


def gettext(message: str) -> str:
    """`message` in the active language; "" stays "" (a catalog's "" is its header)."""
    return _ACTIVE.get()[0].gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _ACTIVE.get()[0].ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is shown."""
    return message


class Labels(Mapping[K, str]):
    """A vocabulary mapping whose values, English message ids, read in the active language."""

    def __init__(self, english: Mapping[K, str]) -> None:
        self.english = dict(english)

    def __getitem__(self, key: K) -> str:
        return gettext(self.english[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)


def format_date(value: dt.date | str | SupportsIsoformat | None) -> str:
    """A date (or ISO date text) as readers of the active language write it (en: Nov 1, 2026;
    de: 01.11.2026); nothing for no date."""
    if not value:
        return ""
    day = (
        value
        if isinstance(value, dt.date)
        else dt.date.fromisoformat(str(value.isoformat()) if not isinstance(value, str) else value)
    )
    return _babel_date(day, format="medium", locale=active_locale())


def format_number(value: float | None, pattern: str | None = None) -> str:
    """A number with the active language's decimal sign and grouping (de: 1.234,5): `78`, not
    `78.0`; up to three decimals, or as `pattern` says (`#,##0.#`: at most one); nothing for no
    value."""
    if value is None:
        return ""
    return _decimal(value, pattern, active_locale())


@lru_cache(maxsize=8192, typed=True)
def _decimal(value: float, pattern: str | None, locale: str) -> str:
    """Babel's format_decimal, remembered: a portal writes the same few numbers (emotions, scores)
    hundreds of thousands of times, and Babel parses the locale and pattern on every call (8 % of
    a 1,000-journey build before). `typed` keys 1 and 1.0 apart, as Babel may write them apart."""
    return _babel_decimal(value, format=pattern, locale=locale)
