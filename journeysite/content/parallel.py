"""Work on many files on all cores: what `journeysite check` does with a large portfolio.

Reading YAML is Python work, one file at a time, and files do not depend on each other until
the cross-file checks, which run afterwards in the calling process. Forked worker processes each
take a share of the files and send back what the caller keeps of them, which should be small:
unpickling whole validated models took the parent as long as loading them took a worker. Only
used where forking is safe: on platforms that have it, from a process without threads of its
own (the CLI, not `mkdocs serve`), and for enough files to pay for the workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from journeysite.content.load import LoadedFile, SourceFile, load_bytes, load_path
from journeysite.format.limits import Limits

FILES_PER_WORKER = 250
"""Fewer files than this per worker and starting the workers costs more than it saves."""
CHUNK = 64
"""Files per task: small enough to share the work evenly, large enough to send little."""

Source = tuple[SourceFile, bytes | Path]
S = TypeVar("S")
R = TypeVar("R")


def worker_count(files: int) -> int:
    """How many processes should load `files` files (1: load them here)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, files // FILES_PER_WORKER))


def load_one(
    source: Source, limits: Limits, load: Callable[..., LoadedFile] = load_bytes
) -> LoadedFile:
    """One source: a Path is read from disk with a size bound, bytes are loaded as they are."""
    file, data = source
    return (
        load_path(data, file, limits, load) if isinstance(data, Path) else load(data, file, limits)
    )


def map_chunks(work: Callable[[Sequence[S]], list[R]], items: Sequence[S], workers: int) -> list[R]:
    """`work` over `items` in chunks, by `workers` forked processes (here when 1), in order.

    `work` must be picklable: a module-level function, or a functools.partial of one.
    """
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    if workers <= 1:
        return [result for chunk in chunks for result in work(chunk)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return [result for done in pool.map(work, chunks) for result in done]
