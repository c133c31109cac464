"""Files to definitions: read, split, parse, validate. One file at a time, no cross-file rules."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journeysite.content.diagnostics import Code, Diagnostic
from journeysite.content.frontmatter import (
    Locations,
    claims,
    decode,
    normalise_newlines,
    split,
    too_large,
)
from journeysite.content.validation import validate
from journeysite.format.limits import DEFAULT_LIMITS, Limits
from journeysite.format.models import Entity
from journeysite.format.vocabulary import ID_RE, slugify


@dataclass(frozen=True)
class SourceFile:
    """Where a definition came from: its URI inside the docs dir and the path shown in messages."""

    src_uri: str
    display: str
    name: str | None = None
    """The file name the id defaults to when it is not the URI's (`x.de.md`, a translation of x)."""


@dataclass
class Definition:
    type: str
    id: str
    model: Entity
    file: SourceFile
    locations: Locations
    body: str
    body_line: int

    @property
    def title(self) -> str:
        return self.model.title

    def line_of(self, *path: str | int) -> int:
        return self.locations.value(path).line

    def key_line(self, *path: str | int) -> int:
        return self.locations.key(path).line


@dataclass
class LoadedFile:
    file: SourceFile
    is_definition: bool
    definition: Definition | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    body: str = ""


def load_path(
    path: Path,
    file: SourceFile,
    limits: Limits = DEFAULT_LIMITS,
    load: Callable[..., LoadedFile] | None = None,
) -> LoadedFile:
    """Read a file from disk, never more than max_file_bytes + 1 bytes of it.

    A huge file is judged by its size and its head; a link to /dev/zero or a 50 MB file costs at
    most one limit's worth of memory.
    """
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            raw = stream.read(limits.max_file_bytes + 1)
    except OSError as exc:
        # Unreadable (a dangling link, a link loop, no permission): reported, and the page is
        # given no content so MkDocs does not fail reading it either.
        reason = exc.strerror or type(exc).__name__
        return LoadedFile(
            file,
            is_definition=True,
            diagnostics=[
                Diagnostic(
                    file.display,
                    1,
                    1,
                    "error",
                    Code.FILE_UNREADABLE,
                    f"cannot read the file ({reason}); fix or remove it",
                )
            ],
        )
    return (load or load_bytes)(raw, file, limits, size=max(size, len(raw)))


def load_bytes(
    raw: bytes, file: SourceFile, limits: Limits = DEFAULT_LIMITS, size: int | None = None
) -> LoadedFile:
    """Load one file's content; `size` is the whole file's when `raw` holds only its head."""
    size = len(raw) if size is None else size
    if size > limits.max_file_bytes:
        head = normalise_newlines(raw[: limits.max_file_bytes].decode("utf-8-sig", "replace"))
        if not claims(head):
            return LoadedFile(file, is_definition=False)  # a big ordinary page: MkDocs' business
        return LoadedFile(
            file, is_definition=True, diagnostics=[too_large(file.display, size, limits)]
        )
    text, problems = decode(raw, file.display, limits)
    if text is None:
        # Unreadable: treat as a definition only if it plausibly is one, so plain pages stay silent.
        return LoadedFile(file, is_definition=True, diagnostics=problems)
    doc = split(text, file.display, limits)
    loaded = LoadedFile(file, doc.is_definition, diagnostics=list(doc.diagnostics), body=doc.body)
    if not doc.is_definition or not isinstance(doc.data, dict):
        return loaded
    if "type" not in doc.data:
        loaded.is_definition = False
        loaded.body = text
        return loaded
    model, problems = validate(doc.data, doc.locations, file.display)
    loaded.diagnostics.extend(problems)
    ident = _identity(doc.data, file, doc.locations, loaded.diagnostics)
    if model is not None and ident is not None:
        loaded.definition = Definition(
            type=model.type,
            id=ident,
            model=model,
            file=file,
            locations=doc.locations.kept(),
            body=doc.body,
            body_line=doc.body_line,
        )
    return loaded


def _identity(
    data: dict, file: SourceFile, locations: Locations, diagnostics: list[Diagnostic]
) -> str | None:
    explicit = data.get("id")
    if explicit is not None:
        return explicit if isinstance(explicit, str) and ID_RE.fullmatch(explicit) else None
    stem = os.path.splitext(file.name or os.path.basename(file.src_uri))[0]
    if ID_RE.fullmatch(stem):
        return stem
    suggestion = slugify(stem) or "my-journey"
    diagnostics.append(
        Diagnostic(
            file.display,
            1,
            1,
            "error",
            Code.INVALID_ID,
            f"the file name `{stem}.md` does not make a valid id: rename it to "
            f"`{suggestion}.md` or set `id: {suggestion}`",
        )
    )
    return None


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as writers see it: relative to the working directory when inside it."""
    base = base or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
