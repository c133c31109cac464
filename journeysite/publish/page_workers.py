"""A full build's pages written by two processes, with the output and the messages of one.

Writing pages (Material's templates, journeysite's, the search plugin's parsing) is most of a
build. Once every page's Markdown is read and the navigation is made (MkDocs' `on_env`), the
build forks: the child writes the last pages, the parent the first ones, each as MkDocs writes a
page (`mkdocs.commands.build._build_page`, MkDocs 1.6, which pyproject.toml pins). Both hold the
same state, so each page's bytes are what one process would write.

What the child does comes back in the order one process does it. Its log records are kept, not
shown: the parent shows those of its pages when its own last page is written, those of its
anchor checks after the parent's anchor checks, and an error of the child's aborts the build
there. Its search entries follow the parent's, as its pages follow the parent's pages.

Only builds whose plugins are known to keep no state across pages use it (a plugin that collects
pages for its `on_post_build` would miss the child's): journeysite and Material's search plugin.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import File, Files

KNOWN_PLUGINS = ("journeysite.plugin", "material.plugins.search.plugin", "mkdocs.contrib.search")
"""Modules of the plugins known to keep no state between pages beyond what is handed back."""
PAGE_EVENTS = ("on_page_context", "on_post_page", "on_post_build", "on_build_error")
MIN_PAGES = 200
"""Fewer pages than this are written in one process: forking would cost more than it saves."""
MAX_PAGES = 8000
"""More pages than this are written in one process unless asked: the child's own memory grows
with the portal (521 MB beside the parent's 1,178 MB at 10,000 journeys, 14,000 pages), which
would take the build past 1.5 GB (bench/README.md)."""
GENERATED_WEIGHT = 8
"""How many journey pages a generated page (portfolio, indexes, team pages) costs, about."""


@dataclass
class ChildResult:
    build_records: list[logging.LogRecord] = field(default_factory=list)
    anchor_records: list[logging.LogRecord] = field(default_factory=list)
    search_entries: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    private_mb: float = 0.0
    """Memory the child did not share with the parent when it ended (Linux; else 0)."""


def usable(config: Any, processes: int, pages: int) -> bool:
    """Whether this build may share its pages: fork, two cores, enough pages, known plugins."""
    if processes == 1 or not hasattr(os, "fork"):
        return False
    if processes == 0 and not (MIN_PAGES <= pages <= MAX_PAGES and (os.cpu_count() or 1) >= 2):
        return False
    for plugin in config.plugins.values():
        module = type(plugin).__module__
        if module.startswith(KNOWN_PLUGINS):
            continue
        if any(getattr(type(plugin), event, None) is not None for event in PAGE_EVENTS):
            return False
    return True


def split(files: Sequence[File], generated: set[str]) -> int:
    """Where the child's share starts: about half of the pages' cost."""
    weights = [GENERATED_WEIGHT if f.src_uri in generated else 1 for f in files]
    half, total = sum(weights) / 2, 0
    for position, weight in enumerate(weights):
        total += weight
        if total >= half:
            return position + 1
    return len(files)


class Child:
    """The forked process writing the last pages, and what it hands back."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self.reader = pid, reader
        self.result: ChildResult | None = None

    def wait(self) -> ChildResult:
        if self.result is None:
            with os.fdopen(self.reader, "rb") as stream:
                data = stream.read()
            os.waitpid(self.pid, 0)
            self.result = pickle.loads(data) if data else ChildResult(error="no result")
        return self.result

    def stop(self) -> None:
        """End the child of a build that failed before it was waited for."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.reader)


def fork(
    config: Any,
    env: Any,
    nav: Any,
    files: Files,
    pages: Sequence[File],
    share: Sequence[File],
    search: Any,
) -> Child:
    """Fork a child that writes `share` (the last of `pages`) as MkDocs would."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return Child(pid, reader)
    os.close(reader)
    code = 0
    try:
        result = _write_share(config, env, nav, files, pages, share, search)
        with os.fdopen(writer, "wb") as stream:
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the child must never return into the parent's build
        code = 1
    finally:
        os._exit(code)


def _write_share(
    config: Any,
    env: Any,
    nav: Any,
    files: Files,
    pages: Sequence[File],
    share: Sequence[File],
    search: Any,
) -> ChildResult:
    from mkdocs.commands.build import _build_page

    result = ChildResult()
    start = len(search.search_index.entries) if search is not None else 0
    with _captured(result.build_records):
        try:
            for file in share:
                assert file.page is not None
                excluded = file.inclusion.is_excluded()
                _build_page(file.page, config, pages, nav, env, False, excluded=excluded)
        except Exception:
            result.error = traceback.format_exc()
            return result
    level = config.validation.links.anchors
    with _captured(result.anchor_records):
        for file in share:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=level)
    if search is not None:
        result.search_entries = search.search_index.entries[start:]
    result.private_mb = _private_mb()
    return result


def _private_mb() -> float:
    """This process's private (unshared) memory in MiB, from /proc/self/smaps_rollup."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            fields = dict(line.split(":", 1) for line in rollup if ":" in line)
    except OSError:
        return 0.0
    kb = sum(int(fields.get(key, "0 kB").split()[0]) for key in ("Private_Clean", "Private_Dirty"))
    return kb / 1024


class _captured:
    """Keep the log records that reach handlers, instead of showing them (child process only)."""

    def __init__(self, into: list[logging.LogRecord]) -> None:
        self.into = into

    def __enter__(self) -> None:
        self.original = logging.Logger.callHandlers
        into = self.into

        def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
            into.append(_portable(record))

        logging.Logger.callHandlers = keep  # type: ignore[method-assign]

    def __exit__(self, *exc: object) -> None:
        logging.Logger.callHandlers = self.original  # type: ignore[method-assign]


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted, so it pickles whatever its arguments were."""
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info))
        record.exc_info = None
    return record


def replay(records: Sequence[logging.LogRecord]) -> None:
    """Show the child's records through the parent's loggers (strict mode counts them)."""
    for record in records:
        logging.getLogger(record.name).handle(record)
