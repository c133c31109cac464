"""Format rules seen through real builds: defaults, both spellings of a field, page keys, serve mode."""

from __future__ import annotations

import logging

import pytest

from journeysite.plugin import JourneysitePlugin
from tests.conftest import Project, chart_options


def test_id_defaults_to_file_name_and_explicit_id_wins(minimal: Project) -> None:
    minimal.write("personas/second-file.md", "---\ntype: persona\nid: renter\nname: Rita\n---\n")
    minimal.write(
        "journeys/move.md",
        "---\ntype: journey\ntitle: Moving\npersona: renter\nstages: [{name: Pack}]\n---\n",
    )
    minimal.build()
    link = minimal.page("journeys/move/").select_one(".jm-facts a")
    assert link.get_text() == "Rita"
    assert link["href"] == "../../personas/second-file/"


def test_expectations_as_list_or_primary_secondary(minimal: Project) -> None:
    minimal.write(
        "journeys/exp.md",
        """
        ---
        type: journey
        title: Expectations
        persona: newcomer
        stages:
          - name: A
            expectations: [Quick answer]
          - name: B
            expectations:
              primary: [Clear price]
              secondary: [Friendly tone]
        ---
        """,
    )
    minimal.build()
    row = next(
        tr
        for tr in minimal.page("journeys/exp/").select("table.jm-grid tbody tr")
        if tr.th.get_text(strip=True) == "Expectations"
    )
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells == ["Quick answer", "Primary Clear price Secondary Friendly tone"]


def test_touchpoint_id_is_slug_of_name_and_anchors_link(minimal: Project) -> None:
    minimal.write(
        "journeys/slug.md",
        """
        ---
        type: journey
        title: Slugs
        persona: newcomer
        stages:
          - name: A
            touchpoints:
              - name: Café & Shop visit
              - name: Call centre
                id: phone-line
        ---
        """,
    )
    minimal.build()
    page = minimal.page("journeys/slug/")
    assert page.select_one("section#tp-cafe-shop-visit h3").get_text(strip=True).startswith("Café")
    assert page.select_one("section#tp-phone-line")
    assert [a["href"] for a in page.select("table.jm-grid .jm-tps a")] == [
        "#tp-cafe-shop-visit",
        "#tp-phone-line",
    ]


def test_page_keys_description_and_hide(minimal: Project) -> None:
    minimal.write(
        "personas/quiet.md",
        '---\ntype: persona\nname: Quinn\ndescription: A "quiet" <persona>\nhide: [toc]\n---\n',
    )
    minimal.build()
    page = minimal.page("personas/quiet/")
    assert page.select_one('meta[name="description"]')["content"] == 'A "quiet" <persona>'
    assert page.select_one(".md-sidebar--secondary").has_attr("hidden")
    shown = minimal.page("personas/newcomer/").select_one(".md-sidebar--secondary")
    assert not shown.has_attr("hidden")


def test_emotion_words_are_shown_with_numbers(minimal: Project) -> None:
    minimal.build()
    emotions = [
        e.get_text(" ", strip=True)
        for e in minimal.page("journeys/onboarding/").select(".jm-emotion")
    ]
    assert "3 neutral" in emotions  # the touchpoint's badge
    lane = [
        p.title.get_text() for p in minimal.page("journeys/onboarding/").select(".jm-lane__point")
    ]
    assert lane == ["Sign up: 4 · positive", "Web form: 3 · neutral", "First bill: 2 · negative"]


def test_review_every_defaults_to_90_days(minimal: Project) -> None:
    minimal.build()
    facts = minimal.page("journeys/onboarding/").select_one(".jm-facts").get_text(" ", strip=True)
    assert "every 90 days" in facts


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in-process builds as `mkdocs serve` runs them: errors are shown, not fatal."""
    original = JourneysitePlugin.on_startup

    def as_serve(self: JourneysitePlugin, *, command: str, dirty: bool) -> None:
        original(self, command="serve", dirty=dirty)

    monkeypatch.setattr(JourneysitePlugin, "on_startup", as_serve)


def test_serve_mode_shows_errors_on_the_affected_pages(
    minimal: Project, serving: None, caplog: pytest.LogCaptureFixture
) -> None:
    minimal.write("journeys/broken.md", "---\ntype: journey\ntitle: [oops\n---\nStill here.\n")
    minimal.write(
        "journeys/dangling.md",
        "---\ntype: journey\ntitle: Dangling\npersona: ghost\nstages: [{name: A}]\n---\n",
    )
    with caplog.at_level(logging.ERROR, logger="mkdocs"):
        minimal.build()
    broken = minimal.page("journeys/broken/").select_one(".jm-errors").get_text(" ", strip=True)
    assert "content/journeys/broken.md:3: error: invalid YAML" in broken
    dangling = minimal.page("journeys/dangling/")
    assert (
        "content/journeys/dangling.md:4: error: persona: unknown persona `ghost`"
        in dangling.select_one(".jm-errors").get_text(" ", strip=True)
    )
    assert dangling.select_one(".jm-grid")  # the rest of the page still renders
    assert minimal.page("journeys/onboarding/").select_one(".jm-grid")
    assert not minimal.page("journeys/onboarding/").select(".jm-errors")
    assert any("dangling.md:4: error" in r.getMessage() for r in caplog.records)


def test_repeated_stage_names_stay_separate_points_on_the_curve(minimal: Project) -> None:
    minimal.write(
        "journeys/loop.md",
        "---\ntype: journey\ntitle: Loop\npersona: newcomer\nstages:\n"
        "  - {name: Call, emotion: 2}\n  - {name: Call, emotion: 4}\n---\n",
    )
    minimal.build()
    cells = minimal.page("journeys/loop/").select("tr.jm-lane td")
    assert [
        [(p["data-stage"], p.title.get_text()) for p in td.select(".jm-lane__point")]
        for td in cells
    ] == [[("0", "Call: 2 · negative")], [("1", "Call: 4 · positive")]]
    options = chart_options(minimal.page("personas/newcomer/"), "chart-persona-newcomer-loop")
    assert options["xAxis"][0]["data"] == ["Call", "Call (2)"]
    assert [d["value"] for d in options["series"][0]["data"]] == [
        ["Call", "2 · negative"],
        ["Call (2)", "4 · positive"],
    ]
