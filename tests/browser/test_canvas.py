"""The journey map as a canvas, measured in Chromium: full width, the emotion lane in the grid's
columns, the sticky lane names of a wide map, the PNG download, landscape print, and persona
curves whose labels never overlap (drawn by ECharts, and at build time without JavaScript)."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from tests.browser.harness import (
    ECHARTS_LABEL_BOXES,
    SVG_LABEL_BOXES,
    Recorder,
    Site,
    build_portal,
    overlapping,
    recorded_page,
    serve,
    wait_for_charts,
)
from tests.conftest import Project

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
A4_LANDSCAPE_PRINTABLE_PX = round((297 - 20) / 25.4 * 96)
STAGE_NAMES = [
    "Noticing the fixed term is about to end",
    "Reading the renewal letter",
    "Comparing tariffs online",
    "Calling customer care about the offer",
    "Deciding whether to stay",
    "Switching or renewing",
    "The first bill after the change",
    "Settling into the new tariff",
    "Recommending it to a neighbour",
    "Reviewing the year",
]


def journey(title: str, stages: int, *, map_: str = "current", baseline: str = "") -> str:
    lines = ["---", "type: journey", f"title: {title}", "persona: pat", f"map: {map_}"]
    if baseline:
        lines.append(f"baseline: {baseline}")
    lines.append("stages:")
    for i in range(stages):
        emotion = (i * 2 + (1 if map_ == "future" else 0)) % 5 + 1
        lines += [
            f"  - name: {STAGE_NAMES[i]}",
            "    goal: Understand what happens next without calling anyone twice",
            "    actions: [Reads the letter twice, Looks up the tariff on the website]",
            '    thoughts: ["Why is this so complicated?"]',
            f"    emotion: {emotion}",
            "    pain_points: [{text: The new price is hidden on page three, severity: high}]",
            "    touchpoints:",
            f"      - {{name: Renewal letter {i}, channel: mail, emotion: {(emotion % 5) + 1}}}",
            f"      - {{name: Tariff page {i}, channel: web, emotion: {((emotion + 2) % 5) + 1}}}",
        ]
    return "\n".join([*lines, "---", ""])


@pytest.fixture(scope="module")
def canvas_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = Project(tmp_path_factory.mktemp("canvas") / "portal")
    project.content.mkdir(parents=True)
    project.configure()
    project.write("index.md", "# Home\n")
    project.write("personas/pat.md", "---\ntype: persona\nname: Pat Renter\n---\n")
    project.write("journeys/six.md", journey("Six stages", 6))
    project.write("journeys/wide.md", journey("Ten stages", 10))
    project.write(
        "journeys/six-future.md", journey("Six stages tomorrow", 6, map_="future", baseline="six")
    )
    root = project.root / "site"
    with serve(root) as base:
        build_portal(project.root / "mkdocs.yml", root, base)
        yield Site(root, base)


@pytest.fixture
def desktop(chromium, recorder: Recorder):
    with recorded_page(chromium, recorder, viewport=DESKTOP, accept_downloads=True) as page:
        yield page
    assert recorder.problems() == {}


def scroll_box(page) -> dict:
    return page.evaluate(
        """() => { const s = document.querySelector('.jm-canvas__scroll');
          return {scroll: s.scrollWidth, client: s.clientWidth,
                  page: document.documentElement.scrollWidth, window: window.innerWidth}; }"""
    )


def test_a_six_stage_map_fits_1440_px_without_scrolling(canvas_site: Site, desktop) -> None:
    desktop.goto(canvas_site.url("journeys/six/"))
    assert desktop.locator("thead th[data-stage]").count() == 6
    box = scroll_box(desktop)
    assert box["scroll"] <= box["client"], box
    assert box["page"] <= box["window"], box
    # Navigation and contents stepped aside: the grid has nearly the whole window.
    assert box["client"] > 0.9 * DESKTOP["width"]
    assert not desktop.locator(".md-sidebar--primary").is_visible()
    assert not desktop.locator(".md-sidebar--secondary").is_visible()


def test_a_wide_map_scrolls_sideways_with_the_lane_names_in_view(
    canvas_site: Site, desktop
) -> None:
    desktop.goto(canvas_site.url("journeys/wide/"))
    box = scroll_box(desktop)
    assert box["scroll"] > box["client"], box
    assert box["page"] <= box["window"], box  # the grid scrolls, not the page
    before = desktop.evaluate(
        """() => { const s = document.querySelector('.jm-canvas__scroll');
          const lane = s.querySelector('tbody th[scope=row]');
          return {lane: lane.getBoundingClientRect().left, box: s.getBoundingClientRect().left,
                  stage: s.querySelector('thead th[data-stage="0"]').getBoundingClientRect().left}; }"""
    )
    desktop.evaluate("document.querySelector('.jm-canvas__scroll').scrollLeft = 700")
    after = desktop.evaluate(
        """() => { const s = document.querySelector('.jm-canvas__scroll');
          const lanes = [...s.querySelectorAll('tbody th[scope=row], thead th.jm-grid__lane')];
          return {scrolled: s.scrollLeft, box: s.getBoundingClientRect().left,
                  lanes: lanes.map((l) => l.getBoundingClientRect().left),
                  stage: s.querySelector('thead th[data-stage="0"]').getBoundingClientRect().left,
                  hit: document.elementFromPoint(s.getBoundingClientRect().left + 20,
                        lanes[1].getBoundingClientRect().top + 8).closest('th') === lanes[1]}; }"""
    )
    assert after["scrolled"] == 700
    assert after["stage"] == pytest.approx(before["stage"] - 700, abs=1)
    assert all(left == pytest.approx(after["box"], abs=1) for left in after["lanes"])
    assert before["lane"] == pytest.approx(before["box"], abs=1)
    assert after["hit"], "the lane name is covered by the stage cells scrolled under it"


POINTS_IN_COLUMNS = """() => {
  const columns = {};
  document.querySelectorAll('table.jm-grid thead th[data-stage]').forEach((th) => {
    const r = th.getBoundingClientRect();
    columns[th.dataset.stage] = [r.left, r.right];
  });
  return [...document.querySelectorAll('.jm-lane__point')].map((p) => {
    const r = p.querySelector('circle.jm-face').getBoundingClientRect();
    return {stage: p.dataset.stage, kind: p.classList.contains('jm-lane__point--baseline'),
            x: r.left + r.width / 2, column: columns[p.dataset.stage],
            word: p.querySelector('text').textContent};
  });
}"""


@pytest.mark.parametrize("path", ["journeys/six/", "journeys/six-future/", "journeys/wide/"])
def test_every_lane_point_lies_inside_its_stage_column(canvas_site: Site, desktop, path) -> None:
    desktop.goto(canvas_site.url(path))
    points = desktop.evaluate(POINTS_IN_COLUMNS)
    stages = desktop.locator("thead th[data-stage]").count()
    assert {p["stage"] for p in points} == {str(i) for i in range(stages)}
    outside = [p for p in points if not p["column"][0] < p["x"] < p["column"][1]]
    assert outside == []
    assert all(p["word"] for p in points)
    baseline = [p for p in points if p["kind"]]
    if path == "journeys/six-future/":
        assert len(baseline) == 6  # the baseline's curve, one point per stage it keeps
        legend = desktop.locator("tr.jm-lane th .jm-lane__legend").inner_text()
        assert "Baseline: Six stages" in legend
        assert desktop.locator("tr.jm-lane line.jm-lane__line--baseline").count() > 0
    else:
        assert baseline == []


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    return struct.unpack(">II", data[16:24])


def test_download_map_as_png_saves_the_whole_grid(
    canvas_site: Site, desktop, tmp_path: Path
) -> None:
    desktop.goto(canvas_site.url("journeys/wide/"))
    button = desktop.get_by_role("button", name="Download map as PNG")
    assert button.is_visible()
    grid = desktop.evaluate(
        "() => { const t = document.querySelector('table.jm-grid');"
        " return [t.scrollWidth, t.scrollHeight]; }"
    )
    with desktop.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "wide.png"
    target = tmp_path / "map.png"
    download.save_as(target)
    width, height = png_size(target.read_bytes())
    # The whole grid, also the part scrolled out of view, at twice the CSS pixels.
    assert width == pytest.approx(2 * grid[0], abs=4)
    assert height == pytest.approx(2 * grid[1], abs=4)
    assert grid[0] > DESKTOP["width"]


def test_a_journey_prints_landscape_with_the_whole_grid(canvas_site: Site, desktop) -> None:
    desktop.goto(canvas_site.url("journeys/six-future/"))
    pdf = pypdf.PdfReader(io.BytesIO(desktop.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape, from the page's own @page
    assert "Six stages tomorrow" in pdf.pages[0].extract_text()
    desktop.emulate_media(media="print")
    desktop.set_viewport_size({"width": A4_LANDSCAPE_PRINTABLE_PX, "height": 800})
    fit = desktop.evaluate(
        """() => { const t = document.querySelector('table.jm-grid');
          const lane = t.querySelector('tr.jm-lane svg').getBoundingClientRect();
          return {grid: t.getBoundingClientRect().right, page: document.documentElement.clientWidth,
                  lane: lane.width, tools: getComputedStyle(document.querySelector('.jm-canvas__tools')).display}; }"""
    )
    assert fit["grid"] <= fit["page"] + 1, fit
    assert fit["lane"] > 100
    assert fit["tools"] == "none"  # no download button on paper


def test_persona_curves_are_small_multiples_whose_labels_never_overlap(
    canvas_site: Site, chromium, recorder: Recorder
) -> None:
    for viewport in (DESKTOP, {"width": 390, "height": 844}):
        with recorded_page(chromium, recorder, viewport=viewport) as page:
            page.goto(canvas_site.url("personas/pat/"))
            assert wait_for_charts(page) == 3
            ids = page.eval_on_selector_all(
                ".jm-persona-curves .jm-chart", "els => els.map(e => e.id)"
            )
            for chart_id in ids:
                labels = page.evaluate(ECHARTS_LABEL_BOXES, chart_id)
                assert overlapping(labels["boxes"]) == [], (viewport, chart_id)
                assert len(labels["boxes"]) >= 6  # the stage names are there, cut to their slots
        with recorded_page(
            chromium, recorder, viewport=viewport, java_script_enabled=False
        ) as page:
            page.goto(canvas_site.url("personas/pat/"))
            for chart_id in ids:
                boxes = page.evaluate(SVG_LABEL_BOXES, chart_id)
                assert len(boxes) >= 6
                assert overlapping(boxes) == [], (viewport, chart_id)
    assert recorder.problems() == {}


def test_echarts_takes_over_from_the_build_time_drawing(canvas_site: Site, desktop) -> None:
    desktop.goto(canvas_site.url("personas/pat/"))
    wait_for_charts(desktop)
    state = desktop.evaluate(
        """() => [...document.querySelectorAll('.jm-chart')].map((c) =>
          [c.querySelectorAll(':scope > svg.jm-svg').length, c.querySelectorAll('canvas').length])"""
    )
    assert state == [[0, 1]] * 3
