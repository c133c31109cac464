"""`mkdocs serve` while a writer edits: a broken file never takes the server down; its errors show
in the terminal with file:line and on its page, and fixing the file recovers on the next save."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, Project

ATTEMPTS = 240  # polls, 0.25 s apart: a bound on waiting, not a speed assertion
PAUSE = 0.25


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen[str]
    base: str
    output: list[str] = field(default_factory=list)

    def log(self) -> str:
        return "".join(self.output)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_for(self, what: str, ready: Callable[[], bool]) -> None:
        for _ in range(ATTEMPTS):
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.log()}"
            if ready():
                return
            time.sleep(PAUSE)
        pytest.fail(f"timed out waiting for {what}; server output:\n{self.log()}")

    def page(self, path: str) -> BeautifulSoup | None:
        status, html = self.get(path)
        return BeautifulSoup(html, "html.parser") if status == 200 else None


@pytest.fixture
def server(minimal: Project) -> Iterator[Server]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=minimal.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    running = Server(process, f"http://127.0.0.1:{port}/")
    reader = threading.Thread(
        target=lambda: running.output.extend(iter(process.stdout.readline, "")), daemon=True
    )
    reader.start()
    try:
        yield running
    finally:
        process.kill()
        process.wait(timeout=30)
        reader.join(timeout=5)


def errors_panel(server: Server) -> list[str] | None:
    page = server.page("journeys/onboarding/")
    panel = page.select_one(".jm-errors") if page else None
    return [li.get_text(strip=True) for li in panel.select("li")] if panel else None


def heading(server: Server) -> str | None:
    page = server.page("journeys/onboarding/")
    h1 = page.select_one("article h1") if page else None
    return h1.get_text(strip=True) if h1 else None


def test_broken_file_shows_errors_and_recovers(minimal: Project, server: Server) -> None:
    server.wait_for("the first build", lambda: heading(server) == "Onboarding")
    journey = minimal.content / "journeys/onboarding.md"
    good = journey.read_text()

    journey.write_text(good.replace("    emotion: 4\n", "    emotion: 9\n"))
    message = "content/journeys/onboarding.md:10: error: stages[0].emotion: must be between 1 and 5 (got 9)"
    server.wait_for("the errors on the page", lambda: errors_panel(server) == [message])
    assert message in server.log()
    assert "Traceback" not in server.log()

    journey.write_text(good.replace("title: Onboarding", "title: Onboarding again"))
    server.wait_for("the recovered page", lambda: heading(server) == "Onboarding again")
    assert errors_panel(server) is None
    assert server.page("personas/newcomer/") is not None


def test_broken_yaml_and_dangling_reference_keep_the_server_up(
    minimal: Project, server: Server
) -> None:
    server.wait_for("the first build", lambda: heading(server) == "Onboarding")
    journey = minimal.content / "journeys/onboarding.md"
    good = journey.read_text()

    journey.write_text(good.replace("persona: newcomer", "persona: [newcomer"))
    server.wait_for("the YAML error on the page", lambda: bool(errors_panel(server)))
    assert errors_panel(server)[0].startswith("content/journeys/onboarding.md:")
    assert "invalid YAML" in errors_panel(server)[0]

    journey.write_text(good.replace("persona: newcomer", "persona: ghost"))
    expected = "content/journeys/onboarding.md:4: error: persona: unknown persona `ghost`"
    server.wait_for("the reference error on the page", lambda: errors_panel(server) == [expected])
    assert expected in server.log()

    journey.write_text(good)
    server.wait_for(
        "the recovered page",
        lambda: errors_panel(server) is None and heading(server) == "Onboarding",
    )
