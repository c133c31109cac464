"""A whole content tree, loaded and checked: what both the plugin and the CLI work from."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from journeysite.content import heap
from journeysite.content.checks import Outline, build_portal, cross_problems, file_problems, outline
from journeysite.content.diagnostics import Diagnostic, SeverityLevel, has_errors
from journeysite.content.load import LoadedFile, SourceFile, load_bytes
from journeysite.content.parallel import load_one, map_chunks, worker_count
from journeysite.content.paths import SiteFile, check_links, check_page_paths, project_roots
from journeysite.content.portal import Portal
from journeysite.content.selection import DEFAULT_SELECTION, Selection
from journeysite.format.limits import DEFAULT_LIMITS, Limits


@dataclass
class Content:
    portal: Portal
    files: dict[str, LoadedFile]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def problems_of(self, src_uri: str) -> list[Diagnostic]:
        loaded = self.files.get(src_uri)
        if loaded is None:
            return []
        return [d for d in self.diagnostics if d.path == loaded.file.display]


def load_content(
    sources: Iterable[tuple[SourceFile, bytes | Path]],
    limits: Limits = DEFAULT_LIMITS,
    unowned: SeverityLevel | None = None,
    site: Sequence[SiteFile] | None = None,
    problems: Iterable[Diagnostic] = (),
    load: Callable[..., LoadedFile] = load_bytes,
) -> Content:
    """Load and check every file; a source given as a Path is read from disk with a size bound.

    `unowned`: how an unowned touchpoint is reported (see `checks.build_portal`). `site` lists
    every file of the site being built with its output path (the plugin passes MkDocs' own);
    without it, pages are placed as MkDocs places them by default. `problems` found before
    loading (unsafe links) are reported with the rest. `load` reads one file's bytes; the plugin
    passes journeysite.content.cache.LoadCache.load while serving.
    """
    with heap.paused():
        loaded = [load_one(source, limits, load) for source in sources]
    files = {f.file.src_uri: f for f in loaded}
    definitions = [f.definition for f in files.values() if f.definition is not None]
    portal, cross = build_portal(definitions, unowned)
    cross += _path_problems(files.values(), site)
    diagnostics = [d for f in files.values() for d in f.diagnostics] + cross + list(problems)
    return Content(portal, files, sorted(diagnostics))


@dataclass
class CheckedFile:
    """A file as `journeysite check` keeps it: its problems and its outline, not its model."""

    file: SourceFile
    is_definition: bool
    outline: Outline | None
    diagnostics: list[Diagnostic]


@dataclass
class Checked:
    """What `journeysite check` reports: the same problems as a build's, and what was found."""

    files: list[CheckedFile]
    counts: dict[str, int]
    """Definitions by type, duplicates not counted."""
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check_file(
    source: tuple[SourceFile, bytes | Path], limits: Limits, unowned: SeverityLevel
) -> CheckedFile:
    """One file loaded and checked by every rule inside it; its model is dropped."""
    loaded = load_one(source, limits)
    definition = loaded.definition
    if definition is None:
        return CheckedFile(loaded.file, loaded.is_definition, None, loaded.diagnostics)
    problems = loaded.diagnostics + file_problems(definition, unowned)
    return CheckedFile(loaded.file, True, outline(definition), problems)


def check_directory(
    docs_dir: Path,
    limits: Limits = DEFAULT_LIMITS,
    unowned: SeverityLevel = "warning",
    selection: Selection = DEFAULT_SELECTION,
) -> Checked:
    """`journeysite check`: the rules of a build, a large portfolio's files on all cores.

    Each file is checked where it is loaded (journeysite/content/parallel.py) and only its problems and
    outline come back, so the rules between files run on a few kilobytes per definition at most.
    """
    sources, problems = _sources(docs_dir, selection)
    with heap.paused():
        files = map_chunks(
            functools.partial(_check_chunk, limits=limits, unowned=unowned),
            sources,
            worker_count(len(sources)),
        )
    kept, cross = cross_problems(f.outline for f in files if f.outline is not None)
    cross += _path_problems(files, None)
    counts = Counter(f.outline.type for f in files if f.outline and f.file.src_uri in kept)
    diagnostics = [d for f in files for d in f.diagnostics] + cross + problems
    return Checked(files, dict(counts), sorted(diagnostics))


def _check_chunk(
    chunk: Sequence[tuple[SourceFile, bytes | Path]], limits: Limits, unowned: SeverityLevel
) -> list[CheckedFile]:
    return [check_file(source, limits, unowned) for source in chunk]


def _path_problems(
    files: Iterable[LoadedFile | CheckedFile], site: Sequence[SiteFile] | None
) -> list[Diagnostic]:
    files = list(files)
    if site is None:
        site = [
            SiteFile(f.file.src_uri, default_dest(f.file.src_uri), f.file.display) for f in files
        ]
    by_uri = {s.src_uri: s for s in site}
    return check_page_paths(
        (by_uri[f.file.src_uri] for f in files if f.is_definition and f.file.src_uri in by_uri),
        site,
    )


def default_dest(src_uri: str) -> str:
    """Where MkDocs writes a page by default (`use_directory_urls: true`)."""
    return File(src_uri, None, "", True).dest_uri


def load_directory(
    docs_dir: Path,
    limits: Limits = DEFAULT_LIMITS,
    unowned: SeverityLevel | None = None,
    selection: Selection = DEFAULT_SELECTION,
) -> Content:
    """The pages of a docs dir, links checked first, loaded whole (models and bodies)."""
    sources, problems = _sources(docs_dir, selection)
    return load_content(sources, limits, unowned, problems=problems)


def _sources(
    docs_dir: Path, selection: Selection
) -> tuple[list[tuple[SourceFile, Path]], list[Diagnostic]]:
    """The pages of a docs dir to load (those MkDocs builds), and the links that are refused."""
    found = selection.on_disk(docs_dir)
    links = check_links(
        (
            SiteFile(src.src_uri, default_dest(src.src_uri), src.display, str(path))
            for src, path in found
        ),
        docs_dir,
        project_roots(docs_dir.absolute().parent),
    )
    sources = [(src, path) for src, path in found if src.src_uri not in links.unsafe]
    return sources, links.diagnostics
