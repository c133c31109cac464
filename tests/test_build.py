"""Real MkDocs builds of small portals; assertions on the HTML a reader gets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.conftest import REPO, Project, chart_options, differences


def test_journey_page(minimal: Project) -> None:
    minimal.build()
    page = minimal.page("journeys/onboarding/")
    main = page.select_one("article")
    assert main.h1.get_text(strip=True) == "Onboarding"
    facts = {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(main.select(".jm-facts dt"), main.select(".jm-facts dd"), strict=True)
    }
    assert facts["Persona"] == "Nora Newcomer"
    assert facts["Owner"] == "Customer Care"
    assert facts["Status"] == "Validated"
    assert facts["Map type"] == "Current state"
    assert facts["Last reviewed"] == "May 1, 2026 · every 90 days"  # the date as English writes it
    assert main.select_one(".jm-facts a")["href"] == "../../personas/newcomer/"

    grid = main.select_one("table.jm-grid")
    assert [th.get_text(strip=True) for th in grid.select("thead th")] == [
        "Lane",
        "1. Sign up",
        "2. First bill",
    ]
    assert [th["data-stage"] for th in grid.select("thead th[data-stage]")] == ["0", "1"]
    lanes = {row.th.get_text(strip=True): row for row in grid.select("tbody tr")}
    assert list(lanes) == ["Touchpoints", "Emotion", "Pain points"]
    cells = lanes["Emotion"].select("td")
    assert [td["data-stage"] for td in cells] == ["0", "1"]
    # Each stage column draws its own points: the stage first, then its touchpoints.
    assert [
        [
            (p["data-stage"], p.title.get_text(), p.select_one("text").get_text())
            for p in td.select(".jm-lane__point")
        ]
        for td in cells
    ] == [
        [("0", "Sign up: 4 · positive", "positive"), ("0", "Web form: 3 · neutral", "neutral")],
        [("1", "First bill: 2 · negative", "negative")],
    ]
    assert all(p.select_one("circle.jm-face") for p in grid.select(".jm-lane__point"))
    assert cells[0].svg["aria-label"] == ("Emotion in Sign up: 4 · positive; Web form: 3 · neutral")
    assert lanes["Pain points"].get_text(" ", strip=True) == "Pain points High Bill is confusing"
    touchpoint = main.select_one("section#tp-web-form")
    assert "Channel Web" in touchpoint.get_text(" ", strip=True)
    assert "Owner Customer Care" in touchpoint.get_text(" ", strip=True)


def test_writer_prose_sits_between_header_and_generated_sections(minimal: Project) -> None:
    minimal.build()
    html = str(minimal.page("journeys/onboarding/").select_one("article"))
    assert html.index('class="jm-facts"') < html.index("Written by the research team.")
    assert html.index("Written by the research team.") < html.index('id="jm-map"')
    toc = [
        a.get_text(strip=True)
        for a in minimal.page("journeys/onboarding/").select(".md-nav--secondary a")
    ]
    assert toc[:3] == ["Notes", "Journey map", "Touchpoints"]


def test_journey_page_is_a_canvas_without_navigation_or_contents(minimal: Project) -> None:
    minimal.write(
        "journeys/onboarding.md",
        (minimal.content / "journeys/onboarding.md")
        .read_text(encoding="utf-8")
        .replace("type: journey", "type: journey\nhide: [toc]"),
    )
    minimal.build()
    page = minimal.page("journeys/onboarding/")
    assert page.select_one(".md-sidebar--primary").has_attr("hidden")
    assert page.select_one(".md-sidebar--secondary").has_attr("hidden")
    assert page.select_one("article .jm-canvas")
    button = page.select_one("button.jm-download")
    assert button.get_text() == "Download map as PNG"
    assert button.has_attr("hidden")  # journeysite.js shows it where it can make the image
    persona = minimal.page("personas/newcomer/")
    assert not persona.select_one(".md-sidebar--primary").has_attr("hidden")


def test_emotion_lane_keeps_its_data_table(minimal: Project) -> None:
    minimal.build()
    page = minimal.page("journeys/onboarding/")
    assert page.select_one("#chart-journey-onboarding-emotion") is None  # the lane replaces it
    details = page.select_one("details.jm-lane__data")
    assert details.summary.get_text() == "Data table: Emotion curve of Onboarding"
    rows = [
        [c.get_text(strip=True) for c in tr.select("th, td")] for tr in details.select("tbody tr")
    ]
    assert rows == [
        ["Sign up", "", "4 · positive"],
        ["Sign up", "Web form", "3 · neutral"],
        ["First bill", "", "2 · negative"],
    ]


def test_persona_page_lists_journeys_and_overlays_curves(minimal: Project) -> None:
    minimal.write(
        "journeys/onboarding-future.md",
        """
        ---
        type: journey
        title: Onboarding tomorrow
        persona: newcomer
        map: future
        baseline: onboarding
        stages:
          - name: Sign up
            emotion: 5
          - name: First bill
            emotion: 4
        ---
        """,
    )
    minimal.build()
    page = minimal.page("personas/newcomer/")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Nora Newcomer"
    assert "“I just want it to work.”" in article.select_one(".jm-quote").get_text()
    rows = [
        [c.get_text(" ", strip=True) for c in tr.select("th, td")]
        for tr in article.select("table.jm-journey-list tbody tr")
    ]
    assert rows[0][:3] == ["Onboarding", "Current state", "Validated"]
    assert rows[1][:3] == ["Onboarding tomorrow improves on Onboarding", "Future state", "Draft"]
    # Small multiples: one chart per journey, each with its own table; future maps dashed.
    charts = page.select(".jm-persona-curves .jm-chart")
    assert [c["id"] for c in charts] == [
        "chart-persona-newcomer-onboarding",
        "chart-persona-newcomer-onboarding-future",
    ]
    assert [page.select_one(f"#{c['aria-labelledby']}").get_text() for c in charts] == [
        "Onboarding (current state)",
        "Onboarding tomorrow (future state)",
    ]
    options = [chart_options(page, c["id"]) for c in charts]
    assert [o["series"][0]["lineStyle"]["type"] for o in options] == ["solid", "dashed"]
    assert [d["value"] for d in options[1]["series"][0]["data"]] == [
        ["Sign up", "5 · very positive"],
        ["First bill", "4 · positive"],
    ]
    assert all(c.select_one("svg.jm-svg polyline") for c in charts)  # drawn without JavaScript
    assert page.select_one("#chart-persona-newcomer-onboarding-future-figure table")
    future = minimal.page("journeys/onboarding-future/")
    baseline = future.select_one(".jm-facts a[href='../onboarding/']")
    assert baseline.get_text() == "Onboarding"
    assert "Future state" in minimal.page("journeys/onboarding/").select_one(".jm-facts").get_text()


def test_journeys_index_and_navigation(minimal: Project) -> None:
    minimal.build()
    index = minimal.page("journeys/")
    group = index.select_one("article h2")
    assert group.get_text(" ", strip=True) == "Nora Newcomer Households"
    assert index.select_one("table.jm-journey-list tbody th a").get_text() == "Onboarding"
    nav = [a.get_text(" ", strip=True) for a in index.select(".md-nav--primary .md-nav__link")]
    assert nav[:2] == ["Home", "Journeys"]
    assert "Nora Newcomer" in nav
    assert "Stakeholders" in nav
    assert nav.index("Onboarding") > nav.index("Nora Newcomer")


def test_pages_without_type_are_rendered_as_usual(minimal: Project) -> None:
    minimal.write("about.md", "---\ntitle: About us\n---\nPlain **page**.\n")
    minimal.build()
    page = minimal.page("about/")
    assert page.select_one("article h1").get_text(strip=True) == "About us"
    assert page.select_one("article strong").get_text() == "page"
    assert not page.select(".jm-page")


def test_user_text_is_escaped_and_inline_markdown_rendered(minimal: Project) -> None:
    minimal.write(
        "journeys/hostile.md",
        """
        ---
        type: journey
        title: "</script><script>alert(1)</script>"
        persona: newcomer
        goal: "**Bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ 7*7 }}"
        stages:
          - name: "--x_x--0_0--alert(1)--x_x--0_0--"
            emotion: 2
        ---
        """,
    )
    minimal.build()
    raw = (minimal.site / "journeys/hostile/index.html").read_text()
    assert "<script>alert(1)</script>" not in raw
    assert "<img src=x" not in raw
    assert 'href="javascript:' not in raw
    page = minimal.page("journeys/hostile/")
    goal = page.select_one(".jm-goal")
    assert goal.select("strong")[1].get_text() == "Bold"
    assert "<img src=x onerror=alert(1)>" in goal.get_text()
    assert "{{ 7*7 }}" in goal.get_text()
    point = page.select_one(".jm-lane__point")
    assert point.title.get_text() == "--x_x--0_0--alert(1)--x_x--0_0--: 2 · negative"
    persona_raw = (minimal.site / "personas/newcomer/index.html").read_text()
    assert "<script>alert(1)" not in persona_raw
    chart = minimal.page("personas/newcomer/").select_one("#chart-persona-newcomer-hostile")
    attribute = re.search(
        r'id="chart-persona-newcomer-hostile"[^>]*data-jm-options="([^"]*)"', persona_raw
    ).group(1)
    assert "<" not in attribute and ">" not in attribute
    options = json.loads(chart["data-jm-options"])
    assert options["xAxis"][0]["data"] == ["--x_x--0_0--alert(1)--x_x--0_0--"]
    assert chart.select_one("svg.jm-svg text")  # its drawing holds the same text, escaped


def test_build_is_deterministic(minimal: Project, tmp_path: Path) -> None:
    first = minimal.built_files(tmp_path / "first", 1)
    second = minimal.built_files(tmp_path / "second", 2)
    pages = ["journeys/onboarding/index.html", "personas/newcomer/index.html", "index.html"]
    assert set(pages) <= set(first)
    assert differences(first, second) == []
    html = first["journeys/onboarding/index.html"].decode()
    assert not re.search(r"[0-9a-f]{32}", html), "random chart ids leak into pages"


def test_build_with_errors_fails_with_all_messages_and_no_traceback(minimal: Project) -> None:
    minimal.write(
        "journeys/bad.md", "---\ntype: journey\ntitle: T\npersona: ghost\nstagse: []\n---\n"
    )
    minimal.write("personas/bad.md", "---\ntype: persona\nname: P\nchannels: email\n---\n")
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/journeys/bad.md:5: error: unknown field `stagse`; did you mean `stages`?"
        in result.stderr
    )
    assert (
        "content/journeys/bad.md:2: error: stages: required field `stages` is missing"
        in result.stderr
    )
    assert (
        "content/personas/bad.md:4: error: channels: expected a list (lines starting with `- `), got the text `email`"
        in result.stderr
    )
    assert "3 errors in journey maps" in result.stderr


def test_in_process_build_aborts_on_the_dangling_persona(
    minimal: Project, caplog: pytest.LogCaptureFixture
) -> None:
    minimal.write(
        "journeys/bad.md",
        "---\ntype: journey\ntitle: T\npersona: newcomr\nstages: [{name: A}]\n---\n",
    )
    with pytest.raises(Abort):
        minimal.build()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "journeysite: content/journeys/bad.md:4: error: persona: unknown persona `newcomr`; "
        "did you mean `newcomer`?",
        "1 error in journey maps; fix the lines above "
        "(run `journeysite check` to see them without building)",
    ]
    assert not minimal.site.exists()


def test_blueprint_lanes_and_kpis(minimal: Project) -> None:
    minimal.write(
        "journeys/install.md",
        """
        ---
        type: journey
        title: Meter install
        persona: newcomer
        map: blueprint
        kpis:
          - {name: CSAT, value: 82, target: 85, unit: "%", better: higher}
          - {name: Resolution time, value: 3, target: 4, unit: days, better: lower}
        stages:
          - name: Visit
            touchpoints:
              - name: Engineer visit
                channel: in-person
                owner: care
                physical_evidence: [Van, ID badge]
                frontstage: [Engineer installs meter]
                backstage: [Job scheduled in FSM]
                support: [Stock system]
                fail_point: true
        ---
        """,
    )
    minimal.build()
    page = minimal.page("journeys/install/")
    blueprint = page.select_one("table.jm-blueprint")
    rows = [tr.th.get_text(strip=True) for tr in blueprint.select("tbody tr")]
    assert rows == [
        "Physical evidence",
        "Customer actions",
        "Line of interaction",
        "Frontstage",
        "Line of visibility",
        "Backstage",
        "Line of internal interaction",
        "Support processes",
    ]
    assert "⚠ Fail point" in blueprint.get_text()
    kpis = [
        [c.get_text(" ", strip=True) for c in tr.select("th, td")]
        for tr in page.select("table.jm-kpis tbody tr")
    ]
    assert kpis == [
        ["CSAT", "Journey", "82 %", "85 %", "higher", "✗ Off target"],
        ["Resolution time", "Journey", "3 days", "4 days", "lower", "✓ On target"],
    ]


def test_demo_portal_builds_strict_without_warnings(tmp_path) -> None:
    project = Project(REPO)
    result = project.mkdocs("build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "site/journeys/solar-buyers-journey/index.html").is_file()


def test_check_command(minimal: Project) -> None:
    clean = minimal.journeysite("check", "content")
    assert clean.returncode == 0
    assert clean.stdout == ""
    assert "0 errors" in clean.stderr
    minimal.write(
        "journeys/bad.md",
        "---\ntype: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n    emotion: 9\n---\n",
    )
    bad = minimal.journeysite("check", "content")
    assert bad.returncode == 1
    assert (
        bad.stdout
        == "content/journeys/bad.md:7: error: stages[0].emotion: must be between 1 and 5 (got 9)\n"
    )
