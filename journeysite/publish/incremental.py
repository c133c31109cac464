"""Rebuild only the pages an edit touches, under `journeysite serve` (MkDocs' dirty serve).

MkDocs' `--dirty` mode skips a page whose `File.is_modified()` is false; it decides by file
dates, and every journeysite page counts as modified (generated, or its Markdown set in memory).
Here the plugin decides instead, from what changed since the last build of this serve session:

- the files whose loaded content is not the very same object as last time (journeysite's
  LoadCache hands back the same object for unchanged bytes): their pages, and every page that
  shows one of their definitions, before or after the edit (journeysite.publish.dependencies);
- pages whose problems changed (a reference that now dangles, a duplicate id);
- every page when the framework changes (its phases are shown wherever stages are grouped), or
  when the navigation (its structure or any title in it: every page shows the
  navigation and its neighbours' titles), mkdocs.yml or a writer's own page changed.

Pages left alone keep their output from the last build; MkDocs still builds their `Page` objects
for the navigation, so their titles and metadata are put back from the last build. Their search
entries are kept too, and the index is written whole, in page order, as a full build writes it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from journeysite.content.diagnostics import Diagnostic
from journeysite.content.load import LoadedFile
from journeysite.content.tree import Content
from journeysite.publish.dependencies import Key, key_of, page_dependencies
from journeysite.publish.pages import GeneratedPage


@dataclass
class Build:
    """What one build of the serve session knew, compared with the next one's."""

    files: dict[str, LoadedFile]
    dependencies: dict[str, frozenset[Key] | None]
    problems: dict[str, tuple[Diagnostic, ...]]
    stamp: Any
    """mkdocs.yml and the plugin's settings: when they change, every page may."""
    navigation: tuple = ()
    pages: dict[str, tuple[dict[str, Any], str | None]] = field(default_factory=dict)
    """Each page's metadata and title, put back on its `Page` when it is not rebuilt."""
    search: dict[str, str] = field(default_factory=dict)
    """Each page's search entries as JSON text (journeysite.publish.search.entries_text)."""
    outputs: set[str] = field(default_factory=set)
    """Every file this build wrote into the site (dest_uri): one gone next time is deleted."""


def build_of(content: Content, generated: Iterable[GeneratedPage], stamp: Any) -> Build:
    problems = {uri: tuple(found) for uri in content.files if (found := content.problems_of(uri))}
    return Build(
        files=dict(content.files),
        dependencies=page_dependencies(content.portal, generated),
        problems=problems,
        stamp=stamp,
    )


def changed(last: Build, now: Build) -> set[str]:
    """The src_uris of the files that are new, gone, or loaded anew since the last build."""
    files = last.files.keys() | now.files.keys()
    return {uri for uri in files if last.files.get(uri) is not now.files.get(uri)}


def touched(last: Build, now: Build, changed: set[str]) -> set[str] | None:
    """The src_uris of the pages to rebuild; None for every page."""
    if last.stamp != now.stamp or last.navigation != now.navigation:
        return None
    keys: set[Key] = set()
    for uri in changed:
        for loaded in (last.files.get(uri), now.files.get(uri)):
            if loaded is not None and not loaded.is_definition:
                return None  # a writer's own page: its title and links are not known here
            if loaded is not None and loaded.definition is not None:
                keys.add(key_of(loaded.definition))
    if any(kind == "framework" for kind, _ in keys):
        return None  # phase names and order: journey, persona, heatmap and lifecycle pages
    pages = set(changed)
    for build in (last, now):
        for uri, shown in build.dependencies.items():
            if (shown is None and changed) or (shown and not keys.isdisjoint(shown)):
                pages.add(uri)
    problems = last.problems.keys() | now.problems.keys()
    pages |= {uri for uri in problems if last.problems.get(uri) != now.problems.get(uri)}
    return pages


def edited_first(files: Files, first: set[str]) -> None:
    """Put the pages in `first` ahead of the others, so the edited page is written first."""
    for file in [f for f in files.documentation_pages() if f.src_uri not in first]:
        files.remove(file)
        files.append(file)


def navigation_key(nav: Navigation, title_of: Callable[[str], str | None]) -> tuple:
    """The navigation as every page shows it: structure, URLs and titles."""

    def item(entry: StructureItem) -> tuple:
        if isinstance(entry, Section):
            return ("section", entry.title, tuple(item(child) for child in entry.children))
        if isinstance(entry, Page):
            return ("page", entry.file.src_uri, entry.url, title_of(entry.file.src_uri))
        if isinstance(entry, Link):
            return ("link", entry.title, entry.url)
        return ("other", repr(entry))

    return tuple(item(entry) for entry in nav.items)


def config_stamp(config: Any, settings: Any) -> tuple:
    path = config.config_file_path
    stat = os.stat(path) if path and os.path.exists(path) else None
    return (path, stat and (stat.st_mtime_ns, stat.st_size), repr(settings))


def keep_page(page: Page, kept: tuple[dict[str, Any], str | None]) -> None:
    """Give a page that is not rebuilt its last metadata and title (the navigation shows them)."""
    meta, title = kept
    page.markdown = ""  # read as "source read": MkDocs answers no title before that
    page.meta = {**meta, "title": title} if title is not None else dict(meta)


def remember_page(page: Page) -> tuple[dict[str, Any], str | None]:
    return dict(page.meta), page.title


def rebuild_only(files: Iterable[Any], pages: set[str]) -> None:
    """Make MkDocs' dirty build write exactly `pages` of these documentation files."""
    for file in files:
        file.is_modified = _answer(file.src_uri in pages)


def _answer(value: bool) -> Callable[[], bool]:
    return lambda: value


def remove_gone(site_dir: str, last: Build, now: Build) -> None:
    """Delete what the last build wrote and this one does not have (a deleted file's page)."""
    root = os.path.realpath(site_dir)
    for dest in sorted(last.outputs - now.outputs):
        path = os.path.realpath(os.path.join(root, dest))
        if path.startswith(root + os.sep) and os.path.isfile(path):
            os.remove(path)
