"""A failed build leaves the last good site where it was.

MkDocs empties `site_dir` first and then writes page after page, so a build that fails half-way
(an error in a map, a strict-mode warning, a crash) leaves a half-written site or none. Instead the
plugin points MkDocs at a staging folder beside `site_dir` and, only when the build succeeded,
swaps it in: the old site is renamed aside, the new one renamed into place, the old one deleted.

Limits of the guarantee: the two renames are not one atomic step, so for a moment between them
`site_dir` does not exist (a server reading it then answers 404). Where renaming is impossible
(`site_dir` is a mount point or a link), the old contents are removed and the new ones moved in,
which is not atomic at all; the new site is complete by then, so only a reader during the move sees
a mix. Entries whose names start with a dot (a `.git` of a gh-pages checkout) are kept, as MkDocs
keeps them when it cleans `site_dir`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAGING_PREFIX = ".journeysite-new-"
RETIRED_PREFIX = ".journeysite-old-"


class StagedSite:
    """The staging and retired folders that belong to one `site_dir`."""

    def __init__(self, site_dir: str | os.PathLike[str]) -> None:
        self.site = Path(site_dir)
        self.staging = self.site.with_name(STAGING_PREFIX + self.site.name)
        self.retired = self.site.with_name(RETIRED_PREFIX + self.site.name)

    def begin(self) -> Path:
        """A fresh, empty staging folder (whatever an interrupted build left is cleared first)."""
        self.recover()
        _remove(self.staging)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        """Replace the site with the staged build."""
        if self.site.is_symlink():
            self._move_contents()
            return
        _remove(self.retired)
        if self.site.exists():
            self._keep_hidden_entries()
            try:
                os.rename(self.site, self.retired)
            except OSError:  # a mount point, or no permission on the parent: copy in place
                self._move_contents()
                return
        os.rename(self.staging, self.site)
        _remove(self.retired)

    def abandon(self) -> None:
        """After a failed build: drop the staging folder, keep (or put back) the old site."""
        _remove(self.staging)
        self.recover()

    def recover(self) -> None:
        """A build stopped between the two renames left the old site aside: put it back."""
        if self.retired.is_dir() and not self.site.exists():
            os.rename(self.retired, self.site)
        _remove(self.retired)

    def _keep_hidden_entries(self) -> None:
        for entry in self.site.iterdir():
            if entry.name.startswith(".") and not (self.staging / entry.name).exists():
                os.rename(entry, self.staging / entry.name)

    def _move_contents(self) -> None:
        target = self.site.resolve() if self.site.is_symlink() else self.site
        target.mkdir(parents=True, exist_ok=True)
        for entry in target.iterdir():
            if not entry.name.startswith("."):
                _remove(entry)
        for entry in self.staging.iterdir():
            if not (target / entry.name).exists():
                shutil.move(entry, target / entry.name)
        _remove(self.staging)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
