"""Navigation of a large portfolio: segments and stakeholder kinds, each page carrying its branch."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from journeysite.views.grouping import run_tree
from tests.conftest import Project

FEATURES = ["navigation.indexes", "navigation.sections", "navigation.path"]


def persona(project: Project, ident: str, name: str, segment: str | None) -> None:
    line = f"segment: {segment}\n" if segment else ""
    project.write(f"personas/{ident}.md", f"---\ntype: persona\nname: {name}\n{line}---\n")


def journey(project: Project, ident: str, title: str, persona_id: str, owner: str) -> None:
    project.write(
        f"journeys/{ident}.md",
        f"---\ntype: journey\ntitle: {title}\npersona: {persona_id}\nowner: {owner}\n"
        f"status: validated\nstages:\n  - name: Sign up\n    emotion: 3\n    touchpoints:\n"
        f"      - name: Form\n        owner: {owner}\n        supporting: [legal]\n---\n",
    )


def stakeholder(project: Project, ident: str, name: str, kind: str, extra: str = "") -> None:
    project.write(
        f"stakeholders/{ident}.md",
        f"---\ntype: stakeholder\nname: {name}\nkind: {kind}\n{extra}---\n",
    )


@pytest.fixture
def portfolio(project: Project) -> Project:
    """Four personas in two segments and none, three stakeholders of two kinds: grouped at 2."""
    project.configure({"nav_group_threshold": 2}, theme={"name": "material", "features": FEATURES})
    persona(project, "rita", "Rita Renter", "Renters")
    persona(project, "rob", "Rob Renter", "Renters")
    persona(project, "olga", "Olga Owner", "Owners")
    persona(project, "nobody", "Nadia Nosegment", None)
    stakeholder(project, "care", "Customer Care", "team")
    stakeholder(
        project, "legal", "Legal", "team", "relationships:\n  - {with: care, kind: supplies}\n"
    )
    stakeholder(project, "gridco", "GridCo", "partner")
    journey(project, "rita-moves", "Rita moves home", "rita", "care")
    journey(project, "rita-pays", "Rita pays a bill", "rita", "care")
    journey(project, "rob-joins", "Rob joins", "rob", "gridco")
    journey(project, "olga-solar", "Olga buys solar", "olga", "care")
    return project


def nav_links(page: BeautifulSoup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary a.md-nav__link")]


def nav_entries(page: BeautifulSoup) -> list[str]:
    """Links and section labels of the primary navigation, in order."""
    return [
        e.get_text(" ", strip=True)
        for e in page.select(".md-nav--primary a.md-nav__link, .md-nav--primary label.md-nav__link")
        if e.get_text(strip=True)
    ]


def test_journeys_index_lists_segments_with_their_personas(portfolio: Project) -> None:
    portfolio.build()
    index = portfolio.page("journeys/")
    rows = [
        [" ".join(cell.get_text().split()) for cell in tr.select("th, td")]
        for tr in index.select("table.jm-segment-list tbody tr")
    ]
    assert rows == [
        ["Owners", "1", "Validated 1", "Olga Owner"],
        ["Renters", "3", "Validated 3", "Rita Renter, Rob Renter"],
        ["Other personas", "0", "—", "Nadia Nosegment"],
    ]
    assert index.select_one("table.jm-segment-list a")["href"] == "segment/owners/"
    assert "4 journey maps for 4 personas in 3 segments." in index.get_text(" ", strip=True)
    # No page lists every journey: the journeys index links segments, segments list journeys.
    assert not index.select("table.jm-journey-list")
    segment = portfolio.page("journeys/segment/renters/")
    assert segment.select_one("article h1").get_text(strip=True).rstrip("¶") == "Renters"
    groups = [h2.get_text(" ", strip=True) for h2 in segment.select("article h2")]
    assert groups == ["Rita Renter", "Rob Renter"]
    journeys = [a.get_text() for a in segment.select("table.jm-journey-list tbody th a")]
    assert journeys == ["Rita moves home", "Rita pays a bill", "Rob joins"]


def test_a_page_carries_only_its_own_branch(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("journeys/rita-moves/")
    links = nav_links(page)
    # Segments are listed; only the page's own segment shows its personas, and only the page's
    # own persona shows its journeys.
    for title in ("Owners", "Renters", "Other personas", "Rita Renter", "Rob Renter"):
        assert title in links
    assert "Rita pays a bill" in links
    for hidden in ("Olga Owner", "Olga buys solar", "Rob joins", "Nadia Nosegment"):
        assert hidden not in links
    config = json.loads(page.select_one("#__config").string)
    assert "navigation.prune" in config["features"]
    path = [a.get_text(" ", strip=True) for a in page.select(".md-path a")]
    assert path == ["Home", "Journeys", "Renters", "Rita Renter"]
    assert [a["href"] for a in page.select(".md-path a")][1:] == [
        "../",
        "../segment/renters/",
        "../../personas/rita/",
    ]


def test_persona_page_opens_its_section(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("personas/rita/")
    heads = {
        a.get_text(" ", strip=True): a["href"]
        for a in page.select(".md-nav--primary .md-nav__container > a")
    }
    # navigation.indexes: the persona's section title is the link to the persona's page.
    assert heads["Rita Renter"] == "./"
    assert heads["Renters"] == "../../journeys/segment/renters/"
    assert nav_links(page).count("Rita Renter") == 1


def test_navigation_does_not_grow_with_other_segments(portfolio: Project) -> None:
    portfolio.build()
    before = nav_links(portfolio.page("journeys/rita-moves/"))
    for i in range(6):
        persona(portfolio, f"owner{i}", f"Owner {i}", "Owners")
        journey(portfolio, f"owner{i}-solar", f"Solar {i}", f"owner{i}", "care")
    portfolio.build()
    assert nav_links(portfolio.page("journeys/rita-moves/")) == before
    # A segment larger than the threshold lists runs of at most that many personas: the page's
    # own run is open (its title a label), the others are links to their first persona. Seven
    # personas at a threshold of two would be four runs, more than two on one level: so two runs
    # (two initials tell them apart), each in runs of two.
    page = portfolio.page("journeys/owner3-solar/")
    entries = nav_entries(page)
    owners = entries[entries.index("Owners") + 1 :]
    assert owners[:4] == ["OL–OW", "OW", "Owner 3 – Owner 4", "Owner 3"]
    # After the open persona (its journeys and the page's own headings): the rest of its run,
    # the next run, then the next segment.
    after = owners[owners.index("Owner 3") + 1 :]
    shown = {"Owner 4", "Owner 5", "Renters"}
    assert [entry for entry in after if entry in shown] == ["Owner 4", "Owner 5", "Renters"]
    assert "Owner 1" not in entries
    path = [a.get_text(" ", strip=True) for a in page.select(".md-path a")]
    assert path == ["Home", "Journeys", "Owners", "OW", "Owner 3 – Owner 4", "Owner 3"]


def test_stakeholders_grouped_by_kind(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("stakeholders/legal/")
    links = nav_links(page)
    assert "Teams" in links and "Partners" in links
    assert "Customer Care" in links and "GridCo" not in links
    teams = portfolio.page("stakeholders/kind/teams/")
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
        for tr in teams.select("article table tbody tr")
    ]
    assert rows == [
        ["Customer Care", "—", "—", "—", "3", "3"],
        ["Legal", "—", "—", "—", "0", "4"],
    ]
    # The stakeholder page itself still finds what it owns, supports and who relates to it.
    care = portfolio.page("stakeholders/care/")
    roles = [
        [cell.get_text(" ", strip=True) for cell in tr.select("th, td")][:3]
        for tr in care.select("article table")[-1].select("tbody tr")
    ]
    assert roles == [
        ["Form", "Owner", "Olga buys solar"],
        ["Form", "Owner", "Rita moves home"],
        ["Form", "Owner", "Rita pays a bill"],
    ]
    incoming = care.select_one("article table").get_text(" ", strip=True)
    assert "Incoming … supplies Customer Care Legal" in incoming


def test_small_portals_and_never_keep_flat_lists(portfolio: Project) -> None:
    portfolio.configure(
        {"nav_grouping": "never", "nav_group_threshold": 2},
        theme={"name": "material", "features": FEATURES},
    )
    portfolio.build()
    assert not (portfolio.site / "journeys/segment").exists()
    assert not (portfolio.site / "stakeholders/kind").exists()
    page = portfolio.page("journeys/rita-moves/")
    config = json.loads(page.select_one("#__config").string)
    assert "navigation.prune" not in config["features"]
    index = portfolio.page("journeys/")
    groups = [h2.get_text(" ", strip=True) for h2 in index.select("article h2")]
    assert groups == [
        "Nadia Nosegment",
        "Olga Owner Owners",
        "Rita Renter Renters",
        "Rob Renter Renters",
    ]


def test_many_teams_list_their_ownership_pages_in_runs(portfolio: Project) -> None:
    portfolio.build()
    page = portfolio.page("ownership/legal/")
    entries = nav_entries(page)
    ownership = entries[entries.index("Ownership") + 1 :]
    # Three teams at a threshold of two: the other run is one link, the page's own run is open.
    assert ownership[:3] == ["C–G", "L", "Legal: ownership"]
    assert "Customer Care: ownership" not in entries
    path = [a.get_text(" ", strip=True) for a in page.select(".md-path a")]
    assert path == ["Home", "Ownership", "L"]


def test_a_section_of_thousands_keeps_every_level_of_runs_short() -> None:
    """5 000 opportunities at the default threshold were 168 runs side by side, rendered into every
    page of the portal (12.5 GB of site at 10 000 journeys): every level now holds at most 30."""

    def levels(items: list, depth: int = 0, found: dict | None = None) -> dict[int, list[int]]:
        found = {} if found is None else found
        found.setdefault(depth, []).append(len(items))
        for entry in items:
            if isinstance(entry, tuple):
                levels(entry[1], depth + 1, found)
        return found

    def leaves(items: list) -> list[str]:
        return [t for e in items for t in (leaves(e[1]) if isinstance(e, tuple) else [e])]

    for count in (31, 900, 901, 5000, 27_001):
        members = [SimpleNamespace(title=f"Opportunity {i:05d}", id=str(i)) for i in range(count)]
        tree = run_tree(members, 30, lambda d: d.title, lambda title, items: (title, items))
        assert leaves(tree) == [m.title for m in members]  # each once, in title order
        assert max(max(sizes) for sizes in levels(tree).values()) <= 30, count
        assert len(levels(tree)) <= 4, count
