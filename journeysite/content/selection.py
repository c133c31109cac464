"""Which files of a docs dir journeysite loads: those MkDocs builds, decided by MkDocs itself.

The build hands the plugin MkDocs' own file list; the CLI asks MkDocs' `get_files` and
`set_exclusions` for the same list from the same settings (its default exclusions of dot-files and
`/templates/`, `exclude_docs`, `draft_docs`). Both sides then keep the pages `loaded_pages` keeps,
so a file excluded from the site is never checked, and a file in it is never skipped.

Beside mkdocs-static-i18n (suffix structure), `discharge.de.md` is `discharge.md` in German: each
language's build sees one of the two (journeysite/publish/translated_files.py). A selection with
`languages` does the same: the default language's pages, or with `language` set that language's
translation of each page where there is one, its id taken from the name without the suffix.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, get_files, set_exclusions

from journeysite.content.load import SourceFile, display_path

if TYPE_CHECKING:
    from pathspec.gitignore import GitIgnoreSpec


FOLDER_STRUCTURE = (
    "journeysite works with mkdocs-static-i18n's `docs_structure: suffix` (discharge.md "
    "and discharge.de.md side by side); with `folder` each language's copy of a map "
    "would be a second map with the same id. Set `docs_structure: suffix` under `i18n`."
)
"""Why mkdocs-static-i18n's folder structure is refused, for the build and the commands alike."""


def loaded_pages(files: Iterable[File]) -> list[File]:
    """The Markdown pages journeysite loads: those MkDocs publishes (not excluded, not drafts)."""
    return [f for f in files if f.src_uri.endswith(".md") and f.inclusion.is_included()]


@dataclass(frozen=True)
class Selection:
    """The settings of mkdocs.yml that decide which files of the docs dir make the site."""

    exclude_docs: GitIgnoreSpec | None = None
    draft_docs: GitIgnoreSpec | None = None
    languages: frozenset[str] = frozenset()
    """mkdocs-static-i18n's languages other than the default, as file-name suffixes."""
    language: str | None = None
    """The language whose pages are loaded; None: the default language's."""

    def in_language(self, language: str | None) -> Selection:
        """The same files as `language`'s build of a bilingual portal sees them."""
        return dataclasses.replace(self, language=language)

    def views(self) -> list[Selection]:
        """One selection per language the site is built in, the default language's first."""
        return [self] + [self.in_language(lang) for lang in sorted(self.languages)]

    def _chosen(self, uris: Iterable[str]) -> dict[str, str | None]:
        """The paths this language's build reads, each with the file name its id defaults to
        (None: its own)."""
        uris = list(uris)
        if not self.languages:
            return dict.fromkeys(uris)
        translated = {}
        for uri in uris:
            if (original := _untranslated(uri, self.languages)) is not None:
                translated[uri] = original
        chosen: dict[str, str | None] = {}
        replaced = {o for t, (o, lang) in translated.items() if lang == self.language}
        for uri in uris:
            if uri in translated:
                original, lang = translated[uri]
                if lang == self.language:
                    chosen[uri] = posixpath.basename(original)
            elif uri not in replaced:
                chosen[uri] = None
        return chosen

    def on_disk(self, docs_dir: Path, base: Path | None = None) -> list[tuple[SourceFile, Path]]:
        """The pages to load from a docs dir, walked as MkDocs walks it, each with its path.

        Messages name each file relative to `base` (default: the working directory).
        """
        files = get_files(self._config(os.path.abspath(docs_dir)))  # type: ignore[arg-type]
        found = {f.src_uri: Path(f.abs_src_path or "") for f in loaded_pages(files)}
        return [
            (SourceFile(uri, display_path(found[uri], base), name), found[uri])
            for uri, name in self._chosen(found).items()
        ]

    def among(self, uris: Iterable[str]) -> set[str]:
        """Which of these paths inside a docs dir (e.g. from a git tree) are pages to load."""
        files = [File(uri, "", "", True) for uri in uris]
        set_exclusions(files, self._config(""))  # type: ignore[arg-type]
        return set(self._chosen(f.src_uri for f in loaded_pages(files)))

    def _config(self, docs_dir: str) -> dict[str, object]:
        """The keys of MkDocs' config that `get_files` and `set_exclusions` read."""
        return {
            "docs_dir": docs_dir,
            "site_dir": "",  # only where pages would be written; nothing is
            "use_directory_urls": True,
            "exclude_docs": self.exclude_docs,
            "draft_docs": self.draft_docs,
            "not_in_nav": None,
        }


def _untranslated(uri: str, languages: frozenset[str]) -> tuple[str, str] | None:
    """`x.de.md` → (`x.md`, `de`) when `de` is one of `languages`; None for other paths."""
    folder, name = posixpath.split(uri)
    stem, ext = posixpath.splitext(name)
    base, dot, suffix = stem.rpartition(".")
    if not dot or suffix not in languages:
        return None
    return posixpath.join(folder, base + ext), suffix


DEFAULT_SELECTION = Selection()
"""What MkDocs builds without `exclude_docs` or `draft_docs`."""
