"""`journeysite new`: every template scaffolds a file that passes `check`; nothing is overwritten."""

from __future__ import annotations

import pytest

from journeysite.scaffold import TEMPLATES
from tests.conftest import Project

JOURNEY_TEMPLATES = [
    t.name for t in TEMPLATES.values() if t.kind == "journey" and t.name != "future"
]


def check_is_clean(project: Project) -> None:
    check = project.journeysite("check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == ""


@pytest.mark.parametrize("template", JOURNEY_TEMPLATES)
def test_each_journey_template_passes_check(minimal: Project, template: str) -> None:
    result = minimal.journeysite(
        "new", "journey", "trip", "--template", template, "--persona", "newcomer", "--owner", "care"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"created content/journeys/trip.md from the {template} template\n"
    text = (minimal.content / "journeys/trip.md").read_text()
    assert text.startswith('---\ntype: journey\ntitle: "Trip"\npersona: newcomer\n')
    check_is_clean(minimal)


def test_scaffold_without_owner_passes_check_with_unowned_warnings(minimal: Project) -> None:
    minimal.journeysite("new", "journey", "trip", "--template", "current", "--persona", "newcomer")
    check = minimal.journeysite("check")
    assert check.returncode == 0, check.stdout + check.stderr
    lines = check.stdout.splitlines()
    assert lines
    assert all(": warning: " in line and "has no owner" in line for line in lines)


def test_template_kinds_are_the_expected_map_types(minimal: Project) -> None:
    expected = {
        "current": "current",
        "day-in-the-life": "day-in-the-life",
        "blueprint": "blueprint",
        "buyers-journey": "current",
        "lead-nurturing": "current",
        "customer-churn": "current",
    }
    for template, map_type in expected.items():
        minimal.journeysite(
            "new", "journey", template, "--template", template, "--persona", "newcomer"
        )
        text = (minimal.content / f"journeys/{template}.md").read_text()
        assert f"\nmap: {map_type}\n" in text
    minimal.build()
    blueprint = minimal.page("journeys/blueprint/")
    assert blueprint.select_one("table.jm-blueprint") is not None
    churn = minimal.page("journeys/customer-churn/")
    assert [th.get_text(strip=True) for th in churn.select("table.jm-grid thead th")] == [
        "Lane",
        "1. Early warning signs",
        "2. Trigger",
        "3. Cancellation",
        "4. Win-back",
    ]


def test_future_map_copies_the_baseline_and_its_persona(minimal: Project) -> None:
    result = minimal.journeysite("new", "journey", "onboarding-2027", "--baseline", "onboarding")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "created content/journeys/onboarding-2027.md from the future template\n"
    text = (minimal.content / "journeys/onboarding-2027.md").read_text()
    assert "persona: newcomer\nmap: future\nbaseline: onboarding\n" in text
    assert '  - name: "Sign up"\n' in text
    assert '      - name: "Web form"\n        channel: web\n        owner: care\n' in text
    assert '  - name: "First bill"\n' in text
    check_is_clean(minimal)


def test_owner_and_title_are_written_and_quoted(minimal: Project) -> None:
    result = minimal.journeysite(
        "new",
        "journey",
        "yes",
        "--persona",
        "newcomer",
        "--owner",
        "care",
        "--title",
        'Yes: "no" #1',
    )
    assert result.returncode == 0, result.stderr
    text = (minimal.content / "journeys/yes.md").read_text()
    assert text.startswith(
        '---\ntype: journey\ntitle: "Yes: \\"no\\" #1"\npersona: newcomer\nmap: current\nowner: care\n'
    )
    assert text.count("        owner: care\n") == 5
    check_is_clean(minimal)
    minimal.build()
    assert minimal.page("journeys/yes/").select_one("article h1").get_text() == 'Yes: "no" #1'


def test_persona_and_stakeholder(minimal: Project) -> None:
    persona = minimal.journeysite("new", "persona", "pat-the-planner")
    stakeholder = minimal.journeysite("new", "stakeholder", "field-ops", "--title", "Field Ops")
    assert (
        persona.stdout == "created content/personas/pat-the-planner.md from the persona template\n"
    )
    assert stakeholder.stdout == (
        "created content/stakeholders/field-ops.md from the stakeholder template\n"
    )
    assert (
        '\nname: "Pat the planner"\n'
        in (minimal.content / "personas/pat-the-planner.md").read_text()
    )
    assert '\nname: "Field Ops"\n' in (minimal.content / "stakeholders/field-ops.md").read_text()
    check_is_clean(minimal)


def test_framework_opportunity_and_solution_pass_check_and_build(minimal: Project) -> None:
    created = [
        minimal.journeysite("new", "framework", "lifecycle").stdout,
        minimal.journeysite("new", "opportunity", "faster-sign-up", "--owner", "care").stdout,
        minimal.journeysite("new", "solution", "one-page-form").stdout,
    ]
    assert created == [
        "created content/frameworks/lifecycle.md from the framework template\n",
        "created content/opportunities/faster-sign-up.md from the opportunity template\n",
        "created content/solutions/one-page-form.md from the solution template\n",
    ]
    opportunity = (minimal.content / "opportunities/faster-sign-up.md").read_text()
    assert "\nowner: care\n" in opportunity
    assert '  - journey: onboarding\n    stage: "Sign up"\n' in opportunity
    solution = (minimal.content / "solutions/one-page-form.md").read_text()
    assert "\nopportunities: [faster-sign-up]\n" in solution
    check = minimal.journeysite("check")
    assert check.returncode == 0 and check.stdout == "", check.stdout + check.stderr
    assert "1 frameworks, 1 opportunities, 1 solutions; 0 errors" in check.stderr
    minimal.build()
    assert minimal.page("solutions/one-page-form/").select_one("article h1") is not None


def test_management_refusals(project: Project) -> None:
    """Each new file links to something that must exist first; one framework per portal."""
    assert project.journeysite("new", "opportunity", "x").stderr == (
        "journeysite: error: no journey to link to yet: create one first "
        "(journeysite new journey ID)\n"
    )
    assert project.journeysite("new", "solution", "y").stderr == (
        "journeysite: error: no opportunity to link to yet: create one first "
        "(journeysite new opportunity ID)\n"
    )
    project.journeysite("new", "framework", "lifecycle")
    assert project.journeysite("new", "framework", "another").stderr == (
        "journeysite: error: the portal already has a framework "
        "(content/frameworks/lifecycle.md); there is one per portal: add phases to it instead\n"
    )
    assert not (project.content / "frameworks/another.md").exists()


def test_docs_dir_comes_from_mkdocs_yml(minimal: Project) -> None:
    minimal.configure(docs_dir="maps")
    (minimal.content).rename(minimal.root / "maps")
    result = minimal.journeysite("new", "persona", "pat")
    assert result.stdout == "created maps/personas/pat.md from the persona template\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["journey", "onboarding", "--persona", "newcomer"],
            "content/journeys/onboarding.md already exists; not overwriting it",
        ),
        (
            ["persona", "Nora_N"],
            "`Nora_N` is not a valid id: use lower-case letters, digits and hyphens (e.g. `nora-n`)",
        ),
        (["journey", "trip"], "a journey needs --persona: the id of the persona who travels it"),
        (
            ["journey", "trip", "--persona", "newcomr"],
            "unknown persona `newcomr`; did you mean `newcomer`?",
        ),
        (
            ["journey", "trip", "--persona", "pat"],
            "unknown persona `pat` (create it first: journeysite new persona pat)",
        ),
        (
            ["journey", "trip", "--persona", "newcomer", "--owner", "ghost"],
            "unknown stakeholder `ghost` (create it first: journeysite new stakeholder ghost)",
        ),
        (
            ["journey", "trip", "--template", "future"],
            "the future template needs --baseline: the current-state map it improves on",
        ),
        (
            ["journey", "trip", "--baseline", "onboardin"],
            "unknown baseline journey `onboardin`; did you mean `onboarding`?",
        ),
        (
            [
                "journey",
                "trip",
                "--persona",
                "newcomer",
                "--template",
                "blueprint",
                "--baseline",
                "onboarding",
            ],
            "--baseline is only for the future template (--template future)",
        ),
        (
            ["stakeholder", "care"],
            "content/stakeholders/care.md already exists; not overwriting it",
        ),
    ],
)
def test_refusals(minimal: Project, args: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in minimal.content.rglob("*.md")}
    result = minimal.journeysite("new", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"journeysite: error: {message}\n"
    assert {p: p.read_bytes() for p in minimal.content.rglob("*.md")} == before


def test_an_id_used_by_a_file_elsewhere_is_refused(minimal: Project) -> None:
    minimal.write("more/trip.md", "---\ntype: persona\nname: Trip\n---\n")
    result = minimal.journeysite("new", "persona", "trip")
    assert result.returncode == 1
    assert result.stderr == (
        "journeysite: error: a persona with id `trip` already exists in content/more/trip.md\n"
    )
    assert not (minimal.content / "personas/trip.md").exists()


def test_unknown_template_is_an_argument_error(minimal: Project) -> None:
    result = minimal.journeysite("new", "journey", "trip", "--template", "bluprint")
    assert result.returncode == 2
    assert "argument --template: invalid choice: 'bluprint'" in result.stderr
