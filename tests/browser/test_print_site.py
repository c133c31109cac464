"""mkdocs-print-site-plugin's print page, in Chromium: every map's charts are drawn there too."""

from __future__ import annotations

import pytest
import yaml

from tests.browser.harness import REPO, Recorder, build_portal, serve, wait_for_charts

pytestmark = pytest.mark.browser


def test_print_page_draws_the_maps_charts(tmp_path, page, recorder: Recorder) -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / config.get("docs_dir", "docs"))
    config["plugins"] = [*config["plugins"], "print-site"]
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    with serve(site) as base:
        build_portal(config_file, site, base)
        page.goto(base + "print_page/")
        charts = wait_for_charts(page)
        journeys = len(list((REPO / "content" / "journeys").glob("*.md")))
        assert charts >= journeys  # at least one chart per map, each drawn
        assert page.locator(".jm-chart canvas, .jm-chart svg").count() >= charts
    assert recorder.problems() == {}
