"""Backstage TechDocs: a portal whose mkdocs.yml lists `techdocs-core` and `journeysite` builds
with `--strict`, and its pages show their charts and the journey grid without JavaScript (TechDocs
runs no page scripts).

mkdocs-techdocs-core pins its own mkdocs-material, so it is installed with the built wheel into a
fresh virtual environment, as a TechDocs builder would, rather than into the test environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.harness import launch, serve
from tests.conftest import REPO

pytestmark = pytest.mark.browser


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def techdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("techdocs")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", REPO)
    wheel = next((root / "dist").glob("journeysite-*.whl"))
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin/python", "-m", "pip", "install", "-q", wheel, "mkdocs-techdocs-core")
    portal = root / "portal"
    shutil.copytree(REPO / "content", portal / "docs")
    (portal / "mkdocs.yml").write_text(
        "site_name: Journeys in TechDocs\nplugins:\n  - techdocs-core\n  - journeysite\n"
    )
    run(venv / "bin/mkdocs", "build", "--strict", cwd=portal)
    return portal / "site"


def test_a_techdocs_portal_shows_grid_lane_and_charts_without_javascript(
    techdocs_site: Path,
) -> None:
    with serve(techdocs_site) as base, launch() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
        page.goto(base + "journeys/solar-buyers-journey-future/")
        assert page.locator("table.jm-grid").is_visible()
        faces = page.locator("tr.jm-lane circle.jm-face")
        assert faces.count() >= 10
        assert all(faces.nth(i).bounding_box()["width"] > 8 for i in range(faces.count()))
        assert page.locator("tr.jm-lane line.jm-lane__line--baseline").count() > 0
        assert page.locator("details.jm-lane__data table").count() == 1
        for path, count in (
            ("personas/solar-curious-homeowner/", 3),  # one per journey, emotion by phase
            ("stakeholders/", 2),
            ("portfolio/pain-points/", 2),
            ("portfolio/kpis/", 1),
        ):
            page.goto(base + path)
            charts = page.locator(".jm-chart")
            assert charts.count() == count, path
            for i in range(count):
                drawing = charts.nth(i).locator("svg.jm-svg")
                box = drawing.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 150, path
                shapes = drawing.locator("rect, circle, polygon, polyline")
                assert shapes.count() >= 3, path
                assert shapes.first.is_visible(), path
