"""A built site served on the loopback address and Debian's Chromium to look at it, for browser tests.

Material's instant navigation fetches pages, so sites are served over HTTP rather than file://.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["chromium", "serve", "watch_errors"]


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
