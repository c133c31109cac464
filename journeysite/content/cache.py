"""What `mkdocs serve` keeps between rebuilds, so editing one file does not redo every file's work.

The plugin instance survives rebuilds (it defines `on_startup`). `LoadCache` hands back the very
same LoadedFile (Definition, model) for a file whose path, bytes and limits are unchanged; values
derived from those objects alone, such as chart options and their JSON, are memoised by the
objects' identity (`by_identity`, on only while serving), so they are reused too. Everything
that depends on other files (cross-references, indexes, navigation) is rebuilt on every build.
"""

from __future__ import annotations

import functools
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from journeysite.content.load import LoadedFile, SourceFile, load_bytes
from journeysite.format.limits import Limits

T = TypeVar("T")

_memos: list[OrderedDict] = []
_memoising = False


def memoise(enabled: bool) -> None:
    """Turn the `by_identity` memos on (for `mkdocs serve`) or off and empty them.

    Off for a one-off build: there every result is used once, and keeping them all would cost
    about 50 KB per journey (chart options and their JSON).
    """
    global _memoising
    _memoising = enabled
    if not enabled:
        for entries in _memos:
            entries.clear()


class LoadCache:
    """Parsed and validated files by src_uri, reused while display path, bytes and limits match."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[str, str, Limits, int | None], LoadedFile]] = {}
        self.hits = 0
        self.misses = 0

    def load(
        self, raw: bytes, file: SourceFile, limits: Limits, size: int | None = None
    ) -> LoadedFile:
        key = (file.display, hashlib.sha256(raw).hexdigest(), limits, size)
        entry = self._entries.get(file.src_uri)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]
        self.misses += 1
        loaded = load_bytes(raw, file, limits, size=size)
        self._entries[file.src_uri] = (key, loaded)
        return loaded

    def retain(self, src_uris: set[str]) -> None:
        """Forget files that are gone from the docs dir."""
        for uri in self._entries.keys() - src_uris:
            del self._entries[uri]


def by_identity(maxsize: int = 65536) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise a pure function of objects that are never mutated (models, option dicts).

    The key is the identity of each argument (of each item, for list and tuple arguments), and the
    arguments are kept alive with the result, so an id cannot be reused by another object while
    its entry exists. Unchanged files keep their objects across rebuilds (LoadCache), so results
    derived from them are computed once per serve session; a changed file's new objects miss.
    """

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        entries: OrderedDict[tuple, tuple[tuple, T]] = OrderedDict()
        _memos.append(entries)

        @functools.wraps(function)
        def memoised(*args: Any) -> T:
            if not _memoising:
                return function(*args)
            pinned = tuple(tuple(a) if isinstance(a, (list, tuple)) else a for a in args)
            key = tuple(_identity(a) for a in pinned)
            entry = entries.get(key)
            if entry is not None:
                entries.move_to_end(key)
                return entry[1]
            result = function(*args)
            entries[key] = (pinned, result)
            if len(entries) > maxsize:
                entries.popitem(last=False)
            return result

        return memoised

    return decorate


def _identity(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(id(v) for v in value)
    return id(value)
