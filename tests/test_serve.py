"""`mkdocs serve` while a writer edits: a broken file never takes the server down; its errors show
in the terminal with file:line and on its page, and fixing the file recovers on the next save."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import Project
from tests.site_server import JOURNEYSITE_SERVE, MKDOCS_SERVE, MkDocsServer, mkdocs_serve


@pytest.fixture(params=[MKDOCS_SERVE, JOURNEYSITE_SERVE], ids=["mkdocs", "journeysite"])
def server(minimal: Project, request: pytest.FixtureRequest) -> Iterator[MkDocsServer]:
    """Both serve commands: `mkdocs serve` rebuilds everything, `journeysite serve` only the
    pages an edit touches; a broken file must behave the same under both."""
    with mkdocs_serve(minimal, command=request.param) as running:
        yield running


def errors_panel(server: MkDocsServer) -> list[str] | None:
    page = server.page("journeys/onboarding/")
    panel = page.select_one(".jm-errors") if page else None
    return [li.get_text(strip=True) for li in panel.select("li")] if panel else None


def heading(server: MkDocsServer) -> str | None:
    page = server.page("journeys/onboarding/")
    h1 = page.select_one("article h1") if page else None
    return h1.get_text(strip=True) if h1 else None


def test_broken_file_shows_errors_and_recovers(minimal: Project, server: MkDocsServer) -> None:
    server.wait_for("the first build", lambda: heading(server) == "Onboarding")
    journey = minimal.content / "journeys/onboarding.md"
    good = journey.read_text()

    journey.write_text(good.replace("    emotion: 4\n", "    emotion: 9\n"))
    message = "content/journeys/onboarding.md:10: error: stages[0].emotion: must be between 1 and 5 (got 9)"
    server.wait_for("the errors on the page", lambda: errors_panel(server) == [message])
    assert message in server.log()
    assert "Traceback" not in server.log()

    journey.write_text(good.replace("title: Onboarding", "title: Onboarding again"))
    server.wait_for("the recovered page", lambda: heading(server) == "Onboarding again")
    assert errors_panel(server) is None
    assert server.page("personas/newcomer/") is not None


def test_broken_yaml_and_dangling_reference_keep_the_server_up(
    minimal: Project, server: MkDocsServer
) -> None:
    server.wait_for("the first build", lambda: heading(server) == "Onboarding")
    journey = minimal.content / "journeys/onboarding.md"
    good = journey.read_text()

    journey.write_text(good.replace("persona: newcomer", "persona: [newcomer"))
    server.wait_for("the YAML error on the page", lambda: bool(errors_panel(server)))
    assert errors_panel(server)[0].startswith("content/journeys/onboarding.md:")
    assert "invalid YAML" in errors_panel(server)[0]

    journey.write_text(good.replace("persona: newcomer", "persona: ghost"))
    expected = "content/journeys/onboarding.md:4: error: persona: unknown persona `ghost`"
    server.wait_for("the reference error on the page", lambda: errors_panel(server) == [expected])
    assert expected in server.log()

    journey.write_text(good)
    server.wait_for(
        "the recovered page",
        lambda: errors_panel(server) is None and heading(server) == "Onboarding",
    )
