"""Fixtures for the browser tests: Debian's Chromium, and the demo portal built and served once."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.harness import (
    CHROMIUM,
    REPO,
    Recorder,
    Site,
    build_portal,
    launch,
    recorded_page,
    serve,
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Per module: Playwright's sync API runs one instance at a time in a thread, and other test
    modules start their own."""
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with launch() as browser:
        yield browser


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo portal (mkdocs.yml and content/ of this repo), built strict and served over HTTP."""
    root = tmp_path_factory.mktemp("demo") / "site"
    with serve(root) as base:
        build_portal(REPO / "mkdocs.yml", root, base)
        yield Site(root, base)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def page(chromium: object, recorder: Recorder) -> Iterator[object]:
    """A fresh browser page; requests to other hosts are refused and recorded in `recorder`."""
    with recorded_page(chromium, recorder, viewport={"width": 1280, "height": 900}) as p:
        yield p
