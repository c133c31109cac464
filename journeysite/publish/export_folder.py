"""A private folder for the build's exports (portal.json, ownership.csv and .json).

They are written piece by piece (journeysite/exports/json_writer.py) and MkDocs copies them into the site
like any other file, so no export is ever held in memory whole. The folder is emptied after each
build, and removed with the process.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportFolder:
    def __init__(self) -> None:
        self._root: Path | None = None

    def write(self, src_uri: str, chunks: Iterable[str]) -> Path:
        """Write `chunks` as UTF-8 to a file named after `src_uri`; returns its path."""
        if self._root is None:  # made once per process, on first use
            self._root = Path(tempfile.mkdtemp(prefix="journeysite-exports-"))
            atexit.register(shutil.rmtree, self._root, ignore_errors=True)
        path = self._root / src_uri
        write_pieces(str(path), chunks)
        return path

    def clear(self) -> None:
        """Remove this build's files (MkDocs has copied them, or the build failed)."""
        if self._root is not None:
            for entry in self._root.iterdir():
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()


def write_pieces(path: str, chunks: Iterable[str]) -> None:
    """Write `chunks` as UTF-8 to `path`, making its folder."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.writelines(chunks)
