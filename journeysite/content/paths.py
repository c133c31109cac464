"""Where pages are written and what MkDocs may read: names and links that stay inside the site.

A definition's page URL comes from its file path (MkDocs' `dest_uri`), so a writer's file name
decides which file of the built site is written. Names that differ only in case or Unicode
normalisation (`Journeys/A.md`, `journeys/a.md`) land on one file on macOS and Windows, one page
silently replacing the other; `journeys/a.md` and `journeys/a/index.md` do so everywhere. Windows
cannot create reserved names (CON, NUL, COM1…) or names holding `<>:"|?*`. And MkDocs follows links:
a link in the docs dir to a file outside the project publishes whatever it points to (a key, the
CI's environment), a link to /dev/zero never finishes reading, a link to a parent folder loops.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeysite.content.diagnostics import Code, Diagnostic

WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)]
)
WINDOWS_FORBIDDEN = '<>:"|?*\\'


@dataclass(frozen=True)
class SiteFile:
    """A file of the site being built: where it comes from and where MkDocs writes it."""

    src_uri: str
    dest_uri: str
    display: str
    path: str | None = None
    """Its absolute path in the docs dir, links not resolved; None for files made in memory."""


@dataclass(frozen=True)
class LinkCheck:
    diagnostics: list[Diagnostic]
    unsafe: frozenset[str]
    """src_uris of the files that must be neither read nor published."""


def check_links(files: Iterable[SiteFile], docs_dir: Path, roots: Iterable[Path]) -> LinkCheck:
    """Files in the docs dir that are links (or sit in linked folders) leading outside `roots`, or
    inside a folder link that loops back to its own parent."""
    docs = os.path.abspath(docs_dir)
    real_docs = os.path.realpath(docs_dir)
    allowed = [os.path.realpath(root) for root in roots] + [real_docs]
    diagnostics: list[Diagnostic] = []
    unsafe: set[str] = set()
    reported: set[str] = set()
    for file in files:
        if file.path is None or not _inside(os.path.abspath(file.path), docs):
            continue  # theme assets and files other plugins made in memory
        if os.path.realpath(file.path) == os.path.join(real_docs, *file.src_uri.split("/")):
            continue  # no link on the way
        problem = _link_problem(file, docs, allowed)
        if problem is None:
            continue
        link, message = problem
        unsafe.add(file.src_uri)
        if link not in reported:
            reported.add(link)
            diagnostics.append(
                Diagnostic(_display_link(link), 1, 1, "error", Code.UNSAFE_PATH, message)
            )
    return LinkCheck(diagnostics, frozenset(unsafe))


def _link_problem(file: SiteFile, docs: str, allowed: list[str]) -> tuple[str, str] | None:
    assert file.path is not None
    parts = file.src_uri.split("/")
    for depth in range(1, len(parts) + 1):
        link = os.path.join(docs, *parts[:depth])
        if not os.path.islink(link):
            continue
        target = os.path.realpath(link)
        if depth < len(parts) and _inside(os.path.realpath(os.path.dirname(link)), target):
            return link, (
                "this folder is a link to a folder that contains it: MkDocs would walk it "
                "forever; remove the link"
            )
        if not any(_inside(target, root) for root in allowed):
            kind = "folder" if depth < len(parts) else "file"
            return link, (
                f"this {kind} is a link to `{target}`, outside the project: MkDocs would publish "
                "what it points to; copy the content in or remove the link"
            )
    return None


def _display_link(link: str) -> str:
    """The link itself (not where it leads), relative to the working directory when inside it."""
    relative = os.path.relpath(link)
    return (link if relative.startswith("..") else relative).replace(os.sep, "/")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_page_paths(definitions: Iterable[SiteFile], site: Iterable[SiteFile]) -> list[Diagnostic]:
    """Definition pages whose source or output path is unsafe on a common file system, or whose
    output is also another file's (exactly, or after case folding and Unicode normalisation)."""
    site = list(site)
    by_key: dict[str, list[SiteFile]] = defaultdict(list)
    for file in site:
        by_key[_fold(file.dest_uri)].append(file)
    diagnostics = []
    for file in definitions:
        message = _unsafe_name(file) or _collision(file, by_key[_fold(file.dest_uri)])
        if message:
            code = Code.PATH_COLLISION if message.startswith("this page") else Code.UNSAFE_PATH
            diagnostics.append(Diagnostic(file.display, 1, 1, "error", code, message))
    return diagnostics


def _fold(path: str) -> str:
    """The key under which macOS and Windows see a path: case and normalisation ignored."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", path).casefold())


def _collision(file: SiteFile, same: list[SiteFile]) -> str:
    others = sorted({f.display for f in same if f.src_uri != file.src_uri})
    if not others:
        return ""
    exact = any(f.dest_uri == file.dest_uri for f in same if f.src_uri != file.src_uri)
    where = (
        "the same file"
        if exact
        else "the same file on case-insensitive file systems (macOS, Windows)"
    )
    listed = ", ".join(f"`{o}`" for o in others)
    return (
        f"this page is written to `{file.dest_uri}`, {where} as {listed}: one page would "
        "overwrite the other; rename one of them"
    )


def _unsafe_name(file: SiteFile) -> str:
    for segment in [*file.src_uri.split("/"), *file.dest_uri.split("/")]:
        problem = _segment_problem(segment)
        if problem:
            return f"the name `{segment}` {problem}; rename it (letters, digits and hyphens are safe everywhere)"
    return ""


def _segment_problem(segment: str) -> str:
    for character in segment:
        if character in WINDOWS_FORBIDDEN:
            return f"holds `{character}`, which Windows does not allow in file names"
        if unicodedata.category(character) in ("Cc", "Cf"):
            return f"holds the invisible character U+{ord(character):04X}"
    if segment.split(".")[0].rstrip(" ").lower() in WINDOWS_RESERVED:
        return (
            "is reserved on Windows (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9): the page could "
            "not be written or checked out there"
        )
    if segment != segment.rstrip(". "):
        return "ends with a dot or a space, which Windows drops (two names could then collide)"
    if segment != segment.lstrip(" "):
        return "starts with a space"
    return ""


def project_roots(start: Path) -> list[Path]:
    """The folders links may point into: the Git work tree holding `start`, else `start` itself
    (the folder of mkdocs.yml; the folder holding the docs dir for `journeysite check`)."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return [folder]
    return [start]
