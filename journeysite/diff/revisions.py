"""A content tree as it was at a git revision, read with `git ls-tree` and `git cat-file` (no checkout).

Both sides of a diff are loaded through the same `load_content` as a build, so a file that does
not parse at a revision is known (and reported) rather than crashing the comparison.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeysite.content.load import SourceFile
from journeysite.content.selection import DEFAULT_SELECTION, Selection
from journeysite.content.tree import Content, load_content
from journeysite.format.limits import DEFAULT_LIMITS, Limits

WORKING_TREE = "working tree"
DEFAULT_BRANCHES = ("main", "master")


class GitError(Exception):
    """A git command failed: not a repository, an unknown revision. The message is for the user."""


@dataclass(frozen=True)
class Unreadable:
    path: str
    side: str
    first_error: str

    @property
    def message(self) -> str:
        where = f"in the {WORKING_TREE}" if self.side == WORKING_TREE else f"at {self.side}"
        return f"could not read {self.path} {where}: {self.first_error}"


@dataclass
class Snapshot:
    """One side of a diff: the loaded content and a label for it (a short commit or the tree)."""

    label: str
    content: Content

    @property
    def unreadable(self) -> list[Unreadable]:
        found = []
        for loaded in self.content.files.values():
            if not loaded.is_definition or loaded.definition is not None:
                continue
            errors = sorted(d for d in loaded.diagnostics if d.severity == "error")
            if errors:
                first = errors[0]
                found.append(
                    Unreadable(
                        loaded.file.display, self.label, f"line {first.line}: {first.message}"
                    )
                )
        return sorted(found, key=lambda u: u.path)


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", *args], cwd=repo, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed (the diff reads revisions with git)") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[0] if detail else 'no message'}")
    return result.stdout


def repo_root(start: Path) -> Path:
    try:
        out = git(start, "rev-parse", "--show-toplevel")
    except GitError as exc:
        raise GitError(f"{start} is not inside a git repository") from exc
    return Path(out.decode().strip())


def resolve(repo: Path, rev: str) -> str:
    """The full commit id of `rev`, or a GitError naming the revision."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError as exc:
        raise GitError(f"unknown revision `{rev}`") from exc


def default_base(repo: Path) -> tuple[str, str]:
    """(revision, why): the merge-base of HEAD with main (or master), else HEAD itself."""
    for branch in DEFAULT_BRANCHES:
        try:
            resolve(repo, branch)
            base = git(repo, "merge-base", "HEAD", branch).decode().strip()
        except GitError:
            continue
        return base, f"merge-base of HEAD and {branch}"
    return resolve(repo, "HEAD"), "HEAD"


def short(repo: Path, commit: str) -> str:
    return git(repo, "rev-parse", "--short", commit).decode().strip()


def tree_sources(
    repo: Path, commit: str, docs_dir: PurePosixPath, selection: Selection = DEFAULT_SELECTION
) -> list[tuple[SourceFile, bytes]]:
    """The pages under `docs_dir` at `commit` that MkDocs would build (content/selection.py)."""
    at_root = docs_dir == PurePosixPath(".")
    spec = [] if at_root else ["--", f"{docs_dir}/"]
    listing = git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, *spec)
    entries: list[tuple[str, str, str]] = []
    for record in listing.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind != "blob" or mode == "120000":
            continue
        uri = PurePosixPath(path) if at_root else PurePosixPath(path).relative_to(docs_dir)
        entries.append((uri.as_posix(), path, blob))
    pages = selection.among(uri for uri, _, _ in entries)
    entries = [entry for entry in entries if entry[0] in pages]
    blobs = _read_blobs(repo, [blob for _, _, blob in entries])
    return [(SourceFile(uri, path), blobs[blob]) for uri, path, blob in sorted(entries)]


def _read_blobs(repo: Path, blobs: list[str]) -> dict[str, bytes]:
    """All blobs through one `git cat-file --batch`: thousands of files in one process."""
    if not blobs:
        return {}
    out = git(repo, "cat-file", "--batch", stdin="\n".join(blobs).encode() + b"\n")
    found: dict[str, bytes] = {}
    pos = 0
    for _ in blobs:
        header_end = out.index(b"\n", pos)
        blob, _kind, size = out[pos:header_end].decode().split()
        start = header_end + 1
        found[blob] = out[start : start + int(size)]
        pos = start + int(size) + 1
    return found


def at_revision(
    repo: Path,
    rev: str,
    docs_dir: Path,
    label: str | None = None,
    selection: Selection = DEFAULT_SELECTION,
    limits: Limits = DEFAULT_LIMITS,
) -> Snapshot:
    commit = resolve(repo, rev)
    relative = _relative_docs_dir(repo, docs_dir)
    sources = tree_sources(repo, commit, relative, selection)
    return Snapshot(label or short(repo, commit), load_content(sources, limits))


def working_tree(
    repo: Path,
    docs_dir: Path,
    selection: Selection = DEFAULT_SELECTION,
    limits: Limits = DEFAULT_LIMITS,
) -> Snapshot:
    """The files on disk, untracked ones included, with paths shown relative to the repository."""
    sources = selection.on_disk(docs_dir, base=repo)  # Paths: read with the size bound
    return Snapshot(WORKING_TREE, load_content(sources, limits))


def _relative_docs_dir(repo: Path, docs_dir: Path) -> PurePosixPath:
    try:
        return PurePosixPath(docs_dir.resolve().relative_to(repo.resolve()).as_posix())
    except ValueError as exc:
        raise GitError(
            f"the content directory {docs_dir} is outside the repository {repo}"
        ) from exc
