"""The portfolio pages through real builds: overview and reviews, heatmap, KPI board, channels,
evidence, search; the build date from the config, from SOURCE_DATE_EPOCH, and reproducibility."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import REPO, Project


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for noon UTC on a day."""
    moment = datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00")
    return str(int(moment.timestamp()))


def rows(table: Tag) -> list[list[str]]:
    """Cell texts as a reader sees them (HTML collapses runs of spaces)."""
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in tr.select("th, td")]
        for tr in table.select("tbody tr")
    ]


def options(page: BeautifulSoup, chart_id: str) -> dict:
    return json.loads(page.select_one(f"#{chart_id}")["data-jm-options"])


@pytest.fixture
def portfolio(minimal: Project) -> Project:
    """Four maps of today and one future map, with reviews due at different times.

    Due dates: Onboarding (minimal's) 2026-07-30, Billing 2026-08-19, Solar 2026-08-30,
    Onboarding tomorrow 2026-10-30; A day of Nora was never reviewed.
    """
    minimal.write(
        "personas/owner.md",
        "---\ntype: persona\nname: Olga Owner\n---\n",
    )
    minimal.write(
        "journeys/billing.md",
        """
        ---
        type: journey
        title: Billing
        persona: newcomer
        owner: care
        status: in-review
        reviewed: 2026-07-20
        review_every: 30
        kpis:
          - {name: Bills paid on time, value: 91, target: 95, unit: "%"}
        stages:
          - name: "  sign   UP "
            pain_points:
              - {text: Direct debit form is long, severity: medium}
            touchpoints:
              - name: Direct debit form
                channel: web
                owner: care
                emotion: 4
                kpis: [{name: Completion rate, value: 80}]
          - name: First bill
            emotion: 1
            pain_points:
              - Bill arrives late
              - {text: Wrong meter reading, severity: low}
            touchpoints:
              - name: Paper bill
                channel: mail
                emotion: 1
                pain_points: [{text: Unreadable layout, severity: high}]
        ---
        """,
    )
    minimal.write(
        "journeys/solar.md",
        """
        ---
        type: journey
        title: Solar
        persona: owner
        map: blueprint
        owner: care
        status: validated
        reviewed: 2026-06-01
        review_every: 90
        sources:
          - {kind: interview, name: Owner interviews, size: 12}
          - {kind: support, name: Solar tickets, size: 300}
          - {kind: workshop, name: Installer workshop}
        kpis:
          - {name: Days to install, value: 30, target: 40, unit: days, better: lower}
        stages:
          - name: Quote
            touchpoints:
              - name: Quote call
                channel: phone
                owner: care
                emotion: 2
                evidence: [Owner interviews]
                kpis: [{name: Quote CSAT, value: 70, target: 80, unit: "%"}]
              - name: Quote email
                channel: email
                emotion: 3
                evidence: [Solar tickets]
              - name: Roof survey
                channel: in-person
                owner: care
        ---
        """,
    )
    minimal.write(
        "journeys/life.md",
        """
        ---
        type: journey
        title: A day of Nora
        persona: newcomer
        map: day-in-the-life
        stages:
          - name: Morning
            emotion: 3
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
        reviewed: 2026-08-01
        stages:
          - name: Sign up
            emotion: 5
            pain_points: [{text: Anticipated queue, severity: high}]
            touchpoints:
              - name: App sign-up
                channel: mobile-app
                emotion: 5
        ---
        """,
    )
    minimal.configure({"build_date": "2026-08-10"})
    return minimal


def review_column(page: BeautifulSoup) -> dict[str, str]:
    table = page.select_one("table.jm-review-list")
    return {
        tr.th.a.get_text(strip=True): tr.select_one(".jm-review").get_text(strip=True)
        for tr in table.select("tbody tr")
    }


def test_overview_counts_reviews_and_flags(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("portfolio/")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Portfolio¶"  # ¶: the toc extension's permalink
    assert article.select_one(".jm-asof time")["datetime"] == "2026-08-10"
    counts = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in article.select(".jm-counts > div")
    }
    assert counts == {
        "Personas": "2",
        "Journeys": "5 2 current state, 1 future state, 1 day in the life, 1 service blueprint",
        "Touchpoints": "6 not counting 1 in future-state maps",
        "Open pain points": "5 2 high, 1 medium, 1 low, 1 unrated; "
        "not counting 1 anticipated in future-state maps",
        "Stakeholders": "1",
    }
    # Most urgent first: overdue, never reviewed, due soon, then ok; in words, not colour only.
    assert list(review_column(page).items()) == [
        ("Onboarding", "Overdue by 11 days"),
        ("A day of Nora", "Never reviewed"),
        ("Billing", "Due soon: in 9 days"),
        ("Solar", "OK: due in 20 days"),
        ("Onboarding tomorrow", "OK: due in 81 days"),
    ]
    table = rows(article.select_one("table.jm-review-list"))
    assert table[0] == [
        "Onboarding Current state for Nora Newcomer",
        "Overdue by 11 days",
        "Jul 30, 2026 every 90 days",  # dates as the site's language writes them (Babel)
        "May 1, 2026",
        "Validated ⚑ No sources",
        "Customer Care",
    ]
    assert table[1] == [
        "A day of Nora Day in the life for Nora Newcomer",
        "Never reviewed",
        "—",
        "Never",
        "Draft ⚑ No sources ⚑ Not validated",
        "No owner",
    ]
    assert (
        article.select_one(".jm-review-summary")
        .get_text(" ", strip=True)
        .startswith("1 overdue · 1 never reviewed · 1 due soon · 2 ok.")
    )
    no_sources = [li.a.get_text() for li in article.select("#jm-no-sources + p + ul li")]
    assert no_sources == ["A day of Nora", "Billing", "Onboarding", "Onboarding tomorrow"]
    not_validated = [
        li.get_text(" ", strip=True) for li in article.select("#jm-not-validated + p + ul li")
    ]
    assert not_validated == [
        "A day of Nora (Draft)",
        "Billing (In review)",
        "Onboarding tomorrow (Draft)",
    ]
    link = article.select_one("table.jm-review-list tbody tr th a")
    assert link["href"] == "../journeys/onboarding/"


def test_portfolio_section_sits_between_journeys_and_stakeholders(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("portfolio/")
    links = [
        (a.get_text(" ", strip=True), a["href"])
        for a in page.select(".md-nav--primary a.md-nav__link")
    ]
    start = links.index(("Portfolio", "./"))
    assert links[start - 1 : start + 6] == [
        ("Solar", "../journeys/solar/"),  # the last journey
        ("Portfolio", "./"),
        ("Pain-point heatmap", "pain-points/"),
        ("KPI board", "kpis/"),
        ("Channels", "channels/"),
        ("Evidence", "evidence/"),
        ("Stakeholders", "../stakeholders/"),  # the Stakeholders section (its map)
    ]
    titles = {
        path: portfolio.page(f"portfolio/{path}").title.get_text()
        for path in ["pain-points/", "kpis/", "channels/", "evidence/"]
    }
    assert titles == {
        "pain-points/": "Pain-point heatmap - Test portal",
        "kpis/": "KPI board - Test portal",
        "channels/": "Channels - Test portal",
        "evidence/": "Evidence - Test portal",
    }


def test_build_date_from_source_date_epoch(
    portfolio: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    portfolio.configure()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-07-25"))
    portfolio.build()
    page = portfolio.page("portfolio/")
    assert page.select_one(".jm-asof time")["datetime"] == "2026-07-25"
    review = review_column(page)
    assert review["Onboarding"] == "Due soon: in 5 days"
    assert review["Billing"] == "OK: due in 25 days"
    assert review["Solar"] == "OK: due in 36 days"


def test_configured_build_date_wins_over_source_date_epoch(
    portfolio: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2020-01-01"))
    result = portfolio.mkdocs("build")
    assert result.returncode == 0, result.stderr
    page = portfolio.page("portfolio/")
    assert page.select_one(".jm-asof time")["datetime"] == "2026-08-10"
    assert review_column(page)["Onboarding"] == "Overdue by 11 days"


def test_bad_build_dates_are_clear_errors(
    portfolio: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    portfolio.configure({"build_date": "2026-13-01"})
    result = portfolio.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "Config value 'plugins': Plugin 'journeysite' option 'build_date': `2026-13-01` is not "
        "a real date (month must be in 1..12)" in result.stderr
    )
    portfolio.configure({"build_date": "10/08/2026"})
    result = portfolio.mkdocs("build")
    assert "option 'build_date': expected a date written as YYYY-MM-DD, got `10/08/2026`" in (
        result.stderr
    )
    portfolio.configure()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = portfolio.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "journeysite: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
        "got `yesterday`" in result.stderr
    )


def test_builds_are_reproducible(portfolio: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def snapshot() -> dict[str, bytes]:
        return {
            str(p.relative_to(portfolio.site)): p.read_bytes()
            for p in sorted(portfolio.site.rglob("*.html"))
        }

    portfolio.build()
    first = snapshot()
    portfolio.build()
    assert snapshot() == first
    portfolio.configure()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-08-10"))
    portfolio.build()
    # The same day from the environment gives the same portfolio pages as from the config.
    again = snapshot()
    for name in ["portfolio/index.html", "portfolio/pain-points/index.html"]:
        assert again[name] == first[name]


def test_pain_point_heatmap(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("portfolio/pain-points/")
    article = page.select_one("article")
    matrix = article.select("table.jm-heat")[0]
    columns = [th.get_text(strip=True) for th in matrix.select("thead th")]
    # Today's maps only, by title: the future map is left out and named in a note.
    assert columns == ["Stage", "A day of Nora", "Billing", "Onboarding", "Solar", "Total"]
    assert "Onboarding tomorrow" in article.select_one(".jm-note").get_text()
    # "  sign   UP " and "Sign up" are one row, shown in the first spelling met (Billing's).
    assert rows(matrix) == [
        ["Morning", "0", "—", "—", "—", "0 (0)"],
        ["sign UP", "—", "2 (1)", "0", "—", "2 (1)"],
        ["First bill", "—", "5 (3)", "3 (1)", "—", "8 (4)"],
        ["Quote", "—", "—", "—", "0", "0 (0)"],
    ]
    totals = [td.get_text(strip=True) for td in matrix.select("tfoot td")]
    assert totals == ["0 (0)", "7 (4)", "3 (1)", "0 (0)", "10 (5)"]
    first_bill = matrix.select("tbody tr")[2]
    assert [a["href"] for a in first_bill.select("td a")] == [
        "../../journeys/billing/#stage-2",
        "../../journeys/onboarding/#stage-2",
    ]
    chart = options(page, "chart-portfolio-pain-journeys")
    assert chart["series"][0]["type"] == "heatmap"
    assert chart["xAxis"][0]["data"] == ["A day of Nora", "Billing", "Onboarding", "Solar"]
    assert chart["yAxis"][0]["data"] == ["Morning", "sign UP", "First bill", "Quote"]
    assert [1, 2, 5] in chart["series"][0]["data"]
    assert [0, 0, 0] in chart["series"][0]["data"]  # a stage without pain points: zero
    assert [0, 1, 0] not in chart["series"][0]["data"]  # a stage the map does not have: empty
    assert chart["visualMap"]["max"] == 5
    assert (
        "Highest: First bill in Billing (score 5)."
        in page.select_one("#chart-portfolio-pain-journeys-desc").get_text()
    )

    by_channel = article.select("table.jm-heat")[1]
    assert [th.get_text(strip=True) for th in by_channel.select("thead th")] == [
        "Stage",
        "Stage level",
        "Web",
        "Email",
        "Phone",
        "In person",
        "Mail",
        "Total",
    ]
    assert rows(by_channel)[1:3] == [
        ["sign UP", "2 (1)", "0", "—", "—", "—", "—", "2 (1)"],
        ["First bill", "5 (3)", "—", "—", "—", "—", "3 (1)", "8 (4)"],
    ]

    lowest = [li.get_text(" ", strip=True) for li in article.select("ul.jm-lowest li")]
    assert lowest == [
        "Billing : 1 · very negative at First bill ; First bill › Paper bill",
        "Onboarding : 2 · negative at First bill",
        "Solar : 2 · negative at Quote › Quote call",
        "A day of Nora : 3 · neutral at Morning",
    ]
    low_links = [a["href"] for a in article.select("ul.jm-lowest li")[0].select("a")][1:]
    assert low_links == ["../../journeys/billing/#stage-2", "../../journeys/billing/#tp-paper-bill"]

    drill = rows(article.select_one("table.jm-pain-list"))
    assert drill[0] == [
        "sign UP",
        "Billing",
        "Stage 1: sign UP",
        "Stage level",
        "Medium",
        "2",
        "Direct debit form is long",
    ]
    assert [
        "First bill",
        "Billing",
        "Paper bill",
        "Mail",
        "High",
        "3",
        "Unreadable layout",
    ] in drill
    assert ["First bill", "Billing", "Stage 2: First bill", "Stage level", "Unrated", "1",
            "Bill arrives late"] in drill  # fmt: skip
    paper = next(a for a in article.select("table.jm-pain-list a") if a.get_text() == "Paper bill")
    assert paper["href"] == "../../journeys/billing/#tp-paper-bill"
    target = portfolio.page("journeys/billing/")
    assert target.select_one("#tp-paper-bill") is not None
    assert target.select_one("#stage-2") is not None
    lede = article.select_one(".jm-lede").get_text(" ", strip=True)
    assert "high 3, medium 2, low 1, unrated 1 (“unrated”: written without a severity)" in lede


def test_kpi_board(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("portfolio/kpis/")
    article = page.select_one("article")
    assert (
        article.select_one(".jm-lede")
        .get_text(" ", strip=True)
        .startswith(
            "4 KPIs across the journeys and their touchpoints: 1 ✓ on target, 2 ✗ off target, "
            "1 without a value or target."
        )
    )
    assert rows(article.select_one("table.jm-kpi-board__table")) == [
        ["Bills paid on time", "Billing", "Current state", "Whole journey", "91", "95", "%",
         "higher", "96 %", "✗ Off target"],
        ["Completion rate", "Billing", "Current state", "Direct debit form", "80", "—", "",
         "higher", "—", "—"],
        ["Days to install", "Solar", "Service blueprint", "Whole journey", "30", "40", "days",
         "lower", "133 %", "✓ On target"],
        ["Quote CSAT", "Solar", "Service blueprint", "Quote call", "70", "80", "%", "higher",
         "88 %", "✗ Off target"],
    ]  # fmt: skip
    scopes = [
        tr.select("td a")[1]["href"] for tr in article.select("table.jm-kpi-board__table tbody tr")
    ]
    assert scopes == [
        "../../journeys/billing/#jm-kpis",
        "../../journeys/billing/#tp-direct-debit-form",
        "../../journeys/solar/#jm-kpis",
        "../../journeys/solar/#tp-quote-call",
    ]
    chart = options(page, "chart-portfolio-kpis")
    # A KPI without a target has no progress: it is in the table, not on the chart.
    assert chart["yAxis"][0]["data"] == [
        "Bills paid on time · Billing",
        "Days to install · Solar",
        "Quote CSAT · Quote call",
    ]
    on, off = chart["series"]
    assert (on["name"], off["name"]) == ("On target", "Off target")
    assert [d and (d["value"], d["label"]["formatter"]) for d in on["data"]] == [
        None,
        (133.3, "✓ 133 %"),
        None,
    ]
    assert [d and (d["value"], d["label"]["formatter"]) for d in off["data"]] == [
        (95.8, "✗ 96 %"),
        None,
        (87.5, "✗ 88 %"),
    ]
    assert on["markLine"]["data"] == [{"xAxis": 100}]
    assert (
        "1 KPI without a value and target"
        in page.select_one("#chart-portfolio-kpis-desc").get_text()
    )
    assert rows(page.select_one("#chart-portfolio-kpis-figure table"))[1] == [
        "Days to install · Solar",
        "30 days",
        "40 days",
        "lower",
        "133 %",
        "✓ On target",
    ]


def test_channel_view(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("portfolio/channels/")
    article = page.select_one("article")
    table = rows(article.select_one("table.jm-channel-list"))
    assert table == [
        ["Web", "2", "2", "3.5 positive", "2", "0", "0"],
        ["Email", "1", "1", "3 neutral", "1", "0", "0"],
        ["Phone", "1", "1", "2 negative", "1", "0", "0"],
        ["In person", "1", "1", "—", "0", "0", "0"],
        ["Mail", "1", "1", "1 very negative", "1", "1", "3"],
    ]
    # The future map's mobile-app touchpoint is not today's, so it is not counted.
    assert "Mobile app" not in article.get_text()
    web = article.select_one("#jm-channel-web + .jm-scroll table")
    assert [a["href"] for a in web.select("tbody th a")] == [
        "../../journeys/billing/#tp-direct-debit-form",
        "../../journeys/onboarding/#tp-web-form",
    ]
    chart = options(page, "chart-portfolio-channels")
    assert chart["xAxis"][0]["data"] == ["Web", "Email", "Phone", "In person", "Mail"]
    assert chart["series"][0]["data"] == [2, 1, 1, 1, 1]
    assert [d and d["value"] for d in chart["series"][1]["data"]] == [3.5, 3, 2, None, 1]
    assert chart["series"][1]["data"][0]["label"]["formatter"] == "3.5 · positive"
    assert chart["series"][1]["yAxisIndex"] == 1
    assert (
        "Lowest average emotion: Mail (1, very negative)."
        in page.select_one("#chart-portfolio-channels-desc").get_text()
    )


def test_evidence_on_journey_page_and_portfolio(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("journeys/solar/")
    sources = page.select_one("#jm-sources").find_next_siblings()
    coverage = page.select_one(".jm-coverage").get_text(" ", strip=True)
    assert coverage == "Evidence coverage: 67 % (2 of 3 touchpoints) cite at least one source."
    solicited = page.select_one("table.jm-sources--solicited")
    unsolicited = page.select_one("table.jm-sources--unsolicited")
    assert solicited.caption.get_text().startswith("Solicited (2)")
    assert [r[0] for r in rows(solicited)] == ["Owner interviews", "Installer workshop"]
    assert [r[0] for r in rows(unsolicited)] == ["Solar tickets"]
    uncited = page.select("ul.jm-uncited li a")
    assert [(a.get_text(), a["href"]) for a in uncited] == [("Roof survey", "#tp-roof-survey")]
    assert sources  # the section has content after its heading

    no_sources = portfolio.page("journeys/billing/")
    assert "No sources recorded" in no_sources.select_one("article").get_text()
    assert no_sources.select_one(".jm-coverage").get_text(" ", strip=True) == (
        "Evidence coverage: 0 % (0 of 2 touchpoints) cite at least one source."
    )

    evidence = portfolio.page("portfolio/evidence/")
    table = evidence.select_one("table.jm-evidence-list")
    assert [r[:5] for r in rows(table)] == [
        ["Billing", "Current state", "0", "0 No sources", "0 % (0 of 2 touchpoints)"],
        ["Onboarding", "Current state", "0", "0 No sources", "0 % (0 of 1 touchpoint)"],
        ["Onboarding tomorrow", "Future state", "0", "0 No sources", "0 % (0 of 1 touchpoint)"],
        ["Solar", "Service blueprint", "2", "1", "67 % (2 of 3 touchpoints)"],
        ["A day of Nora", "Day in the life", "0", "0 No sources", "No touchpoints"],
    ]
    roof = table.select("tbody tr")[3].select("details a")
    assert [(a.get_text(), a["href"]) for a in roof] == [
        ("Roof survey", "../../journeys/solar/#tp-roof-survey")
    ]
    assert "Across all maps: 29 % (2 of 7 touchpoints)" in evidence.select_one("article").get_text(
        " ", strip=True
    ).replace("  ", " ")


def test_search_finds_journey_pages_by_touchpoint_and_pain_point(portfolio: Project) -> None:
    portfolio.build()
    index = json.loads((portfolio.site / "search/search_index.json").read_text())
    billing = [d for d in index["docs"] if d["location"].startswith("journeys/billing/")]
    text = " ".join(d["title"] + " " + d["text"] for d in billing)
    assert "Direct debit form" in text
    assert "Unreadable layout" in text
    # The touchpoint's own section, found by its name, holds its pain point.
    paper = next(d for d in billing if d["title"] == "Paper bill")
    assert paper["location"] == "journeys/billing/#tp-paper-bill-name"
    assert "Unreadable layout" in paper["text"]
    portfolio_docs = [d for d in index["docs"] if d["location"].startswith("portfolio/")]
    assert any(d["title"] == "KPI board" for d in portfolio_docs)


def test_demo_portal(tmp_path: Path) -> None:
    """The repository's own content: the home page links to every portfolio page, and the
    future-state solar map is compared with its baseline."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in home.select("article a")}
    for text, href in {
        "Portfolio overview": "portfolio/",
        "Pain-point heatmap": "portfolio/pain-points/",
        "KPI board": "portfolio/kpis/",
        "Channels": "portfolio/channels/",
        "Evidence": "portfolio/evidence/",
    }.items():
        assert links[text] == href
        assert (site / href / "index.html").is_file()
    future = BeautifulSoup(
        (site / "journeys/solar-buyers-journey-future/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    summary = future.select_one(".jm-changes__summary").get_text(" ", strip=True)
    assert summary.startswith("Compared with Buying solar panels and a battery :")


def test_hostile_text_stays_inert_on_portfolio_pages(minimal: Project) -> None:
    minimal.write(
        "journeys/hostile.md",
        """
        ---
        type: journey
        title: "</script><script>alert(1)</script>"
        persona: newcomer
        kpis: [{name: "<img src=x onerror=alert(1)>", value: 1, target: 2}]
        stages:
          - name: "<b onmouseover=alert(1)>Stage</b>"
            emotion: 1
            pain_points: ["**Slow** <script>alert(2)</script>"]
            touchpoints:
              - name: "--x_x--0_0--alert(1)--x_x--0_0--"
                channel: web
                emotion: 2
        ---
        """,
    )
    minimal.build()
    charts = 0
    for path in ["", "pain-points/", "kpis/", "channels/", "evidence/"]:
        raw = (minimal.site / "portfolio" / path / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in raw
        assert "<img src=x" not in raw
        assert "<b onmouseover" not in raw
        page = BeautifulSoup(raw, "html.parser")
        for chart in page.select("[data-jm-options]"):
            assert "<" not in chart["data-jm-options"]
            charts += 1
    assert charts
    heat = minimal.page("portfolio/pain-points/")
    chart = options(heat, "chart-portfolio-pain-journeys")
    assert "</script><script>alert(1)</script>" in chart["xAxis"][0]["data"]
    pain = heat.select_one("table.jm-pain-list tbody tr td:last-child")
    assert pain.strong.get_text() == "Slow"  # inline Markdown, raw HTML as text
    assert "<script>alert(2)</script>" in pain.get_text()


def test_empty_portal_has_portfolio_pages(project: Project) -> None:
    project.configure({"build_date": "2026-01-01", "portfolio_title": "Maps at a glance"})
    project.build()
    page = project.page("portfolio/")
    assert page.title.get_text() == "Maps at a glance - Test portal"
    nav = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary a.md-nav__link")]
    assert "Maps at a glance" in nav
    assert page.select_one("table.jm-review-list") is None
    assert "No journey maps yet." in page.select_one("article").get_text()
    assert "No KPIs recorded yet." in project.page("portfolio/kpis/").get_text()
    assert "No stages to show yet." in project.page("portfolio/pain-points/").get_text()
    assert "No touchpoints in today's maps yet." in project.page("portfolio/channels/").get_text()
    assert "No journey maps yet." in project.page("portfolio/evidence/").get_text()


def test_kpi_chart_of_a_large_portfolio_shows_those_furthest_from_target(
    minimal: Project,
) -> None:
    kpis = "".join(
        f"  - {{name: Metric {n:02d}, value: {n}, target: 100, unit: '%'}}\n" for n in range(1, 71)
    )
    minimal.write(
        "journeys/metrics.md",
        f"---\ntype: journey\ntitle: Metrics\npersona: newcomer\nkpis:\n{kpis}"
        "stages:\n  - name: Use\n---\n",
    )
    minimal.build()
    page = minimal.page("portfolio/kpis/")
    chart = options(page, "chart-portfolio-kpis")
    labels = chart["yAxis"][0]["data"]
    assert len(labels) == 60
    assert labels[0].startswith("Metric 01") and labels[-1].startswith("Metric 60")
    description = page.select_one("#chart-portfolio-kpis-desc").get_text(" ", strip=True)
    assert "the 60 KPIs furthest from their targets, of 70 comparable ones" in description
    assert len(rows(page.select_one("#chart-portfolio-kpis-figure table"))) == 60
    assert len(page.select("table.jm-kpi-board__table tbody tr")) == 70


def test_heatmap_of_a_large_portfolio_shows_the_journeys_with_most_pain(
    minimal: Project,
) -> None:
    # 42 more journeys: "Calm 1" and "Calm 2" have no pain points, the others one or two each.
    for n in range(1, 43):
        title = f"Calm {n}" if n <= 2 else f"Busy {n:02d}"
        pains = "" if n <= 2 else "    pain_points: [Slow]\n" * 1
        minimal.write(
            f"journeys/j{n:02d}.md",
            f"---\ntype: journey\ntitle: {title}\npersona: newcomer\nstages:\n"
            f"  - name: Wait {n}\n{pains}---\n",
        )
    minimal.build()
    page = minimal.page("portfolio/pain-points/")
    matrix = page.select("article table.jm-heat")[0]
    columns = [th.get_text(strip=True) for th in matrix.select("thead th")][1:-1]
    assert len(columns) == 40
    assert "Calm 1" not in columns and "Calm 2" not in columns
    assert columns[0] == "Busy 03" and columns[-1] == "Onboarding"  # the page's order, by title
    # Rows are the stages of the journeys shown: the calm journeys' own stages are left out.
    assert "Wait 1" not in [r[0] for r in rows(matrix)]
    note = page.select_one("article .jm-note").get_text(" ", strip=True)
    assert note.startswith("The 40 journeys with the most pain (severity-weighted) of the 43")
    chart = options(page, "chart-portfolio-pain-journeys")
    assert chart["xAxis"][0]["data"] == columns
    # Every pain point is still listed.
    assert len(page.select("table.jm-pain-list tbody tr")) == 41


def test_portfolio_tables_list_what_needs_attention_first(portfolio: Project) -> None:
    """Past `portfolio_table_rows`, a table lists the rows that most need attention, says so and
    says where every row is (every KPI of 10 000 journeys was 40 MB of HTML)."""
    # A fixed build date: the review rows count days from it.
    portfolio.configure({"portfolio_table_rows": 2, "build_date": "2026-12-02"})
    portfolio.build()
    kpis = portfolio.page("portfolio/kpis/").select_one("article")
    assert kpis.select_one(".jm-lede").get_text(" ", strip=True).startswith("4 KPIs across")
    assert kpis.select_one(".jm-listed").get_text(" ", strip=True) == (
        "Shown here: the 2 KPIs furthest from their targets, of 4, in the usual order. Every KPI "
        "is on its journey's page and in the portal's data export, portal.json ."
    )
    assert kpis.select_one(".jm-listed a")["href"] == "../../portal.json"
    table = kpis.select_one("table.jm-kpi-board__table")
    assert (
        table.caption.get_text(strip=True) == "The 2 KPIs furthest from their targets, by journey"
    )
    # 96 % and 88 % of target; 133 % and the KPI without a target are left out.
    assert [(r[0], r[8]) for r in rows(table)] == [
        ("Bills paid on time", "96 %"),
        ("Quote CSAT", "88 %"),
    ]

    pain = portfolio.page("portfolio/pain-points/").select_one("article")
    notes = [n.get_text(" ", strip=True) for n in pain.select(".jm-listed")]
    assert notes == [
        "Shown here: the 2 maps with the lowest points, of 4, in the usual order. Each map's own "
        "page shows its emotion curve.",
        "Shown here: the 2 pain points of highest severity, of 5, in the usual order. Every pain "
        "point is on its journey's page and in the portal's data export, portal.json .",
    ]
    listed = rows(pain.select_one("table.jm-pain-list"))
    assert [(r[1], r[4], r[6]) for r in listed] == [
        ("Billing", "High", "Unreadable layout"),
        ("Onboarding", "High", "Bill is confusing"),
    ]
    lowest = [li.get_text(" ", strip=True) for li in pain.select(".jm-lowest li")]
    assert [text.split(":")[0].strip() for text in lowest] == ["Billing", "Onboarding"]

    overview = portfolio.page("portfolio/").select_one("article")
    assert [n.get_text(" ", strip=True) for n in overview.select(".jm-listed")] == [
        "Shown here: the 2 journeys most urgent for review, of 5, in the usual order. Every map's "
        "review dates are on its own page and in the portal's data export, portal.json .",
        "Shown here: the 2 maps that come first by title, of 4, in the usual order. Each map's own "
        "page shows its sources, and the evidence page the maps least covered.",
        "Shown here: the 2 maps that come first by title, of 3, in the usual order. Each map's "
        "status is on its own page and in portal.json .",
    ]
    reviews = overview.select_one("table.jm-review-list")
    assert reviews.caption.get_text(strip=True).startswith("The 2 journeys most urgent for review")
    # The two most overdue; the summary above still counts every map.
    assert [(r[0].split()[0], r[1]) for r in rows(reviews)] == [
        ("Onboarding", "Overdue by 125 days"),
        ("Billing", "Overdue by 105 days"),
    ]
    assert len(overview.select("ul.jm-flagged")[0].select("li")) == 2

    evidence = portfolio.page("portfolio/evidence/").select_one("article")
    assert (
        evidence.select_one(".jm-listed")
        .get_text(" ", strip=True)
        .startswith("Shown here: the 2 journeys least covered, of 5, in the usual order.")
    )
    assert [r[0] for r in rows(evidence.select_one("table.jm-evidence-list"))] == [
        "Billing",
        "Onboarding",
    ]

    portfolio.configure({"portfolio_table_rows": 1})
    portfolio.build()
    channels = portfolio.page("portfolio/channels/").select_one("article")
    # The summary still counts every touchpoint; Web's own table lists one of its two.
    assert rows(channels.select_one("table.jm-channel-list"))[0][:2] == ["Web", "2"]
    note = channels.select_one("#jm-channel-web + .jm-listed")
    assert note.get_text(" ", strip=True) == (
        "Shown here: the 1 touchpoint with the most pain points, of 2, in the usual order. The "
        "ownership matrix and its CSV export list every touchpoint with its channel."
    )
    assert [a["href"] for a in note.select("a")] == [
        "../../ownership/",
        "../../ownership/ownership.csv",
    ]
    web = note.find_next_sibling("div").select_one("table")
    assert web.caption.get_text(strip=True) == (
        "Web: the 1 touchpoint with the most pain points, of 2"
    )
    assert [r[0] for r in rows(web)] == ["Direct debit form"]
    # Mail's one touchpoint is listed whole, with no note.
    assert channels.select_one("#jm-channel-mail + .jm-listed") is None


def test_evidence_chart_of_a_large_portfolio_shows_the_least_covered(minimal: Project) -> None:
    # 61 more journeys, each with one touchpoint that cites the source, except every tenth.
    for n in range(61):
        cites = "\n        evidence: [Survey]" if n % 10 else ""
        minimal.write(
            f"journeys/e{n:02d}.md",
            f"---\ntype: journey\ntitle: E{n:02d}\npersona: newcomer\n"
            "sources: [{kind: survey, name: Survey}]\nstages:\n  - name: Use\n"
            f"    touchpoints:\n      - name: Step{cites}\n---\n",
        )
    minimal.build()
    page = minimal.page("portfolio/evidence/")
    chart = options(page, "chart-portfolio-evidence")
    labels = chart["yAxis"][0]["data"]
    assert len(labels) == 60
    # Least covered first (0 %: E00, E10, … E60 and minimal's Onboarding, by title), then 100 %.
    assert labels[:9] == ["E00", "E10", "E20", "E30", "E40", "E50", "E60", "Onboarding", "E01"]
    description = page.select_one("#chart-portfolio-evidence-desc").get_text(" ", strip=True)
    assert description.startswith(
        "Evidence coverage of the 60 least covered of 62 journeys (the table below lists more)"
    )
    assert len(rows(page.select_one("#chart-portfolio-evidence-figure table"))) == 60
    assert len(page.select("table.jm-evidence-list tbody tr")) == 62
