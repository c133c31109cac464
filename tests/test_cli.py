"""The `journeysite` command as a writer or CI runs it: help, check formats, export."""

from __future__ import annotations

import csv
import json

import pytest

from journeysite.content.diagnostics import Code, Diagnostic, format_report
from tests.conftest import Project
from tests.test_checks import managed

BAD_JOURNEY = (
    "---\ntype: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n    emotion: 9\n"
    "    touchpoints:\n      - name: Form\n        channel: webb\n---\n"
)


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["check"],
        ["schema"],
        ["new"],
        ["new", "journey"],
        ["new", "persona"],
        ["new", "stakeholder"],
        ["diff"],
        ["export"],
    ],
)
def test_every_subcommand_has_help(project: Project, command: list[str]) -> None:
    result = project.journeysite(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: journeysite {' '.join(command)}".rstrip())
    assert result.stderr == ""


def test_new_journey_help_lists_the_templates(project: Project) -> None:
    text = project.journeysite("new", "journey", "--help").stdout
    for name in (
        "current",
        "future",
        "day-in-the-life",
        "blueprint",
        "buyers-journey",
        "lead-nurturing",
        "customer-churn",
    ):
        assert f"\n  {name} " in text


def test_check_text_github_and_json(minimal: Project) -> None:
    minimal.write("journeys/bad.md", BAD_JOURNEY)
    text = minimal.journeysite("check")
    assert text.returncode == 1
    assert text.stdout == (
        "content/journeys/bad.md:7: error: stages[0].emotion: must be between 1 and 5 (got 9)\n"
        "content/journeys/bad.md:10: error: stages[0].touchpoints[0].channel: unknown value "
        "`webb`; expected one of web, mobile-app, email, phone, chat, social, in-person, mail, "
        "ads, review-site, other; did you mean `web`?\n"
    )
    assert text.stderr == (
        "checked 5 files: 1 journeys, 1 personas, 1 stakeholders; 2 errors, 0 warnings\n"
    )

    github = minimal.journeysite("check", "--format", "github")
    assert github.returncode == 1
    assert github.stdout == (
        "::error file=content/journeys/bad.md,line=7,col=14,title=journeysite out-of-range::"
        "stages[0].emotion: must be between 1 and 5 (got 9)\n"
        "::error file=content/journeys/bad.md,line=10,col=18,title=journeysite invalid-value::"
        "stages[0].touchpoints[0].channel: unknown value `webb`; expected one of web, mobile-app, "
        "email, phone, chat, social, in-person, mail, ads, review-site, other; did you mean `web`?\n"
    )
    assert github.stderr == ""

    as_json = minimal.journeysite("check", "--format", "json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)[0] == {
        "file": "content/journeys/bad.md",
        "line": 7,
        "column": 14,
        "severity": "error",
        "code": "out-of-range",
        "message": "stages[0].emotion: must be between 1 and 5 (got 9)",
    }


def test_clean_check_in_json_is_an_empty_list(minimal: Project) -> None:
    result = minimal.journeysite("check", "--format", "json")
    assert (result.returncode, result.stdout) == (0, "[]\n")


def test_check_of_a_missing_directory(project: Project) -> None:
    result = project.journeysite("check", "nowhere")
    assert result.returncode == 2
    assert result.stderr == "journeysite: error: no content directory at nowhere\n"


def test_check_annotates_the_management_rules_on_github(minimal: Project) -> None:
    managed(minimal)
    minimal.write(
        "solutions/s.md",
        "---\ntype: solution\ntitle: S\nopportunities: [nothing]\nmeasures:\n"
        "  - {journey: move, kpi: NPS}\n---\n",
    )
    github = minimal.journeysite("check", "--format", "github")
    assert github.returncode == 1
    assert github.stdout == (
        "::error file=content/solutions/s.md,line=4,col=1,title=journeysite unknown-reference::"
        "opportunities[0]: unknown opportunity `nothing`\n"
        "::error file=content/solutions/s.md,line=6,col=1,title=journeysite unknown-reference::"
        "measures[0].kpi: journey `move` has no KPI `NPS`\n"
    )


def test_text_report_prints_warnings_with_their_severity() -> None:
    warning = Diagnostic(
        "content/journeys/a.md", 9, 9, "warning", Code.UNOWNED_TOUCHPOINT, "no owner"
    )
    error = Diagnostic("content/journeys/a.md", 3, 1, "error", Code.MISSING_FIELD, "missing")
    assert format_report([warning, error]) == (
        "content/journeys/a.md:3: error: missing\ncontent/journeys/a.md:9: warning: no owner"
    )
    assert format_report([warning], "github") == (
        "::warning file=content/journeys/a.md,line=9,col=9,title=journeysite unowned-touchpoint::"
        "no owner"
    )


def test_export_json_is_the_sites_portal_json(minimal: Project) -> None:
    result = minimal.journeysite("export")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["format", "version", "generator", "counts", "entities"]
    assert (data["format"], data["version"], data["generator"]) == (
        "journeysite-portal",
        3,
        "journeysite",
    )
    assert data["counts"] == {
        "journeys": 1,
        "personas": 1,
        "stakeholders": 1,
        "frameworks": 0,
        "opportunities": 0,
        "solutions": 0,
    }
    assert [(e["type"], e["id"]) for e in data["entities"]] == [
        ("journey", "onboarding"),
        ("persona", "newcomer"),
        ("stakeholder", "care"),
    ]
    journey, persona, stakeholder = data["entities"]
    assert list(journey)[:3] == ["id", "type", "source"]
    assert journey["source"] == "journeys/onboarding.md"
    assert journey["map"] == "current" and journey["review_every"] == 90  # defaults filled in
    assert journey["reviewed"] == "2026-05-01"
    touchpoint = journey["stages"][0]["touchpoints"][0]
    assert (touchpoint["id"], touchpoint["owner"], touchpoint["emotion"]) == ("web-form", "care", 3)
    assert journey["stages"][1]["pain_points"] == [
        {"text": "Bill is confusing", "severity": "high"}
    ]
    assert persona["segment"] == "Households"
    assert stakeholder["influence"] == 4
    again = minimal.journeysite("export", "content", "--format", "json", "-o", "out/portal.json")
    assert (again.returncode, again.stdout) == (0, "")
    build = minimal.mkdocs("build")
    assert build.returncode == 0, build.stderr
    site_json = (minimal.site / "portal.json").read_bytes()
    assert (minimal.root / "out/portal.json").read_bytes() == site_json
    assert result.stdout == site_json.decode("utf-8")


def read_table(project: Project, table: str) -> list[dict[str, str]]:
    """One table as `export --format csv -o` writes it, read back as a spreadsheet import would."""
    result = project.journeysite("export", "--format", "csv", "--table", table, "-o", "t.csv")
    assert result.returncode == 0, result.stderr
    with open(project.root / "t.csv", encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_export_csv_tables(minimal: Project) -> None:
    touchpoints = minimal.journeysite("export", "--format", "csv")
    assert touchpoints.returncode == 0, touchpoints.stderr
    assert touchpoints.stdout == (
        "\ufeffjourney,stage_position,stage,id,name,channel,owner,supporting,emotion,fail_point,"
        "pain_points,opportunities,tools,processes\n"
        "onboarding,1,Sign up,web-form,Web form,web,care,,3,false,0,0,,\n"
    )
    assert read_table(minimal, "journeys") == [
        {
            "id": "onboarding",
            "title": "Onboarding",
            "persona": "newcomer",
            "map": "current",
            "baseline": "",
            "owner": "care",
            "status": "validated",
            "reviewed": "2026-05-01",
            "review_every": "90",
            "stages": "2",
            "touchpoints": "1",
            "source": "journeys/onboarding.md",
        }
    ]
    minimal.journeysite("export", "--format", "csv", "--table", "notes", "-o", "notes.csv")
    assert (minimal.root / "notes.csv").read_bytes() == (
        b"\xef\xbb\xbfjourney,stage,touchpoint,kind,text,severity\r\n"
        b"onboarding,First bill,,pain-point,Bill is confusing,high\r\n"
    )
    assert read_table(minimal, "stakeholders")[0] == {
        "id": "care",
        "name": "Customer Care",
        "kind": "team",
        "influence": "4",
        "interest": "5",
        "quadrant": "Manage closely",
        "contact": "",
        "relationships": "",
        "source": "stakeholders/care.md",
    }
    for table in ("stages", "kpis", "personas"):
        result = minimal.journeysite("export", "--format", "csv", "--table", table)
        assert result.returncode == 0, result.stderr


def test_export_phases_opportunities_and_solutions(minimal: Project) -> None:
    managed(minimal)
    minimal.write(
        "journeys/onboarding.md",
        (minimal.content / "journeys/onboarding.md")
        .read_text()
        .replace("  - name: First bill\n", "  - name: First bill\n    phase: discover\n"),
    )
    minimal.write(
        "opportunities/carry-tariff.md",
        "---\ntype: opportunity\ntitle: Carry the tariff\nstatus: planned\nowner: care\n"
        "impact: 4\neffort: 2\nmoments:\n  - {journey: move, stage: Moving in}\n"
        "  - {journey: move, touchpoint: home-move-phone-call}\n"
        "evidence: [Q2 onboarding survey]\n---\n",
    )
    minimal.write(
        "solutions/move-form.md",
        "---\ntype: solution\ntitle: Move form\nopportunities: [carry-tariff]\n"
        "due: 2027-06-30\nmeasures:\n  - {journey: move, kpi: Home movers retained}\n---\n",
    )
    assert read_table(minimal, "phases") == [
        {
            "id": "discover",
            "name": "Discover",
            "order": "1",
            "description": "",
            "journeys": "onboarding",
            "stages": "onboarding › First bill",
        },
        {
            "id": "join",
            "name": "Join",
            "order": "2",
            "description": "",
            "journeys": "move",
            "stages": "move › Moving in",
        },
    ]
    assert read_table(minimal, "opportunities") == [
        {
            "id": "carry-tariff",
            "title": "Carry the tariff",
            "statement": "",
            "status": "planned",
            "owner": "care",
            "impact": "4",
            "effort": "2",
            "journeys": "move",
            "moments": "move › Moving in; move › home-move-phone-call",
            "evidence": "Q2 onboarding survey",
            "solutions": "move-form",
            "source": "opportunities/carry-tariff.md",
        }
    ]
    assert read_table(minimal, "solutions") == [
        {
            "id": "move-form",
            "title": "Move form",
            "status": "idea",
            "owner": "",
            "due": "2027-06-30",
            "opportunities": "carry-tariff",
            "measures": "move: Home movers retained",
            "source": "solutions/move-form.md",
        }
    ]
    data = json.loads(minimal.journeysite("export").stdout)
    assert data["counts"] == {
        "journeys": 2,
        "personas": 1,
        "stakeholders": 1,
        "frameworks": 1,
        "opportunities": 1,
        "solutions": 1,
    }
    entities = {(e["type"], e["id"]): e for e in data["entities"]}
    assert [p["id"] for p in entities["framework", "lifecycle"]["phases"]] == ["discover", "join"]
    assert entities["opportunity", "carry-tariff"]["moments"][1] == {
        "journey": "move",
        "stage": None,
        "touchpoint": "home-move-phone-call",
    }
    assert entities["solution", "move-form"]["status"] == "idea"  # defaults filled in
    assert entities["solution", "move-form"]["source"] == "solutions/move-form.md"


def test_export_of_a_portal_without_a_framework_has_empty_management_tables(
    minimal: Project,
) -> None:
    for table in ("phases", "opportunities", "solutions"):
        result = minimal.journeysite("export", "--format", "csv", "--table", table)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("\n") == 1  # the header row alone


HOSTILE = """
---
type: journey
title: Hostile
persona: newcomer
owner: care
stages:
  - name: Pay
    touchpoints:
      - {name: '=HYPERLINK("http://x.test","y")', id: link}
      - {name: "@SUM(1)", id: at, tools: ["=1+1", ok]}
      - {name: "+1", id: plus, kpis: [{name: "-1", value: -2, target: -0.5}]}
      - {name: "-1", id: minus}
---
"""


def test_export_csv_escapes_formulas_but_not_numbers(minimal: Project) -> None:
    minimal.write("journeys/hostile.md", HOSTILE)
    touchpoints = [r for r in read_table(minimal, "touchpoints") if r["journey"] == "hostile"]
    assert [(r["id"], r["name"], r["tools"]) for r in touchpoints] == [
        ("link", '\'=HYPERLINK("http://x.test","y")', ""),
        ("at", "'@SUM(1)", "'=1+1; ok"),
        ("plus", "'+1", ""),
        ("minus", "'-1", ""),
    ]
    kpis = [r for r in read_table(minimal, "kpis") if r["journey"] == "hostile"]
    assert [(r["name"], r["value"], r["target"]) for r in kpis] == [("'-1", "-2", "-0.5")]
    build = minimal.mkdocs("build")
    assert build.returncode == 0, build.stderr
    with open(minimal.site / "ownership/ownership.csv", encoding="utf-8-sig", newline="") as file:
        owned = [r for r in csv.DictReader(file) if r["journey"] == "hostile"]
    assert [(r["touchpoint_name"], r["kpis"]) for r in owned] == [
        ('\'=HYPERLINK("http://x.test","y")', ""),
        ("'@SUM(1)", ""),
        ("'+1", "'-1: -2 (target -0.5, higher is better)"),
        ("'-1", ""),
    ]
    data = json.loads(minimal.journeysite("export").stdout)
    names = [
        tp["name"]
        for e in data["entities"]
        if e["id"] == "hostile"
        for tp in e["stages"][0]["touchpoints"]
    ]
    assert names == ['=HYPERLINK("http://x.test","y")', "@SUM(1)", "+1", "-1"]  # data, as written


def test_export_refuses_content_with_errors(minimal: Project) -> None:
    minimal.write("journeys/bad.md", BAD_JOURNEY)
    result = minimal.journeysite("export")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/journeys/bad.md:7: error: stages[0].emotion: must be between 1 and 5 (got 9)",
        "content/journeys/bad.md:10: error: stages[0].touchpoints[0].channel: unknown value "
        "`webb`; expected one of web, mobile-app, email, phone, chat, social, in-person, mail, "
        "ads, review-site, other; did you mean `web`?",
        "journeysite: error: the content has errors; fix them to export (see above)",
    ]


def test_export_table_needs_csv(minimal: Project) -> None:
    result = minimal.journeysite("export", "--table", "kpis")
    assert result.returncode == 2
    assert result.stderr == (
        "journeysite: error: --table is for --format csv (the JSON export holds every table)\n"
    )
