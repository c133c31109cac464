"""`mkdocs serve` rebuilds: unchanged files are not parsed again, edits reach every page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from mkdocs.commands.build import build
from mkdocs.config import load_config

from journeysite.content.cache import memoise
from tests.conftest import Project, chart_options


@contextmanager
def serving(project: Project) -> Iterator[object]:
    """Rebuild like `mkdocs serve`: one plugin instance, a fresh config for every build."""
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        config = load_config(str(project.root / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        yield lambda: build(load_config(str(project.root / "mkdocs.yml")))
    finally:
        memoise(False)
        os.chdir(cwd)


def test_rebuild_parses_only_the_edited_file(minimal: Project) -> None:
    with serving(minimal) as rebuild:
        rebuild()
        plugin = load_config(str(minimal.root / "mkdocs.yml")).plugins["journeysite"]
        cache = plugin.load_cache
        hits, misses = cache.hits, cache.misses
        minimal.write(
            "personas/newcomer.md",
            "---\ntype: persona\nname: Nora Newcomer-Smith\nsegment: Households\n---\n",
        )
        rebuild()
        assert load_config(str(minimal.root / "mkdocs.yml")).plugins["journeysite"] is plugin
        assert (cache.misses - misses, cache.hits - hits) == (1, 3)
    # The journey was not parsed again, yet its page follows the persona's new name.
    page = minimal.page("journeys/onboarding/")
    assert page.select_one(".jm-facts dd a").get_text() == "Nora Newcomer-Smith"
    nav = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary a")]
    assert "Nora Newcomer-Smith" in nav


def test_rebuild_follows_an_edited_chart(minimal: Project) -> None:
    path = minimal.content / "journeys/onboarding.md"
    with serving(minimal) as rebuild:
        rebuild()
        path.write_text(path.read_text().replace("emotion: 2", "emotion: 1"), encoding="utf-8")
        rebuild()
    page = minimal.page("journeys/onboarding/")
    lane = [p.title.get_text() for p in page.select(".jm-lane__point")]
    assert lane[-1] == "First bill: 1 · very negative"
    persona = minimal.page("personas/newcomer/")
    curve = chart_options(persona, "chart-persona-newcomer-onboarding")
    assert curve["series"][0]["data"][-1]["value"] == ["First bill", "1 · very negative"]


def test_a_broken_edit_is_reported_and_the_fix_picked_up(minimal: Project) -> None:
    path = minimal.content / "journeys/onboarding.md"
    good = path.read_text()
    with serving(minimal) as rebuild:
        rebuild()
        path.write_text(good.replace("emotion: 2", "emotion: 9"), encoding="utf-8")
        rebuild()
        errors = minimal.page("journeys/onboarding/").select_one(".jm-errors").get_text(" ")
        assert "stages[1].emotion: must be between 1 and 5 (got 9)" in errors
        path.write_text(good, encoding="utf-8")
        rebuild()
    assert not minimal.page("journeys/onboarding/").select(".jm-errors")
