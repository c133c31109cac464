"""Current vs future through real builds: the future map's page and the persona page show what
changes against the baseline; a baseline that does not exist is an error, and serving goes on."""

from __future__ import annotations

import json
import os

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import Project, chart_options

TODAY = """
---
type: journey
title: Today
persona: newcomer
stages:
  - name: Sign up
    emotion: 2
    touchpoints:
      - name: Web form
        channel: web
      - name: Call centre
        channel: phone
        pain_points: [{text: Long wait, severity: high}]
  - name: First bill
    emotion: 2
    pain_points: [{text: Bill is confusing, severity: high}]
  - name: Renewal
    emotion: 3
---
"""

TOMORROW = """
---
type: journey
title: Tomorrow
persona: newcomer
map: future
baseline: today
stages:
  - name: "sign  up"
    emotion: 4
    touchpoints:
      - name: Web form v2
        id: web-form
        channel: web
      - name: App
        channel: mobile-app
        pain_points: [App crashes]
  - name: First bill
    pain_points: ["bill is  confusing"]
    touchpoints:
      - name: Bill in app
        emotion: 4
      - name: Bill email
        emotion: 5
  - name: Referral
    emotion: 5
---
"""


def rows(table: Tag) -> list[list[str]]:
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in tr.select("th, td")]
        for tr in table.select("tbody tr")
    ]


def cards(section: Tag) -> dict[str, list[tuple[str, str]]]:
    """Each change card's title and its items' text with the link they point to."""
    found = {}
    for card in section.select(".jm-changes .jm-card"):
        title = card.find(["h3", "h4"]).get_text(strip=True)
        found[title] = [
            (" ".join(li.get_text(" ", strip=True).split()), li.select("a")[-1]["href"])
            for li in card.select("li")
        ]
    return found


@pytest.fixture
def maps(minimal: Project) -> Project:
    minimal.write("journeys/today.md", TODAY)
    minimal.write("journeys/tomorrow.md", TOMORROW)
    return minimal


def test_future_page_compares_with_its_baseline(maps: Project) -> None:
    maps.build()
    page = maps.page("journeys/tomorrow/")
    section = page.select_one("article .jm-changes")
    assert page.select_one("#jm-baseline").get_text(strip=True) == "Current vs future¶"
    assert section.select_one(".jm-changes__summary").get_text(" ", strip=True) == (
        "Compared with Today : 3 touchpoints added, 1 removed; 1 pain point resolved, 1 new, "
        "1 still open."
    )
    # Stages paired by journeysite.format.stages: by name whatever the case and spacing, and
    # Renewal → Referral as a rename in place, as the diff between revisions pairs them.
    assert rows(section.select_one("table.jm-stage-deltas")) == [
        ["sign up", "2 negative", "4 positive", "▲ Better by 2"],
        ["First bill", "2 negative", "4.5 positive", "▲ Better by 2.5"],
        ["Referral (was Renewal)", "3 neutral", "5 very positive", "▲ Better by 2"],
    ]
    assert cards(section) == {
        "Touchpoints added (3)": [
            ("App (sign up)", "./#tp-app"),
            ("Bill in app (First bill)", "./#tp-bill-in-app"),
            ("Bill email (First bill)", "./#tp-bill-email"),
        ],
        "Touchpoints removed (1)": [("Call centre (Sign up)", "../today/#tp-call-centre")],
        "Pain points resolved (1)": [
            ("High Long wait ( Sign up › Call centre )", "../today/#tp-call-centre")
        ],
        "New pain points (1)": [("App crashes ( sign up › App )", "./#tp-app")],
    }
    chart = chart_options(page, "chart-journey-tomorrow-baseline")
    assert chart["xAxis"][0]["data"] == ["sign  up", "First bill", "Referral"]
    baseline, future = chart["series"]
    assert (baseline["name"], baseline["lineStyle"]["type"]) == ("Current state: Today", "solid")
    assert (future["name"], future["lineStyle"]["type"]) == ("Future state: Tomorrow", "dashed")
    assert baseline["symbol"] != future["symbol"]  # not colour alone
    assert [d["value"] for d in baseline["data"]] == [
        ["sign  up", "2 · negative"],
        ["First bill", "2 · negative"],
        ["Referral", "3 · neutral"],
    ]
    assert [d["value"][0] for d in future["data"]] == ["sign  up", "First bill", "Referral"]
    description = page.select_one("#chart-journey-tomorrow-baseline-desc").get_text()
    assert "Of 3 stages in both, 3 improve, 0 get worse and 0 stay the same." in description
    data = rows(page.select_one("#chart-journey-tomorrow-baseline-figure table"))
    assert data[1] == ["First bill", "2 · negative", "4.5 (≈ 4 · positive)", "Better by 2.5"]
    # The current map links to its future map but has no comparison of its own.
    assert maps.page("journeys/today/").select_one("#jm-baseline") is None


def test_persona_page_lists_changes_per_future_map(maps: Project) -> None:
    maps.build()
    page = maps.page("personas/newcomer/")
    heading = page.select_one("#jm-changes-tomorrow")
    assert heading.get_text(strip=True) == "Tomorrow¶"
    assert page.select_one("#jm-future-changes").find_next("h3") == heading
    section = heading.find_next(class_="jm-changes")
    assert section.select_one(".jm-changes__summary a")["href"] == "../../journeys/today/"
    assert cards(section)["Pain points resolved (1)"] == [
        ("High Long wait ( Sign up › Call centre )", "../../journeys/today/#tp-call-centre")
    ]
    assert [r[3] for r in rows(section.select_one("table.jm-stage-deltas"))] == [
        "▲ Better by 2",
        "▲ Better by 2.5",
        "▲ Better by 2",
    ]
    toc = [a.get_text(strip=True) for a in page.select(".md-nav--secondary a")]
    assert toc[-2:] == ["What the future state changes", "Tomorrow"]


def build_serving(project: Project) -> None:
    """A rebuild as `mkdocs serve` runs it: the plugin reports errors and keeps building."""
    config = load_config(str(project.root / "mkdocs.yml"))
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)


def test_missing_baseline_is_an_error_and_serving_goes_on(
    maps: Project, caplog: pytest.LogCaptureFixture
) -> None:
    maps.write("journeys/tomorrow.md", TOMORROW.replace("baseline: today", "baseline: todya"))
    result = maps.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/journeys/tomorrow.md:6: error: baseline: unknown journey `todya`; did you mean "
        "`today`?" in result.stderr
    )

    build_serving(maps)
    assert (
        "content/journeys/tomorrow.md:6: error: baseline: unknown journey `todya`; did you mean "
        "`today`?" in caplog.text
    )
    future = maps.page("journeys/tomorrow/")
    assert future.select_one("#jm-baseline + p").get_text(" ", strip=True) == (
        "The baseline todya does not exist, so there is nothing to compare this map with yet."
    )
    assert future.select_one(".jm-changes") is None
    assert maps.page("personas/newcomer/").select_one("#jm-future-changes") is None
    overview = maps.page("portfolio/")
    assert "Tomorrow" in [a.get_text() for a in overview.select("table.jm-review-list th a")]
    for path in ["pain-points/", "kpis/", "channels/", "evidence/"]:
        assert maps.page(f"portfolio/{path}").select_one("article .jm-portfolio") is not None


def test_search_index_holds_the_comparison(maps: Project) -> None:
    maps.build()
    index = json.loads((maps.site / "search/search_index.json").read_text())
    section = next(d for d in index["docs"] if d["location"] == "journeys/tomorrow/#jm-baseline")
    assert "Long wait" in section["text"]
    assert BeautifulSoup(section["text"], "html.parser").get_text().count("Better by") >= 2


def test_repeated_stage_names_stay_apart(maps: Project) -> None:
    maps.write(
        "journeys/tomorrow.md",
        TOMORROW.replace(
            "  - name: Referral\n    emotion: 5\n", "  - name: First bill\n    emotion: 3\n"
        ),
    )
    maps.build()
    page = maps.page("journeys/tomorrow/")
    chart = chart_options(page, "chart-journey-tomorrow-baseline")
    assert chart["xAxis"][0]["data"] == ["sign  up", "First bill", "Renewal", "First bill (2)"]
    future = chart["series"][1]
    assert [d["value"] for d in future["data"]][-1] == ["First bill (2)", "3 · neutral"]
    assert [r[0] for r in rows(page.select_one("table.jm-stage-deltas"))] == [
        "sign up",
        "First bill",
        "Renewal",
        "First bill",
    ]
