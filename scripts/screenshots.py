"""Refresh the README's screenshots from the demo portal.

Builds content/ with mkdocs.yml into a temp dir, serves it on 127.0.0.1, and has Debian's Chromium
(the browser tests' harness) photograph the journey canvas (a current map, and a future map with
its baseline's curve in the emotion lane) at 1440 px, a persona page with its small multiples and
the opportunities' impact/effort matrix, the lifecycle page with its blind spots, and the
stakeholder map (`stakeholders/`, or a stakeholder's page while the portal has no map) in the
light scheme. Run from anywhere: python3 scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.harness import (  # noqa: E402
    Recorder,
    Site,
    build_portal,
    launch,
    recorded_page,
    serve,
    wait_for_charts,
)

OUT = REPO / "docs" / "images"
VIEWPORT = {"width": 1280, "height": 960}
CANVAS = {"width": 1440, "height": 900}
# file: (pages to try in order, the element to scroll to the top or None, pixels above it, viewport)
SHOTS = {
    "journey.png": (["journeys/moving-home/"], "#jm-map", 64, CANVAS),
    "journey-future.png": (["journeys/solar-buyers-journey-future/"], "tr.jm-lane", 420, CANVAS),
    "persona.png": (["personas/price-conscious-renter/"], "#jm-emotion-curves", 64, VIEWPORT),
    "opportunities.png": (["opportunities/"], "#jm-impact-effort", 64, VIEWPORT),
    "lifecycle.png": (["lifecycle/"], "#jm-blind-spots", 64, VIEWPORT),
    "stakeholders.png": (
        ["stakeholders/", "stakeholders/customer-care/"],
        "#jm-power-interest",
        64,
        VIEWPORT,
    ),
}
MAX_BYTES = 450_000


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        with serve(root) as base, launch() as browser:
            build_portal(REPO / "mkdocs.yml", root, base)
            site = Site(root, base)
            recorder = Recorder()
            with recorded_page(browser, recorder, viewport=VIEWPORT, color_scheme="light") as page:
                for name, (candidates, section, above, viewport) in SHOTS.items():
                    path = next(p for p in candidates if p in site.pages())
                    page.set_viewport_size(viewport)
                    page.goto(site.url(path), wait_until="networkidle")
                    wait_for_charts(page)
                    if section and path == candidates[0]:
                        page.locator(section).first.evaluate(
                            "(el, above) => window.scrollTo(0,"
                            " el.getBoundingClientRect().top + scrollY - above)",
                            above,
                        )
                        # Material shows the page title in the header once the h1 scrolls away.
                        page.locator(".md-header__title--active").wait_for()
                        page.wait_for_function(
                            "() => document.getAnimations().every(a => a.playState !== 'running')"
                        )
                    page.mouse.move(0, 0)
                    target = OUT / name
                    page.screenshot(path=str(target))
                    size = target.stat().st_size
                    print(f"{target.relative_to(REPO)}: {path} ({size // 1000} KB)")
                    if size > MAX_BYTES:
                        print(f"error: {name} is over {MAX_BYTES // 1000} KB", file=sys.stderr)
                        return 1
            if problems := recorder.problems():
                print(f"error: the demo portal misbehaved: {problems}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
