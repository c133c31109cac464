"""Local HTTP servers for tests: a built site served on the loopback address with Debian's
Chromium to look at it (browser tests), and `mkdocs serve` or `journeysite serve` run as a writer
runs them.

Material's instant navigation fetches pages, so sites are served over HTTP rather than file://.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, serve
from tests.conftest import REPO, Project

__all__ = [
    "MkDocsServer",
    "chromium",
    "journeysite_serve",
    "mkdocs_serve",
    "serve",
    "watch_errors",
]

WAIT = 120.0
"""Seconds a test waits for the server at most: a bound on polling, never an expectation."""
PAUSE = 0.2
PORT_TRIES = 5
"""Ports tried in turn when another process takes the chosen one before `mkdocs serve` binds it."""


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser; the test fails (not skips) when Chromium is missing."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"browser tests need Debian's chromium at {CHROMIUM} (see README)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch_errors(page: Any) -> list[str]:
    """Collect console errors and uncaught exceptions of a page, and requests to other hosts."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: None if r.url.startswith("http://127.0.0.1:") else errors.append(r.url),
    )
    return errors


# --- mkdocs serve -----------------------------------------------------------------------------


@dataclass
class MkDocsServer:
    """A running `mkdocs serve`: its address and everything it has printed so far."""

    process: subprocess.Popen[str]
    base: str
    output: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reader = threading.Thread(
            target=lambda: self.output.extend(iter(self.process.stdout.readline, "")), daemon=True
        )
        self.reader.start()

    def log(self) -> str:
        return "".join(self.output)

    def exited(self) -> bool:
        """Whether the process has ended; if so, all it printed is in the log."""
        if self.process.poll() is None:
            return False
        self.reader.join(timeout=30)
        return True

    def get(self, path: str) -> tuple[int, str]:
        """Status and text of a page; status 0 when the server did not answer."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def page(self, path: str) -> BeautifulSoup | None:
        status, html = self.get(path)
        return BeautifulSoup(html, "html.parser") if status == 200 else None

    def settled(self) -> bool:
        """Whether every rebuild the server has started has ended (it logs both)."""
        log = self.log()
        return log.count("Documentation built in") == log.count("Detected file changes") + 1

    def wait_for(self, what: str, ready: Callable[[], bool]) -> None:
        """Poll until `ready()` holds; fail with the server's output if it exits or WAIT passes."""
        deadline = time.monotonic() + WAIT
        while not ready():
            if self.exited():
                pytest.fail(f"mkdocs serve exited while waiting for {what}:\n{self.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"gave up waiting for {what}; mkdocs serve said:\n{self.log()}")
            time.sleep(PAUSE)


def _unused_port() -> int:
    """A port nothing listens on now; another process may still take it before we do."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


MKDOCS_SERVE = (sys.executable, "-m", "mkdocs", "serve")
JOURNEYSITE_SERVE = (sys.executable, "-m", "journeysite.cli", "serve")


def _start(
    project: Project, command: tuple[str, ...], args: tuple[str, ...]
) -> MkDocsServer | None:
    """The serve command on a port it has bound itself (None: another process took the port
    first).

    It reports "Serving on" only once bound, so nothing asks the port before it is ours."""
    address = f"127.0.0.1:{_unused_port()}"
    process = subprocess.Popen(
        [*command, "--dev-addr", address, *args],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = MkDocsServer(process, f"http://{address}/")
    bound = f"Serving on {server.base}"
    try:
        server.wait_for("the first build", lambda: bound in server.log() or server.exited())
    except BaseException:
        _stop(server)
        raise
    if bound in server.log():
        return server
    if f"[Errno {errno.EADDRINUSE}]" not in server.log():
        pytest.fail(f"mkdocs serve did not start:\n{server.log()}")
    return None


def _stop(server: MkDocsServer) -> None:
    """Ctrl-C, as a writer stops it (MkDocs then removes its temporary site); killed if stuck."""
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    server.reader.join(timeout=30)


@contextmanager
def mkdocs_serve(
    project: Project, *args: str, command: tuple[str, ...] = MKDOCS_SERVE
) -> Iterator[MkDocsServer]:
    """`mkdocs serve` (or `command`) in `project`, once it has built the site and answers."""
    for _ in range(PORT_TRIES):
        server = _start(project, command, args)
        if server:
            break
    else:
        pytest.fail(f"mkdocs serve found no free port in {PORT_TRIES} tries")
    try:
        yield server
    finally:
        _stop(server)


def journeysite_serve(project: Project, *args: str) -> Any:
    """`journeysite serve` in `project`, once it has built the site and answers."""
    return mkdocs_serve(project, *args, command=JOURNEYSITE_SERVE)
