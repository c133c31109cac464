"""A portal written by an attacker: every writer-provided string is a payload. In Chromium, with the
demo's theme and features, nothing runs: no dialog, no marker set, no event-handler attribute, no
javascript: link; the payloads are shown as the text they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.harness import (
    REPO,
    Recorder,
    Site,
    build_portal,
    serve,
    swapped,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

# Each tries to set window.__pwned and open a dialog if it ever runs.
SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
SVG = "\"'><svg onload=window.__pwned=1;alert(1)>"
LINK = "[click me](javascript:window.__pwned=1;alert(1))"
TEMPLATE = "{{ 7*7 }} {% raw %}"
JS_TEMPLATE = "${7*7}"  # one asterisk per string: two would be inline Markdown emphasis
JSCODE = "--x_x--0_0--window.__pwned=1;alert(1)--x_x--0_0--"
SEPARATORS = "line\u2028para\u2029end"
PAYLOADS = [SCRIPT, IMG, SVG, LINK, TEMPLATE, JS_TEMPLATE, JSCODE]

# Markers the page must never contain outside text: what the payloads would create if they ran.
FORBIDDEN = """() => ({
  pwned: typeof window.__pwned !== 'undefined',
  handlers: [...document.querySelectorAll('*')].flatMap(el => el.getAttributeNames()
    .filter(n => n.startsWith('on')).map(n => el.tagName + '[' + n + ']')),
  javascriptLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction'))
    .filter(v => /^\\s*javascript:/i.test(v)),
  payloadScripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
  payloadElements: [...document.querySelectorAll('img[src=x], svg[onload], body script:not([src])')]
    .filter(el => (el.outerHTML || '').includes('__pwned')).length,
})"""
CLEAN = {
    "pwned": False,
    "handlers": [],
    "javascriptLinks": [],
    "payloadScripts": 0,
    "payloadElements": 0,
}


def dump(front_matter: dict, body: str = "") -> str:
    return f"---\n{yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)}---\n{body}\n"


def write_payload_portal(content: Path) -> None:
    files = {
        # Markdown bodies are ordinary MkDocs pages (raw HTML is the site author's, as in any MkDocs
        # site): the payloads go in the fields journeysite renders.
        "index.md": "# Home\n\nA portal whose writers are hostile.\n",
        "personas/pwn-persona.md": dump(
            {
                "type": "persona",
                "name": SCRIPT,
                "segment": IMG,
                "description": SVG,
                "summary": LINK,
                "quote": TEMPLATE,
                "goals": PAYLOADS,
                "needs": [JSCODE],
                "frustrations": [SEPARATORS],
                "channels": [IMG],
            }
        ),
        "stakeholders/pwn-team.md": dump(
            {
                "type": "stakeholder",
                "name": IMG,
                "kind": "team",
                "influence": 5,
                "interest": 4,
                "description": SCRIPT,
                "contact": LINK,
                "motivations": PAYLOADS,
                "objectives": [TEMPLATE],
                "challenges": [JSCODE],
                "relationships": [
                    {"with": "pwn-partner", "kind": "depends-on", "note": SCRIPT},
                ],
            }
        ),
        "stakeholders/pwn-partner.md": dump(
            {
                "type": "stakeholder",
                "name": JSCODE,
                "kind": "partner",
                "influence": 2,
                "interest": 2,
                "relationships": [{"with": "pwn-team", "kind": "conflicts", "note": IMG}],
            }
        ),
    }
    kpi = {"name": SVG, "value": 1, "target": 2, "unit": SCRIPT, "better": "higher"}
    stages = [
        {
            "name": payload,
            "goal": LINK,
            "expectations": {"primary": [IMG], "secondary": [SCRIPT]},
            "actions": [TEMPLATE],
            "thoughts": [JSCODE],
            "emotion": 1 + index % 5,
            "knowledge_gaps": [SVG],
            "pain_points": [{"text": payload, "severity": "high"}],
            "opportunities": [LINK],
            "touchpoints": [
                {
                    "name": f"{payload} #{index}",
                    "channel": "web",
                    "owner": "pwn-team",
                    "supporting": ["pwn-partner"],
                    "tools": [IMG],
                    "processes": [SCRIPT],
                    "emotion": 1 + (index + 2) % 5,
                    "pain_points": [SVG],
                    "kpis": [kpi],
                    "evidence": [SCRIPT],
                    "physical_evidence": [IMG],
                    "frontstage": [LINK],
                    "backstage": [TEMPLATE],
                    "support": [JSCODE],
                    "fail_point": index == 0,
                }
            ],
        }
        for index, payload in enumerate(PAYLOADS)
    ]
    for index, stage in enumerate(stages):
        stage["phase"] = f"p{index % (len(PAYLOADS) - 1)}"  # the last phase: a blind spot
    journeys = (
        ("pwn-journey", SCRIPT, "blueprint"),
        ("pwn-current", SVG, "current"),
        ("pwn-future", IMG, "future"),
    )
    for name, title, kind in journeys:
        files[f"journeys/{name}.md"] = dump(
            {
                "type": "journey",
                "title": title,
                "persona": "pwn-persona",
                "map": kind,
                **({"baseline": "pwn-current"} if kind == "future" else {}),
                "owner": "pwn-team",
                "status": "in-review",
                "description": IMG,
                "goal": LINK,
                "scenario": TEMPLATE,
                "sources": [{"kind": "survey", "name": SCRIPT, "size": 1, "date": "2026-01-01"}],
                "kpis": [kpi],
                "stages": stages,
            },
            body="## Notes\n\nEverything above was written by an attacker.\n",
        )
    files["lifecycle/pwn-lifecycle.md"] = dump(
        {
            "type": "framework",
            "title": SVG,
            "description": IMG,
            "phases": [
                {"id": f"p{index}", "name": payload, "description": LINK}
                for index, payload in enumerate(PAYLOADS)
            ],
        }
    )
    files["opportunities/pwn-opportunity.md"] = dump(
        {
            "type": "opportunity",
            "title": IMG,
            "description": SCRIPT,
            "statement": LINK,
            "owner": "pwn-team",
            "impact": 4,
            "effort": 2,
            "moments": [{"journey": "pwn-current", "stage": p} for p in PAYLOADS],
            "evidence": [SCRIPT],
        },
        body="Prose written by an attacker.\n",
    )
    files["solutions/pwn-solution.md"] = dump(
        {
            "type": "solution",
            "title": JSCODE,
            "description": SVG,
            "opportunities": ["pwn-opportunity"],
            "owner": "pwn-team",
            "status": "in-progress",
            "due": "2020-01-01",
            "measures": [{"journey": "pwn-current", "kpi": SVG}],
        }
    )
    for path, text in files.items():
        target = content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The payload portal, configured like the demo (theme, palette, features) plus Material's
    `content.tooltips`, which renders titles as HTML: journeysite must turn it off."""
    root = tmp_path_factory.mktemp("payloads")
    write_payload_portal(root / "content")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["features"].append("content.tooltips")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    with serve(root / "site") as base:
        build_portal(root / "mkdocs.yml", root / "site", base)
        yield Site(root / "site", base)


def assert_inert(page, recorder: Recorder, where: str) -> None:
    assert page.evaluate(FORBIDDEN) == CLEAN, where
    assert recorder.dialogs == [], where
    assert recorder.page_errors == [], where


def test_payload_portal_has_every_kind_of_page(payload_site: Site) -> None:
    pages = payload_site.pages()
    for expected in (
        "journeys/pwn-journey/",
        "journeys/pwn-current/",
        "journeys/pwn-future/",
        "personas/pwn-persona/",
        "stakeholders/pwn-team/",
        "journeys/",
        "lifecycle/",
        "lifecycle/pwn-lifecycle/",
        "opportunities/",
        "opportunities/pwn-opportunity/",
        "solutions/",
        "solutions/pwn-solution/",
        "",
    ):
        assert expected in pages


def test_no_payload_runs_on_any_page(payload_site: Site, page, recorder: Recorder) -> None:
    for path in payload_site.pages():
        page.goto(payload_site.url(path), wait_until="networkidle")
        wait_for_charts(page)
        # Show every chart tooltip: ECharts builds those as HTML from the (hostile) names.
        page.evaluate(
            """() => document.querySelectorAll('.jm-chart').forEach(el => {
              const chart = echarts.getInstanceByDom(el);
              chart.getOption().series.forEach((s, seriesIndex) => (s.data || []).forEach((_, dataIndex) =>
                chart.dispatchAction({type: 'showTip', seriesIndex, dataIndex})));
            })"""
        )
        assert_inert(page, recorder, path)
    assert recorder.foreign_requests == []  # not even the <img src=x> of a payload


def test_payloads_are_shown_as_text(payload_site: Site, page, recorder: Recorder) -> None:
    page.goto(payload_site.url("journeys/pwn-journey/"))
    wait_for_charts(page)
    assert page.locator("article h1").first.inner_text() == SCRIPT
    assert page.title().startswith(SCRIPT)
    grid = page.locator("table.jm-grid").first
    headers = grid.locator("thead th").all_inner_texts()
    names = [header.split("\n")[0] for header in headers[1:]]  # then its phase, if any
    assert names == [f"{n}. {p}" for n, p in enumerate(PAYLOADS, start=1)]
    assert f"Phase: {SCRIPT}" in headers[1]  # a hostile phase name reads as text too
    article = page.locator("article").inner_text()
    for text in (IMG, SVG, TEMPLATE, JS_TEMPLATE, JSCODE, "click me", f"{SCRIPT} #0"):
        assert text in article, text
    assert "49" not in article  # {{ 7*7 }} and ${7*7} were never evaluated
    assert page.get_by_text(f"1 {SCRIPT}").count() >= 1  # KPI unit, shown beside its value
    lane = page.locator("tr.jm-lane .jm-lane__point title").all_text_contents()
    for payload in PAYLOADS:
        assert any(t.startswith(f"{payload}: ") for t in lane), payload
    assert_inert(page, recorder, "journey")
    # ECharts builds tooltips as HTML from the category names: they show the names as text.
    page.goto(payload_site.url("personas/pwn-persona/"))
    wait_for_charts(page)
    shown = page.evaluate(
        """() => {
          const el = document.getElementById('chart-persona-pwn-persona-pwn-journey');
          const chart = echarts.getInstanceByDom(el);
          return chart.getOption().series[0].data.map((_, dataIndex) => {
            chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex});
            const tip = el.lastElementChild;
            return [tip.innerText, tip.querySelectorAll('img, svg, script').length];
          });
        }"""
    )
    assert all(markup == 0 for _, markup in shown)
    for payload in PAYLOADS:
        assert any(payload in text for text, _ in shown), payload
    assert_inert(page, recorder, "persona")


def test_instant_navigation_and_search_keep_payloads_inert(
    payload_site: Site, page, recorder: Recorder
) -> None:
    page.goto(payload_site.url("personas/pwn-persona/"))
    wait_for_charts(page)
    page.evaluate("window.__jmSamePage = true")
    for path in ("journeys/pwn-journey/", "journeys/pwn-future/", "stakeholders/pwn-team/"):
        swapped(page, page.locator(f"nav.md-nav--primary a[href$='/{path}']").first.click)
        wait_for_charts(page)
        assert page.evaluate("window.__jmSamePage") is True, path
        assert_inert(page, recorder, path)
        # A journey page hides the navigation (a canvas): readers come back through history.
        swapped(page, page.go_back)
        wait_for_charts(page)
    # Hover every navigation entry: truncated titles get a tooltip (native, not Material's HTML one).
    for link in page.locator("nav.md-nav--primary a.md-nav__link:visible").all():
        link.hover()
        link.focus()
    assert page.locator(".md-tooltip2").count() == 0
    assert_inert(page, recorder, "navigation tooltips")
    # Material's search renders matches as HTML from its index; look for every payload.
    page.keyboard.press("s")
    search = page.locator("input.md-search__input")
    search.wait_for(state="visible")
    for query in ("pwned", "onerror", "script", "javascript", "7*7", "x_x"):
        search.fill(query)
        page.locator(".md-search-result__meta").wait_for()
        assert_inert(page, recorder, f"search {query}")
    assert recorder.problems() == {}
