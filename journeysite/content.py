"""A whole content tree, loaded and checked: what both the plugin and the CLI work from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from journeysite import heap
from journeysite.checks import build_portal
from journeysite.diagnostics import Diagnostic, SeverityLevel, has_errors
from journeysite.limits import DEFAULT_LIMITS, Limits
from journeysite.load import (
    LoadedFile,
    SourceFile,
    discover,
    display_path,
    load_bytes,
)
from journeysite.parallel import load_all, load_one, worker_count
from journeysite.paths import SiteFile, check_links, check_page_paths, project_roots
from journeysite.portal import Portal


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
    parallel: bool = False,
) -> Content:
    """Load and check every file; a source given as a Path is read from disk with a size bound.

    `unowned`: how an unowned touchpoint is reported (see `checks.build_portal`). `site` lists
    every file of the site being built with its output path (the plugin passes MkDocs' own);
    without it, pages are placed as MkDocs places them by default. `problems` found before
    loading (unsafe links) are reported with the rest. `load` reads one file's bytes; the plugin
    passes journeysite.cache.LoadCache.load while serving. `parallel`: load a large portfolio
    in forked worker processes (journeysite/parallel.py); only for callers without threads.
    """
    sources = list(sources)
    workers = worker_count(len(sources)) if parallel and load is load_bytes else 1
    with heap.paused():
        if workers > 1:
            loaded = load_all(sources, limits, workers)
        else:
            loaded = [load_one(source, limits, load) for source in sources]
    files = {f.file.src_uri: f for f in loaded}
    definitions = [f.definition for f in files.values() if f.definition is not None]
    portal, cross = build_portal(definitions, unowned)
    cross += _path_problems(files, site)
    diagnostics = [d for f in files.values() for d in f.diagnostics] + cross + list(problems)
    return Content(portal, files, sorted(diagnostics))


def _path_problems(
    files: dict[str, LoadedFile], site: Sequence[SiteFile] | None
) -> list[Diagnostic]:
    if site is None:
        site = [SiteFile(uri, default_dest(uri), f.file.display) for uri, f in files.items()]
    by_uri = {s.src_uri: s for s in site}
    return check_page_paths(
        (by_uri[uri] for uri, f in files.items() if f.is_definition and uri in by_uri), site
    )


def default_dest(src_uri: str) -> str:
    """Where MkDocs writes a page by default (`use_directory_urls: true`)."""
    return File(src_uri, None, "", True).dest_uri


def load_directory(
    docs_dir: Path,
    limits: Limits = DEFAULT_LIMITS,
    unowned: SeverityLevel | None = None,
    parallel: bool = False,
) -> Content:
    """What `journeysite check` reads: the Markdown files of a docs dir, links checked first."""
    found = [
        (SourceFile(uri, display_path(path)), path, str(path.absolute()))
        for uri, path in discover(docs_dir)
    ]
    links = check_links(
        (
            SiteFile(src.src_uri, default_dest(src.src_uri), src.display, abs_path)
            for src, _, abs_path in found
        ),
        docs_dir,
        project_roots(docs_dir.absolute().parent),
    )
    return load_content(
        ((src, path) for src, path, _ in found if src.src_uri not in links.unsafe),
        limits,
        unowned,
        problems=links.diagnostics,
        parallel=parallel,
    )
