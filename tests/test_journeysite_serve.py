"""`journeysite serve` rebuilds only the pages an edit touches, and nothing it serves goes stale.

Each test edits the portal under a running server, waits until the server has finished
rebuilding, checks what a writer would look at, and then compares every page, the search index
and the exports with what a fresh server builds from the same files: byte for byte, once the
address and the live-reload script (which differ between two servers) are set aside.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

import pytest

from tests.conftest import Project
from tests.site_server import MkDocsServer, journeysite_serve

VETERAN = """
---
type: persona
name: Victor Veteran
segment: Households
quote: I have seen it all.
goals: [Move without fuss]
---
Victor has moved house many times.
"""

BILLING = """
---
type: stakeholder
name: Billing Team
kind: team
influence: 3
interest: 4
---
"""

MOVING = """
---
type: journey
title: Moving home
persona: veteran
owner: billing
status: validated
reviewed: 2026-05-01
stages:
  - name: Tell us
    emotion: 3
    touchpoints:
      - name: Moving form
        channel: web
        owner: care
        emotion: 3
  - name: Final bill
    emotion: 2
    touchpoints:
      - name: Closing statement
        channel: email
        owner: billing
        emotion: 2
---
Moving, written by the research team.
"""

FILES = ("search/search_index.json", "portal.json", "ownership/ownership.csv", "sitemap.xml")
"""Files besides the pages that every edit can change."""


@pytest.fixture
def portal(minimal: Project) -> Project:
    """Two personas, two teams, two journeys; the care team owns touchpoints of both."""
    minimal.write("personas/veteran.md", VETERAN)
    minimal.write("stakeholders/billing.md", BILLING)
    minimal.write("journeys/moving.md", MOVING)
    return minimal


@pytest.fixture
def server(portal: Project) -> Iterator[MkDocsServer]:
    with journeysite_serve(portal) as running:
        yield running


def save(project: Project, path: str, text: str) -> None:
    """Replace a file at once, as editors save: the server never sees it half written."""
    temporary = project.root / "saving.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, project.content / path)


def html(server: MkDocsServer, path: str) -> str:
    status, text = server.get(path)
    return text if status == 200 else ""


def rebuilt(server: MkDocsServer, what: str, ready: Callable[[], bool]) -> None:
    """Wait until `ready()` holds and the server has finished every rebuild it started."""
    server.wait_for(what, lambda: ready() and server.settled())


_LIVE_RELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>", re.DOTALL)


def _normalised(server: MkDocsServer, body: bytes) -> bytes:
    body = _LIVE_RELOAD.sub(b"", body)
    return body.replace(server.base.encode(), b"BASE/")


def _fetch(server: MkDocsServer, path: str) -> bytes | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(server.base + path, timeout=30) as response:
            return _normalised(server, response.read())
    except urllib.error.HTTPError:
        return None


def site_paths(server: MkDocsServer) -> list[str]:
    """Every page the sitemap lists, as paths below the server's address, and FILES."""
    sitemap = (_fetch(server, "sitemap.xml") or b"").decode("utf-8")
    pages = [url.removeprefix("BASE/") for url in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    return sorted(pages) + list(FILES)


def assert_same_as_fresh(project: Project, server: MkDocsServer) -> None:
    """Every page and file the server serves is what a fresh build of the same files gives."""
    with journeysite_serve(project) as fresh:
        paths = site_paths(fresh)
        assert site_paths(server) == paths
        stale = {p: _first_difference(_fetch(server, p), _fetch(fresh, p)) for p in paths}
    assert {path: where for path, where in stale.items() if where} == {}


def _first_difference(served: bytes | None, fresh: bytes | None) -> str:
    """Where a served file first differs from the fresh one ("" when they are the same)."""
    if served == fresh:
        return ""
    if served is None or fresh is None:
        return f"served: {served is not None}, fresh: {fresh is not None}"
    served, fresh = served + b"\0", fresh + b"\1"  # one ends first: they differ there
    at = next(i for i, (a, b) in enumerate(zip(served, fresh, strict=False)) if a != b)
    return f"served {served[at - 80 : at + 80]!r}, fresh {fresh[at - 80 : at + 80]!r}"


def test_editing_a_journey_updates_every_page_that_shows_it(
    portal: Project, server: MkDocsServer
) -> None:
    journey = (portal.content / "journeys/onboarding.md").read_text(encoding="utf-8")
    edited = (
        journey.replace("Bill is confusing", "Bill is baffling")
        .replace("name: Web form", "name: Web sign-up form")
        .replace("name: Sign up", "name: Sign-up online")
    )
    save(portal, "journeys/onboarding.md", edited)

    rebuilt(
        server,
        "the edited journey",
        lambda: "Bill is baffling" in html(server, "journeys/onboarding/"),
    )
    assert "Web sign-up form" in html(server, "journeys/onboarding/")
    assert "Sign-up online" in html(server, "personas/newcomer/")  # its persona's page
    assert "Web sign-up form" in html(server, "ownership/care/")  # its owners' pages
    assert "Bill is baffling" in html(server, "portfolio/pain-points/")  # the portfolio
    assert "Web sign-up form" in html(server, "portfolio/channels/")
    assert "Sign up" not in html(server, "personas/newcomer/")
    assert "rebuilding every page" not in server.log().split("Detected file changes")[-1]
    assert_same_as_fresh(portal, server)


def test_renaming_a_persona_updates_every_journey_page_naming_it(
    portal: Project, server: MkDocsServer
) -> None:
    persona = (portal.content / "personas/newcomer.md").read_text(encoding="utf-8")
    save(portal, "personas/newcomer.md", persona.replace("Nora Newcomer", "Nora Nouveau"))

    rebuilt(
        server,
        "the renamed persona",
        lambda: "Nora Nouveau" in html(server, "journeys/onboarding/"),
    )
    assert "Nora Newcomer" not in html(server, "journeys/onboarding/")
    assert "Nora Nouveau" in html(server, "personas/newcomer/")
    assert_same_as_fresh(portal, server)


def test_deleting_a_file_removes_its_page_and_links(portal: Project, server: MkDocsServer) -> None:
    assert "journeys/moving/" in html(server, "personas/veteran/")
    (portal.content / "journeys/moving.md").unlink()

    rebuilt(
        server, "the deleted journey's page gone", lambda: server.get("journeys/moving/")[0] == 404
    )
    for path in ("personas/veteran/", "journeys/onboarding/", "ownership/care/", "portfolio/"):
        assert "journeys/moving/" not in html(server, path), path
    assert "Moving form" not in html(server, "ownership/care/")
    assert b"Moving home" not in _fetch(server, "search/search_index.json")
    assert_same_as_fresh(portal, server)


def test_a_broken_edit_shows_its_error_while_the_rest_stays_served(
    portal: Project, server: MkDocsServer
) -> None:
    journey = (portal.content / "journeys/moving.md").read_text(encoding="utf-8")
    save(portal, "journeys/moving.md", journey.replace("    emotion: 3\n", "    emotion: 9\n", 1))

    message = (
        "content/journeys/moving.md:10: error: stages[0].emotion: must be between 1 and 5 (got 9)"
    )
    rebuilt(server, "the error on the page", lambda: message in html(server, "journeys/moving/"))
    assert message in server.log()
    assert "Nora Newcomer" in html(server, "journeys/onboarding/")
    assert "Web form" in html(server, "ownership/care/")
    assert_same_as_fresh(portal, server)

    save(portal, "journeys/moving.md", journey)
    rebuilt(server, "the fixed page", lambda: message not in html(server, "journeys/moving/"))
    assert "Moving form" in html(server, "journeys/moving/")
    assert_same_as_fresh(portal, server)


def test_an_edit_in_a_body_rebuilds_only_the_pages_that_show_it(
    portal: Project, server: MkDocsServer
) -> None:
    journey = (portal.content / "journeys/moving.md").read_text(encoding="utf-8")
    save(portal, "journeys/moving.md", journey.replace("research team", "field team"))

    rebuilt(server, "the edited body", lambda: "field team" in html(server, "journeys/moving/"))
    last = server.log().split("Detected file changes")[-1]
    counts = re.search(r"rebuilding (\d+) of (\d+) pages", last)
    assert counts, last
    assert int(counts.group(1)) < int(counts.group(2))
    assert_same_as_fresh(portal, server)


def test_a_generated_page_that_declares_nothing_depends_on_everything(portal: Project) -> None:
    """Pages added by other parts of journeysite stay correct without knowing about serve."""
    from journeysite.content.tree import load_directory
    from journeysite.publish.dependencies import EVERYTHING, page_dependencies
    from journeysite.publish.pages import GeneratedPage

    loaded = load_directory(portal.content).portal
    undeclared = GeneratedPage("new/index.md", "New", "new.html", lambda p, u: None, "top")
    about_care = GeneratedPage(
        "team.md", "Team", "t.html", lambda p, u: None, "top", about=(("stakeholder", "care"),)
    )
    shown = page_dependencies(loaded, [undeclared, about_care])
    assert shown["new/index.md"] is EVERYTHING
    assert ("journey", "onboarding") in shown["team.md"]  # care owns its touchpoints
    assert ("journey", "moving") in shown["team.md"]
    assert ("persona", "veteran") not in shown["team.md"]
    assert shown["journeys/onboarding.md"] >= {("persona", "newcomer"), ("stakeholder", "care")}
    assert ("journey", "moving") not in shown["journeys/onboarding.md"]


OPPORTUNITY = """
---
type: opportunity
title: Explain the first bill
status: validated
owner: care
impact: 4
effort: 2
moments:
  - {journey: onboarding, stage: First bill}
---
"""

SOLUTION = """
---
type: solution
title: Annotated first bill
opportunities: [explain-bill]
status: planned
owner: billing
---
"""


def test_a_solution_s_new_status_reaches_the_maps_its_opportunities_sit_on(
    portal: Project,
) -> None:
    """A journey map shows the solutions of the opportunities at its stages: two steps away."""
    portal.write("opportunities/explain-bill.md", OPPORTUNITY)
    portal.write("solutions/annotated-bill.md", SOLUTION)
    with journeysite_serve(portal) as server:
        assert "Annotated first bill" in html(server, "journeys/onboarding/")
        save(portal, "solutions/annotated-bill.md", SOLUTION.lstrip().replace("planned", "shipped"))

        rebuilt(
            server,
            "the shipped solution",
            lambda: (
                "shipped" in html(server, "solutions/annotated-bill/").lower()
                and "planned" not in html(server, "solutions/annotated-bill/").lower()
            ),
        )
        assert "jm-status--shipped" in html(server, "journeys/onboarding/")
        assert_same_as_fresh(portal, server)


FRAMEWORK = """---
type: framework
title: Customer lifecycle
phases:
  - {id: join, name: Join}
  - {id: pay, name: Pay}
---
"""


def test_renaming_a_phase_reaches_every_page_that_names_it(portal: Project) -> None:
    """Stages name phases by id; their pages show the framework's name for it."""
    portal.write("frameworks/lifecycle.md", FRAMEWORK)
    journey = (portal.content / "journeys/onboarding.md").read_text(encoding="utf-8")
    portal.write(
        "journeys/onboarding.md",
        journey.replace("  - name: First bill\n", "  - name: First bill\n    phase: pay\n"),
    )
    with journeysite_serve(portal) as server:
        save(portal, "frameworks/lifecycle.md", FRAMEWORK.replace("name: Pay", "name: Settle up"))

        rebuilt(
            server,
            "the renamed phase",
            lambda: "Settle up" in html(server, "lifecycle/"),
        )
        assert "Settle up" in html(server, "journeys/onboarding/")
        assert_same_as_fresh(portal, server)


def test_a_bilingual_portal_serves_each_language_s_edit(project: Project) -> None:
    """Beside mkdocs-static-i18n, editing the German translation of a map updates the German page."""
    from tests.test_coexistence import _bilingual

    _bilingual(project)
    with journeysite_serve(project) as server:
        assert "Deutscher Text." in html(server, "de/journeys/discharge/")
        german = (project.content / "journeys/discharge.de.md").read_text(encoding="utf-8")
        save(project, "journeys/discharge.de.md", german.replace("Deutscher", "Geänderter"))

        rebuilt(
            server,
            "the edited translation",
            lambda: "Geänderter Text." in html(server, "de/journeys/discharge/"),
        )
        assert "English body." in html(server, "journeys/discharge/")
        assert "Geänderter" not in html(server, "journeys/discharge/")
        assert_same_as_fresh(project, server)
