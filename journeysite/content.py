"""A whole content tree, loaded and checked: what both the plugin and the CLI work from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journeysite.checks import build_portal
from journeysite.diagnostics import Diagnostic, SeverityLevel, has_errors
from journeysite.limits import DEFAULT_LIMITS, Limits
from journeysite.load import LoadedFile, SourceFile, discover, display_path, load_bytes
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
    sources: Iterable[tuple[SourceFile, bytes]],
    limits: Limits = DEFAULT_LIMITS,
    unowned: SeverityLevel | None = None,
) -> Content:
    """`unowned`: how an unowned touchpoint is reported (see `checks.build_portal`)."""
    files = {src.src_uri: load_bytes(raw, src, limits) for src, raw in sources}
    definitions = [f.definition for f in files.values() if f.definition is not None]
    portal, cross = build_portal(definitions, unowned)
    diagnostics = [d for f in files.values() for d in f.diagnostics] + cross
    return Content(portal, files, sorted(diagnostics))


def load_directory(
    docs_dir: Path, limits: Limits = DEFAULT_LIMITS, unowned: SeverityLevel | None = None
) -> Content:
    return load_content(
        (
            (SourceFile(uri, display_path(path)), path.read_bytes())
            for uri, path in discover(docs_dir)
        ),
        limits,
        unowned,
    )
