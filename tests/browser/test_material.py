"""Charts under Material's features: instant navigation, the light/dark palette switch, resizing."""

from __future__ import annotations

import pytest

from tests.browser.harness import CHART_PAINT, Recorder, Site, swapped, wait_for_charts

pytestmark = pytest.mark.browser

# The ECharts instance ids of the charts on the page now, and of every chart element seen before.
REMEMBER_CHARTS = """() => {
  window.__jmSeen = window.__jmSeen || [];
  for (const el of document.querySelectorAll('.jm-chart')) {
    window.__jmSeen.push({el, id: echarts.getInstanceByDom(el).id});
  }
}"""
LIVE_SEEN = """() => window.__jmSeen
  .filter(({el, id}) => echarts.getInstanceById(id) !== undefined || echarts.getInstanceByDom(el) !== undefined)
  .map(({el}) => el.id + (el.isConnected ? '' : ' (detached)'))"""
CURRENT = "() => [...document.querySelectorAll('.jm-chart')].map(el => el.id)"
THEMES = (
    "() => [...document.querySelectorAll('.jm-chart')].map(el => el.getAttribute('data-jm-theme'))"
)


def click_nav(page, path: str) -> None:
    """Follow the primary navigation's link to `path`, as a reader would."""
    swapped(page, page.locator(f"nav.md-nav--primary a[href$='/{path}']").first.click)
    assert page.url.endswith(f"/{path}")


def test_instant_navigation_draws_new_charts_and_disposes_old(
    demo_site: Site, page, recorder: Recorder
) -> None:
    page.goto(demo_site.url("personas/price-conscious-renter/"))
    wait_for_charts(page)
    page.evaluate("window.__jmSamePage = true")
    page.evaluate(REMEMBER_CHARTS)
    # A journey page hides the navigation (a canvas): its persona link leads back.
    back = "article .jm-facts a[href$='/personas/price-conscious-renter/']"
    route = [
        ("journeys/tariff-lead-nurturing/", "nav.md-nav--primary a[href$='/{}']"),
        ("personas/price-conscious-renter/", back),
        ("stakeholders/", "nav.md-nav--primary a[href$='/{}']"),
        ("journeys/", "nav.md-nav--primary a[href$='/{}']"),
    ]
    for path, link in route:
        swapped(page, page.locator(link.format(path)).first.click)
        assert page.url.endswith(f"/{path}")
        charts = wait_for_charts(page)
        # No reload happened: the window (and our marker) survived the navigation.
        assert page.evaluate("window.__jmSamePage") is True, path
        assert page.locator("article h1").first.inner_text() != ""
        assert all(painted > 1000 for _, painted in page.evaluate(CHART_PAINT)), path
        # Only the charts on screen are alive: every chart of the pages left behind was disposed.
        assert page.evaluate(LIVE_SEEN) == [], path
        if charts:
            page.evaluate(REMEMBER_CHARTS)
            assert page.evaluate(LIVE_SEEN) == page.evaluate(CURRENT)
    swapped(page, page.go_back)  # back through history (popstate), still no reload
    assert page.url.endswith("/stakeholders/")
    assert wait_for_charts(page) == 2
    assert page.evaluate("window.__jmSamePage") is True
    assert recorder.problems() == {}


def test_palette_switch_redraws_charts_in_the_dark_theme_and_back(
    demo_site: Site, page, recorder: Recorder
) -> None:
    page.goto(demo_site.url("personas/solar-curious-homeowner/"))
    wait_for_charts(page)
    # one small chart per journey (two), then emotion by phase
    assert page.evaluate(THEMES) == ["light", "light", "light"]
    chart = "echarts.getInstanceByDom(document.querySelector('.jm-chart'))"
    light = page.evaluate(f"{chart}.getDataURL()")

    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function(f"({THEMES})().every(t => t === 'dark')")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate(f"{chart}.getDataURL()") != light

    # The choice holds on the next page, reached by instant navigation.
    click_nav(page, "stakeholders/")
    wait_for_charts(page)
    assert page.evaluate(THEMES) == ["dark", "dark"]

    page.get_by_title("Switch to light mode").click()
    page.wait_for_function(f"({THEMES})().every(t => t === 'light')")
    assert recorder.problems() == {}


def test_charts_follow_the_window_size(demo_site: Site, page, recorder: Recorder) -> None:
    width = "() => document.querySelector('.jm-chart canvas').getBoundingClientRect().width"
    fits = "() => Math.abs(document.querySelector('.jm-chart canvas').getBoundingClientRect().width - document.querySelector('.jm-chart').clientWidth) < 1"
    page.goto(demo_site.url("portfolio/channels/"))
    wait_for_charts(page)
    wide = page.evaluate(width)
    page.set_viewport_size({"width": 480, "height": 900})
    page.wait_for_function(f"({width})() < {wide} - 50 && ({fits})()")
    narrow = page.evaluate(width)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(f"({width})() > {narrow} + 50 && ({fits})()")
    assert page.evaluate(width) == wide
    assert recorder.problems() == {}


def test_charts_and_tables_work_when_the_site_is_opened_from_disk(
    demo_site: Site, page, recorder: Recorder
) -> None:
    """A portal copied to a laptop and opened by double-clicking: no server, no Material document$."""
    page.goto((demo_site.root / "ownership/index.html").as_uri())
    page.wait_for_selector("table[data-jm-sortable][data-jm-enhanced]")
    page.goto((demo_site.root / "personas/price-conscious-renter/index.html").as_uri())
    assert wait_for_charts(page) >= 1
    assert all(painted > 1000 for _, painted in page.evaluate(CHART_PAINT))
    assert recorder.foreign_requests == []
