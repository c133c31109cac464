"""Keep Python's cycle collector off the portfolio's long-lived objects.

A loaded portfolio is millions of container objects (models, location maps, MkDocs pages and
navigation) that live for the whole build. CPython's collector re-scans all of them in every
full collection, and page rendering triggers dozens of those: at 1 000 journeys 28 full
collections took 14 of 99 seconds, and each one grows with the portfolio, so the cost per journey
grew with the portfolio too (bench/README.md).

- `paused()`: no collections while files are loaded (journeysite/content/tree.py). Loading makes almost no cyclic garbage; the
  collector would only walk the growing heap again and again.
- `freeze()` once the long-lived objects exist (before pages are rendered): they move to the
  permanent generation, which collections skip. Garbage made while rendering is still collected.
- `thaw()` after the build, so `mkdocs serve` can free the previous build's objects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block (it is left as it was found)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze() -> None:
    gc.freeze()


def thaw() -> None:
    gc.unfreeze()
