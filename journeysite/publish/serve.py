"""`journeysite serve`: MkDocs' own development server and live reload, rebuilding only what an
edit touches.

It is `mkdocs serve --dirty` (mkdocs.commands.serve in MkDocs 1.6, followed step by step here)
with three differences. The plugin, not file dates, decides which pages a dirty build writes
(journeysite.publish.incremental), so the preview stays whole and MkDocs' warning that a dirty
build leaves navigation stale does not apply and is not shown. The docs dir is polled more often
than MkDocs' half second, since that wait would be most of the time from saving to seeing. And a
rebuild shows the edited page as soon as it is written (`PreviewServer.show_written`), then the
pages that depend on it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from os.path import isdir, isfile, join
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

log = logging.getLogger("mkdocs.commands.serve")

POLLING_INTERVAL = 0.1
"""Seconds between looks at the watched files (MkDocs: 0.5)."""
BUILD_DELAY = 0.05
"""Seconds without further changes before a rebuild starts (MkDocs: 0.1)."""


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that can show a rebuild's first pages before it ends.

    MkDocs holds every page request while a build runs and reloads browsers when it ends. The
    journeysite plugin calls `show_written` once the edited page is written: waiting requests are
    answered and browsers reload; the build goes on with the pages that show the edited one, and
    browsers reload again when it ends. This reads the server's epochs (`_wanted_epoch`,
    `_visible_epoch`), private to MkDocs 1.6, which pyproject.toml pins.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, polling_interval=POLLING_INTERVAL, **kwargs)
        self.build_delay = BUILD_DELAY
        self._shown_early = False

    def show_written(self) -> None:
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()
        self._shown_early = True

    def build_finished(self) -> None:
        """After a build that showed its first pages early: reload browsers once more."""
        if self._shown_early:
            self._shown_early = False
            with self._epoch_cond:
                self._wanted_epoch = max(self._wanted_epoch + 1, self._visible_epoch + 1)


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build leaves navigation stale; journeysite's does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def serve(
    config_file: str | None = None,
    *,
    dev_addr: str | None = None,
    open_in_browser: bool = False,
    strict: bool | None = None,
) -> None:
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    options: dict[str, Any] = {"site_dir": site_dir}
    if dev_addr is not None:
        options["dev_addr"] = dev_addr
    if strict is not None:
        options["strict"] = strict
    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())

    def get_config() -> Any:
        return load_config(config_file=config_file, **options)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(config: Any = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        try:
            build(config, serve_url=serve_url, dirty=True)
        finally:
            server.build_finished()

    server = PreviewServer(
        builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path
    )

    def error_handler(code: int) -> bytes | None:
        if code in (404, 500):
            error_page = join(site_dir, f"{code}.html")
            if isfile(error_page):
                with open(error_page, "rb") as f:
                    return f.read()
        return None

    server.error_handler = error_handler
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        if isdir(site_dir):
            shutil.rmtree(site_dir)
