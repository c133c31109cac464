"""What Material's search indexes of a journeysite page: all its words once, charts left out."""

from __future__ import annotations

import json
import os
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from journeysite.publish.search import index_chunks, material_search, search_html
from tests.conftest import Project


def entries(project: Project, page: str) -> dict[str, dict]:
    index = json.loads((project.site / "search/search_index.json").read_text(encoding="utf-8"))
    return {
        d["location"].removeprefix(page): d for d in index["docs"] if d["location"].startswith(page)
    }


def test_journey_sections_are_indexed_flat_and_once(minimal: Project) -> None:
    minimal.build()
    found = entries(minimal, "journeys/onboarding/")
    # The writer's part keeps its markup; generated sections keep their headings and ids.
    assert found["#notes"]["text"] == "<p>Written by the research team.</p>"
    assert found[""]["title"] == "Onboarding"
    assert found["#tp-web-form-name"]["title"] == "Web form"
    assert "#jm-map" in found and "#jm-sources" in found
    assert "#jm-emotion-curve" not in found  # the chart's points are in the grid already
    text = " ".join(d["text"] for d in found.values())
    assert "4 · positive" not in text  # neither the emotion lane nor its data table is indexed
    assert text.count("Bill is confusing") == 1
    assert "First bill" in found["#jm-map"]["text"]
    # The page itself is complete: the search plugin saw the flat HTML, readers get the page.
    page = minimal.page("journeys/onboarding/")
    assert page.select_one("details.jm-lane__data table")
    assert page.select_one("table.jm-grid tr.jm-lane svg")
    toc = [a.get_text(strip=True) for a in page.select(".md-nav--secondary a")]
    assert toc[:3] == ["Notes", "Journey map", "Touchpoints"]


def test_hostile_text_stays_text_in_the_index(minimal: Project) -> None:
    minimal.write(
        "journeys/hostile.md",
        """
        ---
        type: journey
        title: Hostile
        persona: newcomer
        stages:
          - name: "</script><script>alert(1)</script>"
            pain_points: ["<img src=x onerror=alert(1)>"]
        ---
        """,
    )
    minimal.build()
    raw = (minimal.site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    assert "<img src=x" not in raw
    text = entries(minimal, "journeys/hostile/")["#jm-map"]["text"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_marked_elements_are_left_out_with_everything_inside() -> None:
    html = (
        "<p>Writer's text</p>"
        '<h2 id="jm-a">A<a class="headerlink" href="#jm-a">¶</a></h2>'
        "<div><p>kept <strong>bold</strong> text</p>"
        "<div data-search-exclude><div><p>inner</p></div><p>also hidden</p></div>"
        "<p>after</p></div>"
        '<h3 id="tp-form-name">Form</h3><ul><li>after</li></ul>'
        '<h3 id="tp-other-name">Other</h3><ul><li>new</li></ul>'
    )
    assert search_html(html) == (
        "<p>Writer's text</p>"
        '<h2 id="jm-a">A</h2><p>kept bold text after</p>'
        '<h3 id="tp-form-name">Form</h3>'  # nothing new under it, but a touchpoint stays a result
        '<h3 id="tp-other-name">Other</h3><p>new</p>'
    )
    assert search_html("<h1>Plain page</h1><p>text</p>") is None


def build_keeping_plugins(project: Project, dirty: bool = False) -> Any:
    """A real build whose plugin instances stay inspectable afterwards."""
    config = load_config(str(project.root / "mkdocs.yml"))
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        config.plugins.on_startup(command="build", dirty=dirty)
        build(config, dirty=dirty)
        config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return config


def test_index_is_written_in_pieces_with_the_search_plugins_bytes(minimal: Project) -> None:
    minimal.write(
        "journeys/odd.md",
        '---\ntype: journey\ntitle: "Café \\"quoted\\" back\\\\slash 🚲"\npersona: newcomer\n'
        "stages:\n  - name: </script> stage\n---\n",
    )
    config = build_keeping_plugins(minimal)
    search = config.plugins["material/search"]
    # The search plugin's own write was skipped for that build only: it indexes the next one.
    assert search.config.enabled
    assert material_search(config) is search  # so journeysite wrote the file, in pieces
    expected = search.search_index.generate_search_index(None)
    assert "".join(index_chunks(search.search_index)) == expected
    written = (minimal.site / "search/search_index.json").read_bytes()
    assert written == expected.encode("utf-8")
    assert (
        b"Caf\\u00e9" in written and b"\\ud83d\\udeb2" in written
    )  # JSON escapes, like json.dumps


def test_a_dirty_build_leaves_the_index_to_the_search_plugin(minimal: Project) -> None:
    build_keeping_plugins(minimal)
    (minimal.site / "search/search_index.json").unlink()
    config = build_keeping_plugins(minimal, dirty=True)
    search = config.plugins["material/search"]
    assert material_search(config) is None and search.config.enabled
    index = json.loads((minimal.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"] == "journeys/onboarding/" for d in index["docs"])


def test_ownership_pages_are_found_by_title_not_by_every_touchpoint(minimal: Project) -> None:
    minimal.build()
    team = entries(minimal, "ownership/care/")
    assert list(team) == ["", "#customer-care-ownership"]  # the page and its heading, no more
    assert team[""]["title"] == "Customer Care: ownership"
    assert "Owns1 touchpoint" in team["#customer-care-ownership"]["text"]
    matrix = entries(minimal, "ownership/")
    assert not any("Web form" in d["text"] for d in matrix.values())
    # The touchpoint is still found where it is written.
    assert entries(minimal, "journeys/onboarding/")["#tp-web-form-name"]["title"] == "Web form"


def test_portfolio_tables_and_charts_are_found_on_their_journeys_not_again(
    minimal: Project,
) -> None:
    minimal.build()
    index = json.loads((minimal.site / "search/search_index.json").read_text(encoding="utf-8"))
    portfolio = [d for d in index["docs"] if d["location"].startswith("portfolio/")]
    assert {d["title"] for d in portfolio} >= {"Pain-point heatmap", "KPI board", "Channels"}
    text = " ".join(d["text"] for d in portfolio)
    assert "Bill is confusing" not in text  # the pain point, listed in the heatmap's table
    assert "Web form" not in text  # the touchpoint, listed under its channel
    assert "data-jm-options" not in json.dumps(index)  # no chart, on any page
    found = [d for d in index["docs"] if "Bill is confusing" in d["text"]]
    assert [d["location"] for d in found] == ["journeys/onboarding/#jm-map"]
