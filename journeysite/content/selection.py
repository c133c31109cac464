"""Which files of a docs dir journeysite loads: those MkDocs builds, decided by MkDocs itself.

The build hands the plugin MkDocs' own file list; the CLI asks MkDocs' `get_files` and
`set_exclusions` for the same list from the same settings (its default exclusions of dot-files and
`/templates/`, `exclude_docs`, `draft_docs`). Both sides then keep the pages `loaded_pages` keeps,
so a file excluded from the site is never checked, and a file in it is never skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, get_files, set_exclusions

from journeysite.content.load import SourceFile, display_path

if TYPE_CHECKING:
    from pathspec.gitignore import GitIgnoreSpec


def loaded_pages(files: Iterable[File]) -> list[File]:
    """The Markdown pages journeysite loads: those MkDocs publishes (not excluded, not drafts)."""
    return [f for f in files if f.src_uri.endswith(".md") and f.inclusion.is_included()]


@dataclass(frozen=True)
class Selection:
    """The settings of mkdocs.yml that decide which files of the docs dir make the site."""

    exclude_docs: GitIgnoreSpec | None = None
    draft_docs: GitIgnoreSpec | None = None

    def on_disk(self, docs_dir: Path, base: Path | None = None) -> list[tuple[SourceFile, Path]]:
        """The pages to load from a docs dir, walked as MkDocs walks it, each with its path.

        Messages name each file relative to `base` (default: the working directory).
        """
        files = get_files(self._config(os.path.abspath(docs_dir)))  # type: ignore[arg-type]
        found = [(f.src_uri, Path(f.abs_src_path or "")) for f in loaded_pages(files)]
        return [(SourceFile(uri, display_path(path, base)), path) for uri, path in found]

    def among(self, uris: Iterable[str]) -> set[str]:
        """Which of these paths inside a docs dir (e.g. from a git tree) are pages to load."""
        files = [File(uri, "", "", True) for uri in uris]
        set_exclusions(files, self._config(""))  # type: ignore[arg-type]
        return {f.src_uri for f in loaded_pages(files)}

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


DEFAULT_SELECTION = Selection()
"""What MkDocs builds without `exclude_docs` or `draft_docs`."""
