"""Journey pages printed to PDF by Chromium: the journey's content is there, navigation is not,
charts and grids fit the page."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
import yaml

from tests.browser.harness import REPO, Recorder, Site, wait_for_charts

pytestmark = pytest.mark.browser

A4_MARGIN = {"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"}
A4_PRINTABLE_PX = round((210 - 20) / 25.4 * 96)  # the width the page is laid out at
JOURNEYS = sorted(p.stem for p in (REPO / "content" / "journeys").glob("*.md"))


def front_matter(journey: str) -> dict:
    text = (REPO / "content" / "journeys" / f"{journey}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def squashed(text: str) -> str:
    """Text without whitespace: a line or word wrapped in a narrow column still matches."""
    return re.sub(r"\s+", "", text).lower()


def plain(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("journey", JOURNEYS)
def test_journey_prints_its_content_without_navigation(
    demo_site: Site, page, recorder: Recorder, journey: str
) -> None:
    data = front_matter(journey)
    page.goto(demo_site.url(f"journeys/{journey}/"))
    wait_for_charts(page)
    article = page.locator("article").inner_text()
    nav_only = {
        text
        for text in page.locator("nav.md-nav--primary a").all_inner_texts()
        if len(text.strip()) > 3 and text.strip() not in article
    }
    assert nav_only, "the navigation lists pages this journey does not mention"

    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    grid_rows = page.locator("table.jm-grid tr").all_inner_texts()
    printed = pdf_text(page.pdf(format="A4", margin=A4_MARGIN))
    flat = plain(printed)

    assert plain(data["title"]) in flat
    for stage in data["stages"]:
        assert plain(stage["name"]) in flat, stage["name"]
    pains = [
        p if isinstance(p, str) else p["text"]
        for s in data["stages"]
        for p in s.get("pain_points", [])
        + [q for t in s.get("touchpoints", []) for q in t.get("pain_points", [])]
    ]
    assert pains and any(plain(re.sub(r"[*`]", "", p)) in flat for p in pains)
    # Every row of the grid is on paper whole: no column was cut off at the page edge.
    assert len(grid_rows) > len(data["stages"])
    assert [row for row in grid_rows if squashed(row) not in squashed(printed)] == []
    assert [t for t in nav_only if plain(t) in flat] == []
    assert recorder.problems() == {}


@pytest.mark.parametrize("journey", JOURNEYS)
def test_print_layout_fits_charts_and_grids_to_the_page(
    demo_site: Site, page, journey: str
) -> None:
    page.goto(demo_site.url(f"journeys/{journey}/"))
    wait_for_charts(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    content = page.locator("article").bounding_box()
    assert content["width"] <= A4_PRINTABLE_PX
    for selector in ("table.jm-grid", ".jm-chart canvas"):
        for box in (element.bounding_box() for element in page.locator(selector).all()):
            assert box["x"] >= content["x"] - 1, selector
            assert box["x"] + box["width"] <= content["x"] + content["width"] + 1, selector
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-sidebar--secondary"):
        assert not page.locator(hidden).first.is_visible(), hidden
    # Data tables (the emotion lane's, and any chart's) are opened for print: numbers on paper too.
    tables = page.locator("details.jm-chart__data").count()
    assert tables >= 1 + page.locator(".jm-chart").count()
    assert page.locator("details.jm-chart__data[open]").count() == tables
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details.jm-chart__data[open]").count() == 0
