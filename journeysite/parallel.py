"""Load many files on all cores: what `journeysite check` does with a large portfolio.

Reading YAML is Python work, one file at a time, and files do not depend on each other until
the cross-file checks, which run afterwards in the calling process. Forked worker processes each
load a share of the files and send the LoadedFile objects back. Only used where forking is safe:
on platforms that have it, from a process without threads of its own (the CLI, not `mkdocs
serve`), and for enough files to pay for the workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from journeysite.limits import Limits
from journeysite.load import LoadedFile, SourceFile, load_bytes, load_path

FILES_PER_WORKER = 250
"""Fewer files than this per worker and starting the workers costs more than it saves."""
CHUNK = 64
"""Files per task: small enough to share the work evenly, large enough to send little."""

Source = tuple[SourceFile, bytes | Path]


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


def _load_chunk(chunk: Sequence[Source], limits: Limits) -> list[LoadedFile]:
    return [load_one(source, limits) for source in chunk]


def load_all(sources: Sequence[Source], limits: Limits, workers: int) -> list[LoadedFile]:
    """Every source loaded, in the order given, by `workers` forked processes."""
    chunks = [sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        loaded = pool.map(_load_chunk, chunks, [limits] * len(chunks))
        return [file for chunk in loaded for file in chunk]
