"""Every page of the demo portal, loaded in Chromium: no request leaves 127.0.0.1, nothing errors,
every chart is drawn by the ECharts copy shipped in the package."""

from __future__ import annotations

import pytest

from tests.browser.harness import CHART_PAINT, REPO, Recorder, Site, wait_for_charts

pytestmark = pytest.mark.browser

VENDOR = "assets/journeysite/vendor/echarts"


def test_every_page_loads_offline_without_errors(demo_site: Site, page, recorder: Recorder) -> None:
    pages = demo_site.pages()
    assert {"", "journeys/", "404.html"} <= set(pages)
    assert any(p.startswith("personas/") for p in pages)
    assert any(p.startswith("stakeholders/") for p in pages)
    problems: dict[str, dict[str, list]] = {}
    charts = 0
    for path in pages:
        recorder.clear()
        page.goto(demo_site.url(path), wait_until="networkidle")
        charts += wait_for_charts(page)
        blank = [chart for chart, painted in page.evaluate(CHART_PAINT) if painted < 1000]
        found = recorder.problems() | ({"blank charts": blank} if blank else {})
        if found:
            problems[path] = found
    assert problems == {}
    assert charts >= 10  # every journey and persona page of the demo has one


def test_echarts_6_is_served_from_the_package_with_its_licence(demo_site: Site, page) -> None:
    page.goto(demo_site.url("journeys/moving-home/"))
    wait_for_charts(page)
    assert page.evaluate("echarts.version").startswith("6.")
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert demo_site.url(f"{VENDOR}/echarts.min.js") in scripts
    shipped = REPO / "theme" / VENDOR
    for name in ("LICENSE", "NOTICE", "echarts.min.js"):
        assert (demo_site.root / VENDOR / name).read_bytes() == (shipped / name).read_bytes()
    assert "Apache License" in (shipped / "LICENSE").read_text()
    assert "Apache ECharts" in (shipped / "NOTICE").read_text()
    assert (shipped / "VERSION").read_text().strip() == page.evaluate("echarts.version")
