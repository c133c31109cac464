"""The portfolio and comparison charts as Chromium draws them: every chart renders from its JSON
options, without script errors and without a request to another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, serve
from tests.conftest import Project
from tests.test_baseline import TODAY, TOMORROW

pytestmark = pytest.mark.browser


PAGES = {  # page: how many charts it has
    "portfolio/pain-points/": 2,
    "portfolio/kpis/": 1,
    "portfolio/channels/": 1,
    "portfolio/evidence/": 1,
    "journeys/tomorrow/": 1,  # current vs future (its own curve is the grid's emotion lane)
}

CHART_STATE = """() => Array.from(document.querySelectorAll('.jm-chart')).map(el => {
  const chart = window.echarts.getInstanceByDom(el);
  const option = chart ? chart.getOption() : null;
  return {
    id: el.id,
    canvas: !!el.querySelector('canvas'),
    series: option ? option.series.map(s => s.type) : [],
  };
})"""


def test_portfolio_charts_draw_offline(minimal: Project) -> None:
    minimal.write("journeys/tomorrow.md", TOMORROW)
    minimal.write(
        "journeys/today.md",
        TODAY.replace(
            "persona: newcomer\n",
            "persona: newcomer\nkpis: [{name: CSAT, value: 70, target: 80, unit: '%'}]\n",
        ),
    )
    minimal.build()
    problems: list[str] = []
    foreign: list[str] = []
    drawn: dict[str, list[dict]] = {}
    with serve(minimal.site) as origin, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("pageerror", lambda err: problems.append(str(err)))
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(origin)
                else (foreign.append(route.request.url), route.abort())
            ),
        )
        for path in PAGES:
            page.goto(origin + path)
            page.wait_for_function("() => document.querySelectorAll('.jm-chart canvas').length")
            drawn[path] = page.evaluate(CHART_STATE)
        browser.close()
    assert problems == []
    assert foreign == []
    for path, count in PAGES.items():
        charts = drawn[path]
        assert len(charts) == count
        assert all(c["canvas"] and c["series"] for c in charts), (path, charts)
    assert drawn["portfolio/pain-points/"][0]["series"] == ["heatmap"]
    assert drawn["portfolio/channels/"][0]["series"] == ["bar", "line"]
    baseline = next(
        c for c in drawn["journeys/tomorrow/"] if c["id"] == "chart-journey-tomorrow-baseline"
    )
    assert baseline["series"] == ["line", "line"]
