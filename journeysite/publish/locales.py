"""The build's language: gettext catalogs (`journeysite/locales/<lang>/LC_MESSAGES/*.po`) via Babel.

Catalogs ship as `.po` text and are compiled in memory when a build starts (a few milliseconds
for a few hundred messages): no generated binary in the repository or a build step that could
leave a stale `.mo` in the wheel. `./dev messages` re-extracts `journeysite.pot` and updates them.

`labels:` (plugin option) renames single terms in the generated text after translation: each key
is a word or phrase as it reads in the build's language, replaced where it stands as a whole
word; a lower-case key also replaces its capitalised form with the capitalised replacement
(`persona: customer` turns "Persona" into "Customer" too). Writers' own text is never touched.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from journeysite.format.i18n import English, Translator

DOMAIN = "journeysite"
_UNTOUCHABLE = re.compile(r"(%\(\w+\)[sd]|<[^>]*>)")
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def catalog_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def catalog_language(language: str) -> str | None:
    """The catalog for a theme language: `de` for `de`, `de_CH` or `de-CH`; None when none fits."""
    tag = language.replace("-", "_")
    candidates = [tag]
    try:
        candidates.append(Locale.parse(tag).language)
    except (UnknownLocaleError, ValueError):
        candidates.append(tag.split("_")[0])
    return next((c for c in candidates if catalog_path(c).is_file()), None)


def babel_locale(language: str) -> str:
    """The locale Babel formats dates and numbers in; English when Babel does not know it."""
    try:
        return str(Locale.parse(language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return "en"


def load_catalog(language: str) -> Translations:
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


class Relabelled:
    """A translator whose output has the portal's own terms (`labels:`) put in."""

    def __init__(self, inner: Translator, labels: Mapping[str, str]) -> None:
        self.inner = inner
        pairs = dict(labels)
        for term, replacement in labels.items():
            if term[:1].islower():
                pairs.setdefault(
                    term[:1].upper() + term[1:], replacement[:1].upper() + replacement[1:]
                )
        self.pairs = pairs
        ordered = sorted(pairs, key=len, reverse=True)  # "pain point" before "point"
        self.pattern = (
            re.compile(r"\b(" + "|".join(re.escape(t) for t in ordered) + r")\b") if pairs else None
        )

    def _relabel(self, text: str) -> str:
        if self.pattern is None:
            return text
        # Words only: never inside a placeholder (`%(persona)s`) or a tag of the message.
        pieces = _UNTOUCHABLE.split(text)
        return "".join(
            piece if index % 2 else self.pattern.sub(lambda m: self.pairs[m.group(1)], piece)
            for index, piece in enumerate(pieces)
        )

    def gettext(self, message: str) -> str:
        return self._relabel(self.inner.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._relabel(self.inner.ngettext(singular, plural, n))


def translator_for(language: str, labels: Mapping[str, str]) -> tuple[Translator, str, str | None]:
    """(translator, Babel locale, catalog used) for a theme language; English when none fits."""
    found = catalog_language(language)
    inner: Translator = English() if found is None else load_catalog(found)
    translator: Translator = Relabelled(inner, labels) if labels else inner
    return translator, babel_locale(language) if found else "en", found
