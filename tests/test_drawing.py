"""Charts drawn at build time (journeysite/views/drawing.py): every chart of the demo portal has a
drawing of its own data, the same options give the same bytes, and text stays text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from journeysite.publish.render import Renderer, theme_dir
from journeysite.views.charts import Curve, Table, emotion_curves
from journeysite.views.drawing import draw
from tests.browser.harness import build_portal
from tests.conftest import REPO


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("demo") / "site"
    build_portal(REPO / "mkdocs.yml", site, "http://127.0.0.1:8000/")
    return site


def test_every_chart_of_the_demo_is_drawn_from_its_options(demo: Path) -> None:
    kinds: set[str] = set()
    charts = 0
    for html in sorted(demo.rglob("*.html")):
        for chart in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select(
            ".jm-chart"
        ):
            charts += 1
            options = json.loads(chart["data-jm-options"])
            kinds |= {s["type"] for s in options["series"]}
            drawing = chart.find("svg", class_="jm-svg", recursive=False)
            assert drawing is not None, chart["id"]
            assert drawing["aria-hidden"] == "true"  # the element's role=img names it
            marks = drawing.select("rect, circle, polygon, polyline")
            assert len(marks) >= 3, chart["id"]
    assert charts >= 15
    assert kinds == {"line", "bar", "scatter", "heatmap", "graph"}


def test_the_drawing_shows_every_point_and_category() -> None:
    table = Table("t", ["Stage", "Emotion"], [])
    chart = emotion_curves(
        "c", "t", "d", ["Sign up", "First bill", "Renewal"], [Curve("a", [4, 2, None])], table
    )
    drawing = draw(chart)
    texts = [s.text for s in drawing.shapes if s.tag == "text"]
    names = ["Sign up", "First bill", "Renewal"]
    assert [t for t in texts if t in names] == names
    assert sum(s.tag == "circle" for s in drawing.shapes) == 2  # a missing value draws no point
    assert draw(chart) == drawing  # the same options, the same shapes


def test_drawn_text_is_escaped_once() -> None:
    hostile = '</text><script>alert(1)</script>"'
    table = Table("t", ["Stage", "Emotion"], [])
    chart = emotion_curves("c", "t", "d", [hostile], [Curve("a", [3])], table)
    macros = Renderer([str(theme_dir())]).env.get_template("journeysite/_macros.html").module
    svg = str(macros.svg(draw(chart)))
    assert "<script>" not in svg
    assert "&lt;/text&gt;&lt;script&gt;" in svg
