"""Living beside mkdocs-static-i18n (suffix structure): one map in several languages.

With `docs_structure: suffix`, `discharge.md` and `discharge.de.md` are the same page in English
and German. mkdocs-static-i18n builds the site once per language and hands each build its own
selection of files in `on_files` at priority -100 (the translated copy where there is one, else the
default language's file). journeysite therefore reads the files after that selection, so each
language sees one `discharge`, and takes ids from the name without its language suffix.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from journeysite.content.selection import FOLDER_STRUCTURE


@dataclass(frozen=True)
class Translation:
    """The language being built by mkdocs-static-i18n, and the languages it knows."""

    current: str
    default: str
    languages: frozenset[str]

    def page_name(self, src_uri: str) -> str:
        """The file name an id defaults to: `discharge.de.md` → `discharge.md`."""
        name = posixpath.basename(src_uri)
        stem, ext = posixpath.splitext(name)
        base, dot, suffix = stem.rpartition(".")
        return f"{base}{ext}" if dot and suffix in self.languages else name

    def dest_uri(self, dest_uri: str) -> str:
        """Where a generated page of this language's build goes: under `de/` unless default."""
        return dest_uri if self.current == self.default else f"{self.current}/{dest_uri}"


class UnsupportedStructure(Exception):
    """mkdocs-static-i18n's folder structure: every language's copy of a map would be loaded."""


def translation_of(config: Any) -> Translation | None:
    """The i18n plugin's current build, or None without it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return None
    if plugin.config.get("docs_structure") != "suffix":
        raise UnsupportedStructure(FOLDER_STRUCTURE)
    languages = frozenset(str(lang) for lang in plugin.all_languages)
    default = str(plugin.default_language)
    return Translation(str(plugin.current_language or default), default, languages)
