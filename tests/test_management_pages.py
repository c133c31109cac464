"""Journey management as readers see it: lifecycle, opportunities, solutions and their own pages,
the work row on journey grids, emotion by phase on personas, owners' work, navigation."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Project, chart_options, differences
from tests.site_server import mkdocs_serve
from tests.test_hostile import PAYLOAD, hostile_portal, pages_showing_the_payload

BUILD_DATE = "2026-06-01"


def text(element) -> str:
    return element.get_text(" ", strip=True)


@pytest.fixture
def managed(minimal: Project) -> Project:
    """The minimal portal placed on a lifecycle, with opportunities in every quadrant and solutions
    late, shipped late and not yet due on the build date."""
    minimal.configure({"build_date": BUILD_DATE})
    onboarding = minimal.content / "journeys/onboarding.md"
    source = onboarding.read_text(encoding="utf-8")
    source = source.replace("  - name: Sign up\n", "  - name: Sign up\n    phase: join\n")
    source = source.replace("  - name: First bill\n", "  - name: First bill\n    phase: pay\n")
    onboarding.write_text(source, encoding="utf-8")
    minimal.write(
        "stakeholders/digital.md", "---\ntype: stakeholder\nname: Digital Team\nkind: team\n---\n"
    )
    minimal.write(
        "journeys/moving.md",
        """
        ---
        type: journey
        title: Moving home
        persona: newcomer
        kpis:
          - {name: Movers retained, value: 40, target: 60, unit: "%"}
        stages:
          - name: Pack
            phase: move
            emotion: 2
          - name: Settle
            emotion: 4
        ---
        """,
    )
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
          - name: Tell a friend
            phase: recommend
            emotion: 5
        ---
        """,
    )
    minimal.write(
        "lifecycle/lifecycle.md",
        """
        ---
        type: framework
        title: Household lifecycle
        phases:
          - {id: join, name: Join}
          - {id: pay, name: Pay}
          - id: struggle
            name: Struggle to pay
            description: Falls behind on payments
          - {id: move, name: Move home}
          - {id: recommend, name: Recommend}
        ---
        The phases of a household's life with us.
        """,
    )
    opportunities = {
        "clear-bill": (
            "Clear first bill",
            4,
            1,
            "planned",
            "care",
            "{journey: onboarding, stage: First bill}",
        ),
        "easy-form": (
            "Easy form",
            3,
            2,
            "idea",
            "care",
            "{journey: onboarding, touchpoint: web-form}",
        ),
        "new-platform": (
            "New platform",
            5,
            5,
            "validated",
            "digital",
            "{journey: onboarding, touchpoint: web-form}",
        ),
        "tidy-copy": ("Tidy copy", 1, 1, "idea", "care", "{journey: moving, stage: Pack}"),
        "gold-plating": (
            "Gold plating",
            2,
            3,
            "dropped",
            "care",
            "{journey: moving, stage: Settle}",
        ),
    }
    for ident, (title, impact, effort, status, owner, moment) in opportunities.items():
        minimal.write(
            f"opportunities/{ident}.md",
            f"---\ntype: opportunity\ntitle: {title}\nstatement: How might we?\n"
            f"status: {status}\nowner: {owner}\nimpact: {impact}\neffort: {effort}\n"
            f"moments:\n  - {moment}\n---\nWhy it matters.\n",
        )
    solutions = {
        "late-fix": ("Late fix", "clear-bill", "in-progress", "2026-01-31", "care"),
        "shipped-fix": ("Shipped fix", "clear-bill", "shipped", "2026-01-01", "care"),
        "platform-build": ("Platform build", "new-platform", "planned", "2027-12-31", "digital"),
    }
    for ident, (title, opportunity, status, due, owner) in solutions.items():
        minimal.write(
            f"solutions/{ident}.md",
            f"---\ntype: solution\ntitle: {title}\nopportunities: [{opportunity}]\n"
            f"status: {status}\nowner: {owner}\ndue: {due}\n"
            "measures:\n  - {journey: moving, kpi: Movers retained}\n---\n",
        )
    return minimal


def resolve(project: Project, page_url: str, href: str) -> BeautifulSoup:
    """The page a relative link leads to; the fragment, if any, must be an element there."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(page_url, path or "."))
    page = project.page(target.lstrip("./") + "/" if target != "." else "")
    if fragment:
        assert page.find(id=fragment) is not None, f"{href} from {page_url}"
    return page


def test_lifecycle_page_lines_up_journeys_and_names_blind_spots(managed: Project) -> None:
    managed.build()
    page = managed.page("lifecycle/")
    spots = page.select(".jm-blind-spots li")
    assert [text(li.a) for li in spots] == ["Struggle to pay", "Recommend"]
    assert "only future-state maps reach it: Onboarding tomorrow" in text(spots[1])
    rows = page.select("table.jm-phases tbody tr")
    assert [text(r.th) for r in rows] == [
        "Join",
        "Pay",
        "Struggle to pay Falls behind on payments",
        "Move home",
        "Recommend",
    ]
    pay = [text(td) for td in rows[1].select("td")]
    assert pay[:4] == ["1", "1", "1", "3"]  # one map, one stage, one high pain point (weight 3)
    assert "2 negative" in pay[4]
    assert text(rows[2].td) == "Blind spot"
    coverage = page.select_one("table.jm-phase-coverage")
    headers = [text(th) for th in coverage.select("thead th")]
    assert headers == [
        "Journey",
        "Join",
        "Pay",
        "Struggle to pay",
        "Move home",
        "Recommend",
        "No phase",
    ]
    moving = next(r for r in coverage.select("tbody tr") if "Moving home" in text(r.th))
    cells = [text(td) for td in moving.select("td")]
    assert cells == ["—", "—", "—", "Pack", "—", "Settle"]
    for link in coverage.select("tbody a"):
        resolve(managed, "lifecycle/", link["href"])
    assert chart_options(page, "chart-lifecycle-pain")["series"][0]["type"] == "bar"
    assert chart_options(page, "chart-lifecycle-persona-pain")["series"][0]["type"] == "heatmap"
    for chart in page.select(".jm-chart-figure"):
        assert chart.select_one("details table tbody tr") is not None  # every chart has its table
    framework = managed.page("lifecycle/lifecycle/")
    assert [text(a) for a in framework.select(".jm-framework__phases a")][:2] == ["Join", "Pay"]
    resolve(
        managed, "lifecycle/lifecycle/", framework.select_one(".jm-framework__phases a")["href"]
    )


def test_heatmap_rows_are_phases_with_a_framework(managed: Project) -> None:
    managed.build()
    table = managed.page("portfolio/pain-points/").select_one("table.jm-heat")
    assert text(table.select_one("thead th")) == "Phase"
    assert [text(r.th) for r in table.select("tbody tr")] == [
        "Join",
        "Pay",
        "Move home",
        "No phase",
    ]


def test_without_a_framework_the_heatmap_is_unchanged(minimal: Project) -> None:
    minimal.build()
    before = minimal.page("portfolio/pain-points/").select_one("article")
    table = before.select_one("table.jm-heat")
    assert text(table.select_one("thead th")) == "Stage"
    assert [text(r.th) for r in table.select("tbody tr")] == ["Sign up", "First bill"]
    minimal.write(
        "opportunities/one.md",
        "---\ntype: opportunity\ntitle: One\nimpact: 3\neffort: 3\n"
        "moments: [{journey: onboarding, stage: First bill}]\n---\n",
    )
    minimal.build()
    assert not (minimal.site / "lifecycle").exists()
    assert minimal.page("portfolio/pain-points/").select_one("article") == before
    assert minimal.page("personas/newcomer/").find(id="jm-emotion-by-phase") is None


def test_opportunities_page_orders_by_quadrant_then_pain(managed: Project) -> None:
    managed.build()
    page = managed.page("opportunities/")
    rows = page.select("table.jm-opportunity-table tbody tr")
    assert [(text(r.th), text(r.select("td")[0])) for r in rows] == [
        ("Clear first bill", "Quick wins"),  # pain 3 at its moment
        ("Easy form", "Quick wins"),  # no pain at its moment
        ("New platform", "Big bets"),
        ("Tidy copy", "Fill-ins"),
        ("Gold plating", "Money pits"),
    ]
    first = [text(td) for td in rows[0].select("td")]
    assert first[3:6] == ["3 (1)", "Planned", "Customer Care"]
    assert "Late fix In progress Overdue" in first[6] and "Shipped fix Shipped" in first[6]
    assert "Quick wins (high impact, low effort): 2" in text(page.select_one(".jm-quadrants"))
    options = chart_options(page, "chart-opportunities-matrix")
    assert options["series"][0]["type"] == "scatter"
    areas = options["series"][0]["markArea"]["data"]
    assert [a[0]["name"] for a in areas] == ["Quick wins", "Big bets", "Fill-ins", "Money pits"]
    for link in page.select("table.jm-opportunity-table a"):
        resolve(managed, "opportunities/", link["href"])


def test_opportunities_table_is_bounded_by_portfolio_table_rows(managed: Project) -> None:
    managed.configure({"build_date": BUILD_DATE, "portfolio_table_rows": 2})
    managed.build()
    page = managed.page("opportunities/")
    rows = page.select("table.jm-opportunity-table tbody tr")
    assert [text(r.th) for r in rows] == ["Clear first bill", "Easy form"]
    assert "the 2 opportunities of highest priority, of 5" in text(page.select_one(".jm-listed"))


def test_solutions_roadmap_flags_overdue_against_the_build_date(managed: Project) -> None:
    managed.build()
    page = managed.page("solutions/")
    overdue = page.select_one("#jm-overdue").find_next("table")
    assert [text(r.th) for r in overdue.select("tbody tr")] == ["Late fix"]
    assert "Overdue by 121 days" in text(overdue)  # 2026-01-31 to the build date, 2026-06-01
    shipped = page.select_one("#jm-status-shipped").find_next("table")
    assert "Overdue" not in text(shipped)
    assert "Movers retained ( Moving home ): 40 % against a target of 60 % ✗ Off target" in text(
        shipped
    )
    table = page.select_one("#chart-solutions-roadmap-figure table")
    assert [text(r.th) for r in table.select("tbody tr")] == ["2026 Q1", "2027 Q4"]
    # Another build date, the same content: nothing is late yet.
    managed.configure({"build_date": "2026-01-15"})
    managed.build()
    page = managed.page("solutions/")
    assert "None: no solution is past its due date." in text(page.select_one("article"))
    assert "Overdue" not in text(managed.page("solutions/late-fix/").select_one(".jm-facts"))


def test_opportunity_and_solution_pages_link_every_moment(managed: Project) -> None:
    managed.build()
    page = managed.page("opportunities/easy-form/")
    facts = text(page.select_one(".jm-facts"))
    assert "Quick wins (high impact, low effort)" in facts and "Idea" in facts
    assert "Why it matters." in text(page.select_one("article"))
    moment = page.select_one("table.jm-moments tbody tr")
    assert [text(c) for c in moment.select("th, td")] == [
        "Onboarding",
        "1. Sign up",
        "Web form",
        "Join",
        "0 (0)",
    ]
    for link in moment.select("a"):
        resolve(managed, "opportunities/easy-form/", link["href"])
    solution = managed.page("solutions/late-fix/")
    assert "Overdue by 121 days" in text(solution.select_one(".jm-facts"))
    for link in solution.select("article .jm-work a, article table.jm-moments a, .jm-measures a"):
        resolve(managed, "solutions/late-fix/", link["href"])
    assert [text(a) for a in solution.select("#jm-related-solutions + ul a")] == ["Shipped fix"]


def test_journey_grid_shows_work_at_each_stage(managed: Project) -> None:
    managed.build()
    page = managed.page("journeys/onboarding/")
    row = page.select_one("table.jm-grid tr.jm-grid__work")
    assert text(row.th) == "Opportunities and solutions"
    cells = row.select("td")
    assert len(cells) == len(page.select("table.jm-grid thead th")) - 1  # one per stage
    assert [text(li) for li in cells[0].select("li")] == [
        "Opportunity : Easy form Idea",
        "Opportunity : New platform Validated",
        "Solution : Platform build Planned",
    ]
    second = [text(li) for li in cells[1].select("li")]
    assert second[:1] == ["Opportunity : Clear first bill Planned"]
    # past due on the build date and not shipped: flagged on the map as on the roadmap
    assert "Solution : Late fix In progress Overdue" in second
    assert "Solution : Shipped fix Shipped" in second
    for link in row.select("a"):
        resolve(managed, "journeys/onboarding/", link["href"])
    assert managed.page("journeys/onboarding-future/").select_one("tr.jm-grid__work") is None


def test_persona_page_shows_emotion_by_phase(managed: Project) -> None:
    managed.build()
    page = managed.page("personas/newcomer/")
    heading = page.find(id="jm-emotion-by-phase")
    assert heading is not None and text(heading) == "Emotion by phase ¶"
    figure = heading.find_next("figure")
    rows = figure.select("details table tbody tr")
    assert [text(r.th) for r in rows] == [
        "Join",
        "Pay",
        "Struggle to pay",
        "Move home",
        "Recommend",
    ]
    options = chart_options(page, "chart-persona-newcomer-phases")
    assert options["xAxis"][0]["data"] == [
        "Join",
        "Pay",
        "Struggle to pay",
        "Move home",
        "Recommend",
    ]


def test_owner_pages_list_the_work_a_team_owns(managed: Project) -> None:
    managed.build()
    care = managed.page("ownership/care/").select_one(".jm-owned-work")
    assert "Opportunities owned (4)" in text(care) and "Solutions owned (2)" in text(care)
    assert "Late fix In progress Overdue" in text(care)
    # A team that owns only opportunities and solutions still gets its page.
    digital = managed.page("ownership/digital/").select_one(".jm-owned-work")
    assert [text(a) for a in digital.select("a")] == ["New platform", "Platform build"]


def nav_entries(page: BeautifulSoup) -> list[str]:
    return [
        text(e)
        for e in page.select(".md-nav--primary a.md-nav__link, .md-nav--primary label.md-nav__link")
        if e.get_text(strip=True)
    ]


def test_navigation_has_lifecycle_opportunities_and_solutions(managed: Project) -> None:
    managed.build()
    entries = nav_entries(managed.page("opportunities/"))
    for section in ("Lifecycle", "Opportunities", "Solutions"):
        assert section in entries
    start = entries.index("Opportunities")  # the section, linked to its own page
    assert entries[start + 1 : start + 6] == [
        "Clear first bill",
        "Easy form",
        "Gold plating",
        "New platform",
        "Tidy copy",
    ]
    assert entries[start + 6] == "Solutions"


def test_many_opportunities_are_listed_in_runs(managed: Project) -> None:
    managed.configure({"build_date": BUILD_DATE, "nav_group_threshold": 2})
    managed.build()
    entries = nav_entries(managed.page("solutions/"))
    start, end = entries.index("Opportunities"), entries.index("Solutions")
    # Five at a threshold of two: three runs would be more than two on one level, so two runs,
    # the longer one split again.
    assert entries[start + 1 : end] == [
        "C–G",
        "C–E",
        "Clear first bill",
        "Easy form",
        "G",
        "Gold plating",
        "N–T",
        "New platform",
        "Tidy copy",
    ]


def test_hostile_text_in_the_new_types_is_shown_as_text(minimal: Project) -> None:
    """The hostile portal (tests/test_hostile.py, which also checks every page is inert and runs
    them in Chromium) reaches every management page, where its payload reads as text."""
    hostile_portal(minimal).build()
    shown = pages_showing_the_payload(minimal.site)
    for path in (
        "lifecycle/",
        "lifecycle/hostile/",
        "opportunities/",
        "opportunities/hostile/",
        "solutions/",
        "solutions/hostile/",
        "ownership/hostile/",
        "portfolio/pain-points/",
    ):
        assert path in shown, path
    for path in ("opportunities/hostile/", "solutions/hostile/", "lifecycle/"):
        article = minimal.page(path).select_one("article")
        assert PAYLOAD in article.get_text(), path
        assert not article.select("script, img, iframe, svg:not(.jm-svg), svg *[onload]"), path
        for drawing in article.select("svg.jm-svg"):  # the build's own chart drawings
            assert all(not a.startswith("on") for el in drawing.find_all(True) for a in el.attrs)
    grid = minimal.page("journeys/hostile/").select_one("tr.jm-grid__work")
    assert PAYLOAD in grid.get_text()


def test_serve_shows_dangling_management_references_and_keeps_every_page(managed: Project) -> None:
    """Under `mkdocs serve` references that name nothing are errors on their pages, not crashes:
    every management page still answers."""
    with mkdocs_serve(managed) as server:
        assert server.get("opportunities/")[0] == 200
        # An opportunity's new status reaches the journey map that shows it.
        easy = managed.content / "opportunities/easy-form.md"
        easy.write_text(easy.read_text().replace("status: idea", "status: done"))
        server.wait_for(
            "the new status on the map",
            lambda: (
                'Easy form</a> <span class="jm-status jm-status--done">Done'
                in server.get("journeys/onboarding/")[1]
            ),
        )
        managed.write(
            "opportunities/lost.md",
            "---\ntype: opportunity\ntitle: Lost\nimpact: 4\neffort: 1\nowner: nobody\n"
            "moments:\n  - {journey: nowhere, stage: Pack}\n  - {journey: moving, stage: Unpack}\n"
            "  - {journey: onboarding, touchpoint: no-such-touchpoint}\n---\n",
        )
        managed.write(
            "solutions/stray.md",
            "---\ntype: solution\ntitle: Stray\nopportunities: [lost, missing]\ndue: 2020-01-01\n"
            "measures:\n  - {journey: moving, kpi: No such KPI}\n  - {journey: nowhere, kpi: X}\n---\n",
        )
        server.wait_for(
            "the error panels", lambda: "jm-errors" in server.get("solutions/stray/")[1]
        )
        for path in (
            "opportunities/",
            "opportunities/lost/",
            "solutions/",
            "lifecycle/",
            "journeys/moving/",
            "ownership/care/",
            "portfolio/pain-points/",
        ):
            assert server.get(path)[0] == 200, path
        stray = BeautifulSoup(server.get("solutions/stray/")[1], "html.parser")
        assert "not a KPI of this journey" in text(stray.select_one(".jm-measures"))
        assert "missing" in text(stray.select_one("#jm-solution-opportunities + ul"))


def test_two_builds_of_the_management_pages_are_byte_identical(
    managed: Project, tmp_path: Path
) -> None:
    first = managed.built_files(tmp_path / "first", 1)
    second = managed.built_files(tmp_path / "second", 2)
    assert "opportunities/index.html" in first and "lifecycle/index.html" in first
    assert differences(first, second) == []
