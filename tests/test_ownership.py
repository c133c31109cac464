"""The ownership matrix, the per-owner pages, the CSV/JSON exports, portal.json and require_owner."""

from __future__ import annotations

import csv
import io
import json

import pytest

from journeysite.content.tree import load_directory
from journeysite.exports.document import entity_record, ordered_entities, portal_head
from journeysite.exports.json_writer import json_list
from journeysite.exports.tables import ownership_rows
from tests.conftest import Project
from tests.site_server import chromium, serve, watch_errors

ALPHA = """
---
type: journey
title: Alpha moving
persona: newcomer
owner: care
stages:
  - name: Plan
    touchpoints:
      - name: Moving letter
        channel: mail
        supporting: [care]
        pain_points:
          - text: Nobody answers questions about it
            severity: high
      - name: Quote page
        channel: web
        owner: digital
        supporting: [care]
        emotion: 4
        kpis: [{name: Conversion, value: 12, target: 20, unit: "%"}]
  - name: Move
    touchpoints:
      - name: Moving call
        channel: phone
        owner: care
        emotion: 2
        pain_points: [Long wait]
        opportunities: [{text: Call back instead of queueing, severity: medium}]
---
"""

BETA = """
---
type: journey
title: Beta billing
persona: newcomer
stages:
  - name: Bill
    touchpoints:
      - name: Paper bill
        channel: mail
      - name: Bill email
        channel: email
        owner: care
        supporting: [digital]
---
"""


@pytest.fixture
def owned(minimal: Project) -> Project:
    """Two more journeys: one unowned touchpoint with a pain point, one without."""
    minimal.write(
        "stakeholders/digital.md", "---\ntype: stakeholder\nname: Digital Experience\n---\n"
    )
    minimal.write("stakeholders/idle.md", "---\ntype: stakeholder\nname: Idle Team\n---\n")
    minimal.write("journeys/alpha.md", ALPHA)
    minimal.write("journeys/beta.md", BETA)
    return minimal


def cells(row) -> list[str]:
    return [c.get_text(" ", strip=True) for c in row.select("th, td")]


def test_matrix_lists_unowned_first_and_counts_them(owned: Project) -> None:
    owned.build()
    page = owned.page("ownership/")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Ownership matrix¶"
    banner = article.select_one(".admonition.jm-unowned")
    assert banner.select_one(".admonition-title").get_text(" ", strip=True) == (
        "2 unowned touchpoints (1 with pain points)"
    )
    assert [li.get_text(" ", strip=True) for li in banner.select("li")] == [
        "Moving letter in Alpha moving › 1. Plan · 1 pain point · journeys/alpha.md:9",
        "Paper bill in Beta billing › 1. Bill · journeys/beta.md:8",
    ]
    rows = article.select("table.jm-matrix tbody tr")
    assert [cells(r) for r in rows] == [
        [
            "Alpha moving",
            "1. Plan",
            "Moving letter",
            "Mail",
            "Unowned",
            "Customer Care",
            "—",
            "1 1 high",
            "—",
        ],
        ["Beta billing", "1. Bill", "Paper bill", "Mail", "Unowned", "—", "—", "0", "—"],
        [
            "Alpha moving",
            "1. Plan",
            "Quote page",
            "Web",
            "Digital Experience",
            "Customer Care",
            "4 positive",
            "0",
            "Conversion: 12 % (target 20 %, higher is better)",
        ],
        [
            "Alpha moving",
            "2. Move",
            "Moving call",
            "Phone",
            "Customer Care",
            "—",
            "2 negative",
            "1",
            "—",
        ],
        [
            "Beta billing",
            "1. Bill",
            "Bill email",
            "Email",
            "Customer Care",
            "Digital Experience",
            "—",
            "0",
            "—",
        ],
        [
            "Onboarding",
            "1. Sign up",
            "Web form",
            "Web",
            "Customer Care",
            "—",
            "3 neutral",
            "0",
            "—",
        ],
    ]
    assert [r.get("data-unowned") for r in rows] == ["true", "true", None, None, None, None]
    assert rows[0].select_one("th a")["href"] == "../journeys/alpha/#tp-moving-letter"
    # Teams link to their ownership pages.
    assert [a["href"] for a in rows[2].select("td a")] == [
        "../journeys/alpha/",
        "digital/",
        "care/",
    ]
    table = article.select_one("table.jm-matrix")
    assert table.has_attr("data-jm-sortable") and table["data-jm-toggle"] == "unowned"
    assert [th.get("data-sort-method") for th in table.select("thead th")][6:8] == [
        "number",
        "number",
    ]
    teams = [cells(r) for r in article.select("table.jm-teams tbody tr, table.jm-teams tfoot tr")]
    assert teams == [
        ["Customer Care", "Team", "3", "2", "2", "1", "0"],
        ["Digital Experience", "Other", "1", "1", "0", "0", "0"],
        ["No owner", "", "2", "", "", "1", "1"],
    ]


def test_ownership_navigation_and_owner_pages(owned: Project) -> None:
    owned.build()
    page = owned.page("ownership/")
    nav = [
        (a["href"], a.get_text(strip=True)) for a in page.select(".md-nav--primary a.md-nav__link")
    ]
    assert nav[-3:] == [
        ("./", "Ownership"),
        ("care/", "Customer Care: ownership"),
        ("digital/", "Digital Experience: ownership"),
    ]
    assert not (owned.site / "ownership/idle").exists()
    care = owned.page("ownership/care/").select_one("article")
    assert care.h1.get_text(strip=True) == "Customer Care: ownership¶"
    facts = {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(care.select(".jm-facts dt"), care.select(".jm-facts dd"), strict=False)
    }
    assert facts["Owns"] == "3 touchpoints"
    assert facts["Supports"] == "2 touchpoints"
    assert facts["Pain points on owned touchpoints"] == "1"
    assert facts["Opportunities on owned touchpoints"] == "1"
    assert [h.get_text(strip=True) for h in care.select("h2")] == [
        "Alpha moving¶",
        "Beta billing¶",
        "Onboarding¶",
    ]
    alpha = care.select_one("#jm-journey-alpha")
    assert alpha.find_next("p").get_text(" ", strip=True) == "Current state Owns this journey map"
    headings = [h.get_text(" ", strip=True) for h in care.select("section.jm-touchpoint h3")]
    assert headings == [
        "Moving letter ¶ Supporting",
        "Quote page ¶ Supporting",
        "Moving call ¶ Owner",
        "Bill email ¶ Owner",
        "Web form ¶ Owner",
    ]
    letter = care.select_one("#jm-tp-alpha-moving-letter").find_parent("section")
    assert "Owner Unowned" in letter.get_text(" ", strip=True)
    assert letter.select_one(".jm-notes--pain").get_text(" ", strip=True) == (
        "High Nobody answers questions about it"
    )
    call = care.select_one("#jm-tp-alpha-moving-call").find_parent("section")
    assert call.select_one(".jm-notes--opportunity").get_text(" ", strip=True) == (
        "Medium Call back instead of queueing"
    )
    quote = care.select_one("#jm-tp-alpha-quote-page").find_parent("section")
    assert cells(quote.select_one("table.jm-kpis tbody tr")) == [
        "Conversion",
        "Quote page",
        "12 %",
        "20 %",
        "higher",
        "✗ Off target",
    ]
    assert care.select_one("#jm-tp-alpha-moving-call a")["href"] == (
        "../../journeys/alpha/#tp-moving-call"
    )
    toc = [
        a.get_text(strip=True) for a in owned.page("ownership/care/").select(".md-nav--secondary a")
    ]
    assert toc[:3] == ["Alpha moving", "Moving letter", "Quote page"]


def read_csv(project: Project) -> tuple[bytes, list[dict[str, str]]]:
    raw = (project.site / "ownership/ownership.csv").read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def as_cell(value: object) -> str:
    """How a JSON value reads in the CSV (before formula neutralising)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def test_csv_and_json_exports_hold_the_same_rows(owned: Project) -> None:
    owned.build()
    raw, rows = read_csv(owned)
    assert raw.startswith(b"\xef\xbb\xbfjourney,journey_title,stage_number,stage,touchpoint,")
    assert raw.count(b"\r\n") == 7  # header and six rows
    data = json.loads((owned.site / "ownership/ownership.json").read_text(encoding="utf-8"))
    assert [list(row) for row in data] == [list(rows[0])] * len(data)
    assert [{k: as_cell(v) for k, v in row.items()} for row in data] == rows
    assert data[0] == {
        "journey": "alpha",
        "journey_title": "Alpha moving",
        "stage_number": 1,
        "stage": "Plan",
        "touchpoint": "moving-letter",
        "touchpoint_name": "Moving letter",
        "channel": "mail",
        "owner": "",
        "owner_name": "",
        "supporting": ["care"],
        "supporting_names": ["Customer Care"],
        "emotion": None,
        "pain_points": 1,
        "high_severity_pain_points": 1,
        "opportunities": 0,
        "kpis": [],
        "unowned": True,
        "source": "journeys/alpha.md",
        "line": 9,
    }
    assert rows[2]["kpis"] == "Conversion: 12 % (target 20 %, higher is better)"
    matrix = owned.page("ownership/")
    links = {a.get_text(): a["href"] for a in matrix.select(".jm-exports a")}
    assert links == {
        "ownership.csv": "ownership.csv",
        "ownership.json": "ownership.json",
        "portal.json": "../portal.json",
    }


def test_csv_neutralises_formulas(minimal: Project) -> None:
    minimal.write(
        "journeys/hostile.md",
        """
        ---
        type: journey
        title: "@x"
        persona: newcomer
        stages:
          - name: "+1"
            touchpoints:
              - name: "=cmd|' /C calc'!A0"
                id: formula
                owner: care
                kpis: [{name: "-1", value: 3}]
              - name: "Comma, \\"quoted\\" and\\nnew line"
                id: plain
                owner: care
        ---
        """,
    )
    minimal.build()
    _, rows = read_csv(minimal)
    hostile = [r for r in rows if r["journey"] == "hostile"]
    assert [(r["journey_title"], r["stage"], r["touchpoint_name"], r["kpis"]) for r in hostile] == [
        ("'@x", "'+1", "'=cmd|' /C calc'!A0", "'-1: 3"),
        ("'@x", "'+1", 'Comma, "quoted" and\nnew line', ""),
    ]
    data = json.loads((minimal.site / "ownership/ownership.json").read_text(encoding="utf-8"))
    assert [r["touchpoint_name"] for r in data if r["journey"] == "hostile"] == [
        "=cmd|' /C calc'!A0",
        'Comma, "quoted" and\nnew line',
    ]


def test_portal_json_holds_every_entity_in_order(owned: Project) -> None:
    owned.build()
    first = (owned.site / "portal.json").read_bytes()
    document = json.loads(first)
    assert document["counts"] == {
        "journeys": 3,
        "personas": 1,
        "stakeholders": 3,
        "frameworks": 0,
        "opportunities": 0,
        "solutions": 0,
    }
    assert [(e["type"], e["id"]) for e in document["entities"]] == [
        ("journey", "alpha"),
        ("journey", "beta"),
        ("journey", "onboarding"),
        ("persona", "newcomer"),
        ("stakeholder", "care"),
        ("stakeholder", "digital"),
        ("stakeholder", "idle"),
    ]
    onboarding = document["entities"][2]
    assert list(onboarding)[:3] == ["id", "type", "source"]
    assert onboarding["title"] == "Onboarding"
    assert onboarding["source"] == "journeys/onboarding.md"
    assert onboarding["reviewed"] == "2026-05-01"
    assert onboarding["stages"][0]["touchpoints"][0]["id"] == "web-form"
    assert onboarding["stages"][1]["pain_points"] == [
        {"text": "Bill is confusing", "severity": "high"}
    ]
    owned.build()
    assert (owned.site / "portal.json").read_bytes() == first


def test_exports_written_in_pieces_are_the_documents_json(owned: Project) -> None:
    """portal.json and ownership.json are streamed, never held whole: the bytes must be exactly
    what one json.dumps of the whole document gives."""
    owned.build()
    portal = load_directory(owned.content).portal
    document = {
        **portal_head(portal),
        "entities": [entity_record(d) for d in ordered_entities(portal)],
    }
    whole = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert (owned.site / "portal.json").read_text(encoding="utf-8") == whole
    rows = json.dumps(list(ownership_rows(portal)), ensure_ascii=False, indent=2) + "\n"
    assert (owned.site / "ownership/ownership.json").read_text(encoding="utf-8") == rows
    assert "".join(json_list([])) == "[]"


def test_relationships_keep_the_writers_key_in_portal_json(minimal: Project) -> None:
    minimal.write(
        "stakeholders/billing.md",
        "---\ntype: stakeholder\nname: Billing\nrelationships:\n  - {with: care, kind: reports-to}\n---\n",
    )
    minimal.build()
    entities = json.loads((minimal.site / "portal.json").read_text())["entities"]
    billing = next(e for e in entities if e["id"] == "billing")
    assert billing["relationships"] == [{"with": "care", "kind": "reports-to", "note": None}]


def test_unowned_touchpoints_are_info_not_warnings_in_a_strict_build(owned: Project) -> None:
    result = owned.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "INFO    -  journeysite: 2 unowned touchpoints, listed on ownership/" in result.stderr


def test_require_owner_fails_the_build_with_file_and_line(owned: Project) -> None:
    owned.configure({"require_owner": True})
    result = owned.mkdocs("build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines == [
        "ERROR   -  journeysite: content/journeys/alpha.md:9: error: stages[0].touchpoints[0]: "
        "touchpoint `Moving letter` has no owner; set `owner:` to the id of the stakeholder "
        "accountable for it (required by `require_owner: true`)",
        "ERROR   -  journeysite: content/journeys/beta.md:8: error: stages[0].touchpoints[0]: "
        "touchpoint `Paper bill` has no owner; set `owner:` to the id of the stakeholder "
        "accountable for it (required by `require_owner: true`)",
    ]
    assert "2 errors in journey maps" in result.stderr
    assert "unowned touchpoints, listed" not in result.stderr


def test_check_command_warns_about_unowned_touchpoints(owned: Project) -> None:
    warning = (
        "content/journeys/beta.md:8: warning: stages[0].touchpoints[0]: touchpoint `Paper bill` "
        "has no owner; set `owner:` to the id of the stakeholder accountable for it"
    )
    result = owned.journeysite("check", "content")
    assert result.returncode == 0
    assert result.stdout.splitlines()[1] == warning
    assert "0 errors, 2 warnings" in result.stderr
    strict = owned.journeysite("check", "content", "--require-owner")
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[1] == (
        warning.replace(": warning: ", ": error: ") + " (required by `require_owner: true`)"
    )
    owned.configure({"require_owner": True})
    configured = owned.journeysite("check")
    assert configured.returncode == 1
    assert "2 errors, 0 warnings" in configured.stderr


@pytest.mark.browser
def test_matrix_sorts_and_filters_in_chromium_with_instant_navigation(owned: Project) -> None:
    owned.write("index.md", "# Home\n\nSee [who owns what](ownership/index.md).\n")
    owned.build()
    with serve(owned.site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = watch_errors(page)
        page.goto(base)
        # Instant navigation swaps the page without a reload: tables.js must still enhance it.
        page.click("article a:has-text('who owns what')")  # Material makes hrefs absolute
        page.wait_for_selector(".jm-filter")
        assert page.evaluate("document.querySelectorAll('.jm-filter').length") == 1

        def names() -> list[str]:
            return page.eval_on_selector_all(
                "table.jm-matrix tbody tr:not([hidden]) th", "ths => ths.map(t => t.textContent)"
            )

        status = page.locator(".jm-filter__status")
        assert status.text_content() == "Showing 6 of 6 touchpoints"
        page.fill(".jm-filter__text", "BETA digital")  # words in any column, any case
        assert names() == ["Bill email"]
        assert status.text_content() == "Showing 1 of 6 touchpoints"
        page.fill(".jm-filter__text", "")
        page.check(".jm-filter__toggle input")
        assert names() == ["Moving letter", "Paper bill"]
        assert status.text_content() == "Showing 2 of 6 touchpoints"
        page.uncheck(".jm-filter__toggle input")

        pain = page.locator("table.jm-matrix thead th", has_text="Pain points")
        pain.locator("button.jm-sort").click()
        assert pain.get_attribute("aria-sort") == "ascending"
        assert names()[-1] == "Moving letter"
        pain.locator("button.jm-sort").focus()
        page.keyboard.press("Enter")
        assert pain.get_attribute("aria-sort") == "descending"
        assert names()[:2] in (["Moving letter", "Moving call"], ["Moving call", "Moving letter"])
        page.keyboard.press("Space")
        assert pain.get_attribute("aria-sort") == "ascending"

        # Back and forth: a page shown again is enhanced once, not twice.
        page.click("table.jm-teams a:has-text('Customer Care')")
        page.wait_for_selector("#jm-journey-alpha")
        page.go_back()
        page.wait_for_selector(".jm-filter")
        assert page.evaluate("document.querySelectorAll('.jm-filter').length") == 1
        assert (
            page.evaluate("document.querySelectorAll('table.jm-matrix button.jm-sort').length") == 9
        )
        assert errors == []

        # Without JavaScript the table is all there, in its meaningful order, without controls.
        plain = browser.new_page(java_script_enabled=False)
        plain.goto(base + "ownership/")
        assert plain.locator(".jm-filter").count() == 0
        assert plain.locator("table.jm-matrix tbody tr").count() == 6


def test_a_stakeholder_called_index_keeps_the_matrix_in_place(minimal: Project) -> None:
    minimal.write(
        "stakeholders/other.md", "---\ntype: stakeholder\nid: index\nname: Index Team\n---\n"
    )
    minimal.write(
        "journeys/x.md",
        "---\ntype: journey\ntitle: X\npersona: newcomer\nstages:\n  - name: A\n"
        "    touchpoints:\n      - name: T\n        owner: index\n---\n",
    )
    minimal.build()
    assert minimal.page("ownership/").select_one("article h1").get_text(strip=True) == (
        "Ownership matrix¶"
    )
    owner = minimal.page("ownership/_index/").select_one("article")
    assert owner.h1.get_text(strip=True) == "Index Team: ownership¶"
    assert owner.select_one("#jm-tp-x-t a").get_text() == "T"


def test_empty_portal_has_the_pages_and_says_so(project: Project) -> None:
    project.build()
    matrix = project.page("ownership/").select_one("article")
    assert "No touchpoints yet" in matrix.get_text()
    assert not matrix.select("table.jm-matrix, .jm-ok, .jm-unowned")
    assert "No stakeholders yet" in project.page("stakeholders/").select_one("article").get_text()
    assert json.loads((project.site / "ownership/ownership.json").read_text()) == []
    raw = (project.site / "ownership/ownership.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode().splitlines() == [
        "journey,journey_title,stage_number,stage,touchpoint,touchpoint_name,channel,owner,"
        "owner_name,supporting,supporting_names,emotion,pain_points,high_severity_pain_points,"
        "opportunities,kpis,unowned,source,line"
    ]


def matrix_rows(page) -> list[list[str]]:
    return [cells(r) for r in page.select("article table.jm-matrix tbody tr")]


def test_large_matrix_moves_to_pages_of_whole_journeys(owned: Project) -> None:
    owned.build()
    whole = matrix_rows(owned.page("ownership/"))
    # Alpha moving has 3 touchpoints, Beta billing 2, Onboarding 1: at 3 rows a page, Alpha fills
    # one page and the other two share the next.
    owned.configure({"ownership_matrix_rows": 3})
    owned.build()
    index = owned.page("ownership/")
    article = index.select_one("article")
    assert article.select_one("table.jm-matrix") is None
    parts = article.select("table.jm-matrix-parts tbody tr")
    assert [cells(r) for r in parts] == [["A", "1", "3", "1", "1"], ["B–O", "2", "3", "1", "0"]]
    assert [r.select_one("th a")["href"] for r in parts] == ["matrix/a/", "matrix/b-o/"]
    # The unowned list and the team summary still cover the whole portfolio.
    assert article.select_one(".jm-unowned .admonition-title").get_text(" ", strip=True) == (
        "2 unowned touchpoints (1 with pain points)"
    )
    assert len(article.select(".jm-unowned li")) == 2
    assert cells(article.select_one("table.jm-teams tfoot tr")) == [
        "No owner", "", "2", "", "", "1", "1"
    ]  # fmt: skip

    second = owned.page("ownership/matrix/b-o/")
    assert second.select_one("article h1").get_text(strip=True) == (
        "Ownership matrix: journeys B–O¶"
    )
    assert second.select_one("table.jm-matrix caption").get_text(strip=True) == (
        "Owner of every touchpoint of journeys B–O"
    )
    rows = matrix_rows(second)
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("Beta billing", "Paper bill", "Unowned"),
        ("Beta billing", "Bill email", "Customer Care"),
        ("Onboarding", "Web form", "Customer Care"),
    ]
    assert (
        second.select_one("table.jm-matrix th a")["href"] == "../../../journeys/beta/#tp-paper-bill"
    )
    pager = second.select_one("nav.jm-parts")
    assert [(a["href"], a.get_text(strip=True)) for a in pager.select("a")] == [
        ("../a/", "← Journeys A")
    ]
    # Every touchpoint is on exactly one page, as it was on the single page.
    first = matrix_rows(owned.page("ownership/matrix/a/"))
    assert sorted(first + rows) == sorted(whole)
    assert len(first) == 3
    # The pages sit together in their own subsection, the open one with its table of contents.
    nav = [
        (e.name, e.get_text(strip=True))
        for e in second.select(".md-nav--primary .md-nav__link")
        if e.get_text(strip=True)
    ]
    start = nav.index(("a", "Ownership"))
    assert nav[start : start + 7] == [
        ("a", "Ownership"),
        ("label", "Matrix by journey"),
        ("a", "Ownership matrix: journeys A"),
        ("label", "Ownership matrix: journeys B–O"),
        ("a", "Ownership matrix: journeys B–O"),
        ("a", "Touchpoints"),
        ("a", "Customer Care: ownership"),
    ]


def test_a_journey_longer_than_a_matrix_page_keeps_its_page(owned: Project) -> None:
    owned.configure({"ownership_matrix_rows": 2})
    owned.build()
    parts = owned.page("ownership/").select("article table.jm-matrix-parts tbody tr")
    assert [(cells(r)[0], cells(r)[2]) for r in parts] == [("A", "3"), ("B", "2"), ("O", "1")]


def test_unowned_list_names_the_first_two_hundred(minimal: Project) -> None:
    stages = "".join(
        f"  - name: Stage {s}\n    touchpoints:\n"
        + "".join(f"      - name: Step {s}-{t}\n" for t in range(10))
        for s in range(21)
    )
    minimal.write(
        "journeys/long.md",
        f"---\ntype: journey\ntitle: Long\npersona: newcomer\nstages:\n{stages}---\n",
    )
    minimal.build()
    banner = minimal.page("ownership/").select_one("article .jm-unowned")
    assert banner.select_one(".admonition-title").get_text(" ", strip=True) == (
        "210 unowned touchpoints"
    )
    items = banner.select("li")
    assert len(items) == 200
    assert items[-1].get_text(" ", strip=True).startswith("Step 19-9 in Long › 20. Stage 19")
    assert banner.select_one(".jm-unowned__more").get_text(" ", strip=True) == (
        "The first 200 are listed, those with pain points first; 10 more are flagged in the "
        "matrix (use “Unowned only”) and in ownership.csv (column unowned )."
    )
    # The matrix itself still has every touchpoint, unowned ones marked.
    rows = minimal.page("ownership/").select("article table.jm-matrix tbody tr[data-unowned]")
    assert len(rows) == 210
