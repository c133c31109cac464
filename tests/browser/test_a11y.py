"""Accessibility of the demo portal in Chromium: axe-core on one page of every kind, in light and
dark, wide and narrow; charts with a name, a description, patterns besides colour and a data table."""

from __future__ import annotations

import os

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.browser.harness import AXE, Recorder, Site, wait_for_charts

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ')),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        reason = f"{AXE} is missing: run `npm ci --prefix tests/browser` (./dev test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return str(AXE)


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(path=axe_source)
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]


@pytest.mark.parametrize(
    ("scheme", "width"),
    [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)],
    ids=["light-desktop", "dark-desktop", "light-phone", "dark-phone"],
)
def test_axe_finds_nothing_serious_on_any_kind_of_page(
    demo_site: Site, page, recorder: Recorder, axe_source: str, scheme: str, width: int
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    pages = demo_site.representative_pages()
    assert {"", "journeys/", "journeys/smart-meter-installation-blueprint/"} <= set(pages)
    found = {}
    for path in pages:
        page.goto(demo_site.url(path))
        wait_for_charts(page)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        if violations := axe_violations(page, axe_source):
            found[path] = violations
    assert found == {}
    assert recorder.problems() == {}


def test_charts_have_a_name_a_description_patterns_and_a_data_table(demo_site: Site, page) -> None:
    checked = 0
    for path in demo_site.pages():
        if 'class="jm-chart"' not in demo_site.html(path):
            continue
        page.goto(demo_site.url(path))
        for index in range(wait_for_charts(page)):
            chart = page.locator(".jm-chart").nth(index)
            figure = page.locator(".jm-chart-figure").nth(index)
            name = figure.locator("figcaption").inner_text().strip()
            description = figure.locator(".jm-chart__desc").inner_text().strip()
            assert name and description, path
            # What a screen reader announces, computed by Chromium's accessibility tree.
            expect(page.get_by_role("img", name=name, exact=True)).to_have_count(1)
            expect(chart).to_have_accessible_description(description)
            aria, labelled = chart.evaluate(
                """el => { const o = echarts.getInstanceByDom(el).getOption();
                  return [o.aria, o.series.every(s => s.label && s.label.show)]; }"""
            )
            assert aria["enabled"] is True, path
            # Patterns besides colour, unless every value is written on the chart (a heatmap).
            assert aria["decal"]["show"] is True or labelled, path
            table = figure.locator("details table")
            assert table.locator("thead th[scope=col]").count() >= 2, path
            assert table.locator("tbody tr > th[scope=row]").count() >= 1, path
            checked += 1
    assert checked >= 10


def test_grids_and_tables_are_real_tables_with_headers(demo_site: Site) -> None:
    """Static check of every page: each journeysite table has a caption, column headers, and a
    header cell starting every body row, so screen readers announce what a cell belongs to."""
    tables = 0
    for path in demo_site.pages():
        soup = BeautifulSoup(demo_site.html(path), "html.parser")
        for table in soup.select("article table.jm-grid, article table.jm-table"):
            where = f"{path}: {table.caption.get_text(strip=True) if table.caption else table}"
            assert table.caption and table.caption.get_text(strip=True), where
            assert table.select("thead th[scope=col], thead th[scope=colgroup]"), where
            for row in table.select("tbody tr"):
                assert row.find("th", scope="row"), where
            tables += 1
    assert tables >= 20
