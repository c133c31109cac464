"""Build a portal, serve it on 127.0.0.1 and drive Debian's Chromium through it, recording every
request, console error, uncaught exception and dialog. Used by the browser tests and by
scripts/screenshots.py."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# True once journeysite.js has drawn every chart element on the page.
CHARTS_DRAWN = "() => [...document.querySelectorAll('.jm-chart')].every(el => el.hasAttribute('data-jm-drawn'))"

# For each chart: its id, and how many pixels of its canvas are not transparent.
CHART_PAINT = """() => [...document.querySelectorAll('.jm-chart')].map(el => {
  const canvas = el.querySelector('canvas');
  if (!canvas) return [el.id, 0];
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return [el.id, painted];
})"""


# The text boxes ECharts drew for a chart (by element id), in the chart's pixels: its label spans.
ECHARTS_LABEL_BOXES = """(id) => {
  const chart = echarts.getInstanceByDom(document.getElementById(id));
  const boxes = [];
  chart.getZr().storage.getDisplayList(true).forEach((el) => {
    if (!el.style || !el.style.text || el.type !== 'tspan') return;
    const r = el.getBoundingRect().clone();
    r.applyTransform(el.getComputedTransform());
    boxes.push({text: el.style.text, x: r.x, y: r.y, w: r.width, h: r.height});
  });
  return {width: chart.getWidth(), boxes};
}"""

# The text boxes of a chart's build-time SVG drawing (by element id), in page pixels.
SVG_LABEL_BOXES = """(id) => [...document.getElementById(id).querySelectorAll('svg.jm-svg text')]
  .map((t) => { const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; })"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of label boxes (`x`, `y`, `w`, `h`, `text`) that overlap."""
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 with a free port; yields the base URL.

    The port is bound before anything is built, so a portal can be built with its own address
    as `site_url` (Material's instant navigation only follows links listed in the sitemap)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_portal(config_file: Path, site_dir: Path, site_url: str, **overrides: object) -> None:
    """A real `mkdocs build` of `config_file` into `site_dir`, published at `site_url`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(
        str(config_file), site_dir=str(site_dir), site_url=site_url, strict=True, **overrides
    )
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()


@dataclass
class Site:
    root: Path
    base: str

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def pages(self) -> list[str]:
        """Every HTML page of the built site, as URL paths ("" is the home page)."""
        found = []
        for html in sorted(self.root.rglob("*.html")):
            rel = html.relative_to(self.root).as_posix()
            found.append(rel.removesuffix("index.html"))
        return found

    def html(self, path: str) -> str:
        file = (
            self.root / path / "index.html"
            if path == "" or path.endswith("/")
            else self.root / path
        )
        return file.read_text(encoding="utf-8")

    def representative_pages(self) -> list[str]:
        """One page per kind of page: journeysite pages grouped by their template (and map type),
        every other page (home, 404, generated pages without a journeysite class) on its own."""
        chosen: dict[str, str] = {}
        for path in self.pages():
            soup = BeautifulSoup(self.html(path), "html.parser")
            marker = soup.select_one(".jm-page")
            kind = f"{' '.join(marker['class'])}|{marker.get('data-map', '')}" if marker else path
            chosen.setdefault(kind, path)
        return list(chosen.values())


@dataclass
class Recorder:
    """What a browser context did that a reader of an offline, safe portal must never see."""

    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {name: value for name, value in vars(self).items() if value}

    def clear(self) -> None:
        for value in vars(self).values():
            value.clear()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "file"}:
        return True
    return parts.hostname in LOCAL_HOSTS


@contextmanager
def launch() -> Iterator[object]:
    """Debian's Chromium through Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def recorded_page(browser, recorder: Recorder, **context_options: object) -> Iterator[object]:
    """A page in a fresh context whose requests to any other host are recorded and refused."""
    context = browser.new_context(**context_options)

    def route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            recorder.foreign_requests.append(route.request.url)
            route.abort()

    def request(req) -> None:
        if not is_local(req.url) and req.url not in recorder.foreign_requests:
            recorder.foreign_requests.append(req.url)

    def dialog(d) -> None:
        recorder.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    context.route("**/*", route)
    context.on("request", request)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and recorder.console_errors.append(m.text))
    page.on("pageerror", lambda e: recorder.page_errors.append(str(e)))
    page.on("dialog", dialog)
    page.on("websocket", lambda ws: recorder.foreign_requests.append(ws.url))
    try:
        yield page
    finally:
        context.close()


def wait_for_charts(page) -> int:
    """Wait until journeysite.js drew every chart on the page; returns how many there are."""
    page.wait_for_function(CHARTS_DRAWN)
    return page.locator(".jm-chart").count()


def swapped(page, action) -> None:
    """Run `action` (a click, a history step) and wait until Material has swapped in the new page.

    With instant navigation the URL changes before the page arrives; the content container is
    replaced once it has, so wait for a container that was not there before."""
    page.evaluate("document.querySelector('[data-md-component=container]').__jmLeft = true")
    action()
    page.wait_for_function(
        "() => { const c = document.querySelector('[data-md-component=container]');"
        " return c !== null && !c.__jmLeft; }"
    )
