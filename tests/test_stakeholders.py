"""The stakeholder map page (power/interest grid, relationship network) and stakeholder profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.harness import ECHARTS_LABEL_BOXES, overlapping
from tests.conftest import Project, differences
from tests.site_server import chromium, serve, watch_errors


def stakeholder(
    ident: str,
    name: str,
    kind: str,
    influence: int | None = None,
    interest: int | None = None,
    relationships: str = "",
) -> tuple[str, str]:
    lines = ["---", "type: stakeholder", f"name: {json.dumps(name)}", f"kind: {kind}"]
    if influence is not None:
        lines.append(f"influence: {influence}")
    if interest is not None:
        lines.append(f"interest: {interest}")
    if relationships:
        lines.append("relationships:")
        lines += [f"  - {r}" for r in relationships.strip().splitlines()]
    return f"stakeholders/{ident}.md", "\n".join([*lines, "---", ""])


@pytest.fixture
def mapped(project: Project) -> Project:
    """Five stakeholders: two share a cell, one has no scores, relationships form a cycle."""
    for path, text in [
        stakeholder(
            "care",
            "Customer Care",
            "team",
            4,
            5,
            "{with: billing, kind: depends-on, note: Needs **corrected** reads}\n"
            "{with: digital, kind: influences}",
        ),
        stakeholder(
            "digital",
            "Digital Experience",
            "team",
            4,
            5,
            "{with: care, kind: depends-on}\n{with: installers, kind: collaborates}",
        ),
        stakeholder(
            "billing", "Billing Operations", "department", 3, 2, "{with: care, kind: reports-to}"
        ),
        stakeholder(
            "regulator", "Energy Regulator", "regulator", 5, 1, "{with: billing, kind: influences}"
        ),
        stakeholder("installers", "SolarFit Installers", "partner"),
    ]:
        project.write(path, text)
    return project


def chart_options(project: Project, chart_id: str) -> dict:
    page = project.page("stakeholders/")
    return json.loads(page.select_one(f"#{chart_id}")["data-jm-options"])


def table_rows(figure) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
        for tr in figure.select("tbody tr")
    ]


def test_stakeholder_map_is_the_stakeholders_section_index(mapped: Project) -> None:
    mapped.build()
    page = mapped.page("stakeholders/")
    assert page.select_one("article h1").get_text(strip=True) == "Stakeholder map¶"
    assert [h.get_text(strip=True) for h in page.select("article h2")] == [
        "Power/interest grid¶",
        "Relationship network¶",
        "All stakeholders¶",
    ]
    section = page.select_one(".md-nav--primary a.md-nav__link--active[href='./']")
    assert section.get_text(strip=True) == "Stakeholders"
    rows = table_rows(page.select_one("table.jm-stakeholder-list"))
    assert rows[0] == [
        "Billing Operations",
        "Department",
        "3",
        "2",
        "Keep satisfied",
        "0",
        "0",
        "0",
        "1",
        "2",
    ]
    assert rows[-1] == ["SolarFit Installers", "Partner", "—", "—", "—", "0", "0", "0", "0", "1"]


def test_power_interest_grid(mapped: Project) -> None:
    mapped.build()
    options = chart_options(mapped, "chart-stakeholders-grid")
    kinds = [s["name"] for s in options["series"][:-1]]
    assert kinds == ["Team", "Department", "Regulator"]
    assert options["legend"][0]["data"] == kinds
    assert [s["symbol"] for s in options["series"][:-1]] == ["circle", "rect", "arrow"]
    team = {d["name"]: d["value"] for d in options["series"][0]["data"]}
    # Customer Care and Digital Experience share the cell interest 5 × influence 4: one column,
    # a full label height apart, both inside the cell.
    assert team == {"Customer Care": [4.6, 4.244], "Digital Experience": [4.6, 3.756]}
    assert options["series"][1]["data"][0]["value"] == [1.6, 3.0]
    quadrants = options["series"][-1]["markArea"]["data"]
    assert [q[0]["name"] for q in quadrants] == [
        "Manage closely",
        "Keep satisfied",
        "Keep informed",
        "Monitor",
    ]
    assert options["series"][-1]["markLine"]["data"] == [{"xAxis": 2.5}, {"yAxis": 2.5}]
    assert options["xAxis"][0]["axisLabel"]["customValues"] == [1, 2, 3, 4, 5]
    page = mapped.page("stakeholders/")
    figure = page.select_one("#chart-stakeholders-grid-figure")
    assert table_rows(figure) == [
        ["Billing Operations", "Department", "3", "2", "Keep satisfied"],
        ["Customer Care", "Team", "4", "5", "Manage closely"],
        ["Digital Experience", "Team", "4", "5", "Manage closely"],
        ["Energy Regulator", "Regulator", "5", "1", "Keep satisfied"],
    ]
    description = figure.select_one(".jm-chart__desc").get_text()
    assert (
        "Manage closely: Customer Care, Digital Experience; Keep satisfied: Billing Operations, Energy Regulator."
        in description
    )
    unplaced = page.select_one(".jm-stakeholder-map > p.jm-flag--soft").get_text(" ", strip=True)
    assert unplaced == "Not on the grid (no influence or interest score yet): SolarFit Installers ."


def test_relationship_network_with_a_cycle(mapped: Project) -> None:
    mapped.build()
    options = chart_options(mapped, "chart-stakeholders-network")
    series = options["series"][0]
    assert series["type"] == "graph"
    assert series["layout"] == "none"
    assert series["edgeSymbol"] == ["none", "arrow"]
    names = [node["name"] for node in series["data"]]
    assert names == [
        "Billing Operations",
        "Customer Care",
        "Digital Experience",
        "Energy Regulator",
        "SolarFit Installers",
    ]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in series["data"])
    assert [c["name"] for c in series["categories"]] == [
        "Team",
        "Department",
        "Partner",
        "Regulator",
    ]
    assert [c["symbol"] for c in series["categories"]] == ["circle", "rect", "triangle", "arrow"]
    edges = [
        (names[link["source"]], link["label"]["formatter"], names[link["target"]])
        for link in series["links"]
    ]
    assert edges == [
        ("Billing Operations", "reports to", "Customer Care"),
        ("Customer Care", "depends on", "Billing Operations"),
        ("Customer Care", "influences", "Digital Experience"),
        ("Digital Experience", "depends on", "Customer Care"),
        ("Digital Experience", "collaborates with", "SolarFit Installers"),
        ("Energy Regulator", "influences", "Billing Operations"),
    ]
    # The kind is named on the edge in focus and in its tooltip; always shown as colour and dashes.
    assert series["emphasis"]["edgeLabel"]["show"] is True
    assert series["links"][1]["tooltip"]["formatter"] == "{b}<br/>depends on"
    line_types = {link["label"]["formatter"]: link["lineStyle"]["type"] for link in series["links"]}
    assert line_types == {
        "reports to": "solid",
        "depends on": "dashed",
        "influences": "solid",
        "collaborates with": "solid",
    }
    page = mapped.page("stakeholders/")
    figure = page.select_one("#chart-stakeholders-network-figure")
    assert table_rows(figure)[1] == [
        "Customer Care",
        "depends on",
        "Billing Operations",
        "Needs corrected reads",
    ]
    assert figure.select_one("tbody tr:nth-of-type(2) strong").get_text() == "corrected"
    description = figure.select_one(".jm-chart__desc").get_text()
    assert "5 stakeholders and 6 relationships" in description
    assert (
        "Loops, where relationships lead back to where they started: Billing Operations, Customer Care, Digital Experience."
        in description
    )
    legend = [li.get_text(strip=True) for li in page.select("ul.jm-legend li")]
    assert legend == [
        "influences",
        "depends on",
        "collaborates with",
        "conflicts with",
        "supplies",
        "reports to",
    ]


def test_stakeholder_map_is_deterministic(mapped: Project, tmp_path: Path) -> None:
    """The map's layout and loops are worked out with sets of ids: no hash order may leak."""
    first = mapped.built_files(tmp_path / "first", 1)
    second = mapped.built_files(tmp_path / "second", 2)
    assert "stakeholders/index.html" in first
    assert differences(first, second) == []


def test_profile_shows_relationships_both_ways_and_what_it_owns(mapped: Project) -> None:
    mapped.write("personas/nora.md", "---\ntype: persona\nname: Nora\n---\n")
    mapped.write(
        "journeys/onboarding.md",
        """
        ---
        type: journey
        title: Onboarding
        persona: nora
        owner: care
        stages:
          - name: Sign up
            touchpoints:
              - name: Web form
                channel: web
                owner: digital
                supporting: [care]
                pain_points: [Slow, Confusing]
              - name: Welcome call
                channel: phone
                owner: care
        ---
        """,
    )
    mapped.build()
    page = mapped.page("stakeholders/care/")
    facts = {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(
            page.select("article .jm-facts dt"), page.select("article .jm-facts dd"), strict=True
        )
    }
    assert facts == {
        "Kind": "Team",
        "Influence": "4 of 5",
        "Interest": "5 of 5",
        "Approach": "Manage closely",
    }
    assert page.select_one(".jm-facts a")["href"] == "../#jm-power-interest"
    relationships = [
        [c.get_text(" ", strip=True) for c in tr.select("th, td")]
        for tr in page.select("#jm-relationships + .jm-scroll tbody tr")
    ]
    assert relationships == [
        ["Outgoing", "Customer Care depends on …", "Billing Operations", "Needs corrected reads"],
        ["Outgoing", "Customer Care influences …", "Digital Experience", ""],
        ["Incoming", "… reports to Customer Care", "Billing Operations", ""],
        ["Incoming", "… depends on Customer Care", "Digital Experience", ""],
    ]
    owned = [
        [c.get_text(" ", strip=True) for c in tr.select("th, td")]
        for tr in page.select("#jm-owns ~ .jm-scroll tbody tr")
    ]
    assert owned == [
        ["Web form", "Supporting", "Onboarding", "Sign up", "Web", "2"],
        ["Welcome call", "Owner", "Onboarding", "Sign up", "Phone", "0"],
    ]
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Owns the journey map: Onboarding ." in text
    ownership = page.select_one("article a[href='../../ownership/care/']")
    assert ownership.get_text() == "Customer Care: ownership"
    # A stakeholder that owns nothing has no ownership page and no link to one.
    lonely = mapped.page("stakeholders/regulator/")
    assert "Owns no journey or touchpoint." in lonely.get_text()
    assert not lonely.select("article a[href*='ownership/']")
    assert not (mapped.site / "ownership/regulator").exists()


def test_hostile_stakeholder_names_stay_text(mapped: Project) -> None:
    hostile = "</script><img src=x onerror=alert(1)>{a}"
    path, text = stakeholder("evil", hostile, "competitor", 2, 2, "{with: care, kind: conflicts}")
    mapped.write(path, text)
    mapped.build()
    raw = (mapped.site / "stakeholders/index.html").read_text()
    assert "<img src=x" not in raw
    page = mapped.page("stakeholders/")
    for chart_id in ("chart-stakeholders-grid", "chart-stakeholders-network"):
        source = page.select_one(f"#{chart_id}")["data-jm-options"]
        assert "<" not in source
        assert hostile in json.dumps(json.loads(source), ensure_ascii=False)
    options = chart_options(mapped, "chart-stakeholders-grid")
    evil = next(s for s in options["series"] if s["name"] == "Competitor")["data"][0]
    assert evil["name"] == hostile
    # Tooltip templates hold vocabulary only; ECharts escapes the name it substitutes for {b}.
    assert evil["tooltip"]["formatter"] == (
        "{b}<br/>Competitor · influence 2 of 5, interest 2 of 5<br/>Monitor"
    )
    assert page.select_one("table.jm-stakeholder-list tbody th a").get_text() == hostile


@pytest.mark.browser
def test_grid_labels_never_overlap_in_chromium(project: Project) -> None:
    """Four stakeholders in one cell and full neighbouring cells: every name stays readable."""
    crowd = [
        stakeholder(f"s{i}", name, "team", 4, 4)
        for i, name in enumerate(
            [
                "Northwind Customer Council",
                "Pricing and Propositions",
                "Field Operations",
                "Finance",
            ]
        )
    ]
    neighbours = [
        stakeholder("n1", "Energy Markets Authority", "regulator", 4, 5),
        stakeholder("n2", "Retail Marketing", "department", 4, 5),
        stakeholder("n3", "Citizens Energy Advice", "other", 4, 3),
        stakeholder("n4", "Billing Operations", "team", 5, 4),
        stakeholder("n5", "Meterline Devices", "supplier", 3, 4),
    ]
    for path, text in crowd + neighbours:
        project.write(path, text)
    project.build()
    with serve(project.site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = watch_errors(page)
        page.goto(base + "stakeholders/")
        page.wait_for_function("document.querySelectorAll('.jm-chart canvas').length === 2")
        labels = page.evaluate(ECHARTS_LABEL_BOXES, "chart-stakeholders-grid")
        assert errors == []
    assert labels["width"] >= 640
    assert overlapping(labels["boxes"]) == []
    texts = [b["text"].strip() for b in labels["boxes"]]
    for word in ("Northwind", "Pricing and", "Field Operations", "Finance", "Manage closely"):
        assert any(t.startswith(word) for t in texts), texts
