"""`journeysite diff` on a real git repository: commits made in the test, exact outputs."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Project

PERSONA = """
---
type: persona
name: Nora Newcomer
---
"""

CARE = "---\ntype: stakeholder\nname: Customer Care\n---\n"
OPS = "---\ntype: stakeholder\nname: Operations\n---\n"

ONBOARDING = """
---
type: journey
title: Onboarding
persona: newcomer
owner: care
status: draft
kpis:
  - {name: CSAT, value: 78, target: 85, unit: "%"}
stages:
  - name: Sign up
    emotion: 4
    touchpoints:
      - name: Web form
        channel: web
        owner: care
        emotion: 3
  - name: First bill
    emotion: 2
    pain_points:
      - text: Bill is confusing
        severity: high
---
"""

ONBOARDING_CHANGED = """
---
type: journey
title: Onboarding
persona: newcomer
owner: care
status: in-review
kpis:
  - {name: CSAT, value: 82, target: 90, unit: "%"}
stages:
  - name: Sign up
    emotion: 2
    touchpoints:
      - name: Sign-up form
        id: web-form
        channel: web
        owner: ops
        emotion: 1
  - name: First invoice
    emotion: 2
    pain_points:
      - text: Reminder comes too late
        severity: medium
    touchpoints:
      - name: Live chat
        channel: chat
        owner: care
  - name: Renewal
---
"""

RENEWAL = """
---
type: journey
title: Renewal
persona: newcomer
stages:
  - name: Reminder
---
"""


def git(project: Project, *args: str) -> str:
    result = project.run(
        "git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def repo(project: Project) -> Project:
    """main: a persona, two stakeholders, one journey; then a `feature` branch is checked out."""
    project.write("personas/newcomer.md", PERSONA)
    project.write("stakeholders/care.md", CARE)
    project.write("stakeholders/ops.md", OPS)
    project.write("journeys/onboarding.md", ONBOARDING)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "First maps")
    git(project, "checkout", "-q", "-b", "feature")
    return project


def change_everything(repo: Project) -> None:
    (repo.content / "journeys/archive").mkdir()
    git(repo, "mv", "content/journeys/onboarding.md", "content/journeys/archive/onboarding.md")
    repo.write("journeys/archive/onboarding.md", ONBOARDING_CHANGED)
    repo.write("journeys/renewal.md", RENEWAL)
    (repo.content / "stakeholders/ops.md").write_text(OPS.replace("Operations", "Field Operations"))


EXPECTED_TEXT = """\
Comparing {base} (merge-base of HEAD and main) with the working tree
journey onboarding "Onboarding" (content/journeys/archive/onboarding.md)
  File moved: content/journeys/onboarding.md → content/journeys/archive/onboarding.md
  Status: Draft → In review
  KPI "CSAT": 78 % (target 85 %) → 82 % (target 90 %), better
  Sign up: Emotion: 4 (positive) → 2 (negative)
  Sign up: Touchpoint renamed: Web form → Sign-up form
  Sign up › Sign-up form: Emotion: 3 (neutral) → 1 (very negative)
  Sign up › Sign-up form: Owner: care → ops
  Stage renamed: First bill → First invoice
  First invoice: Pain point resolved: Bill is confusing (high)
  First invoice: Pain point added: Reminder comes too late (medium)
  First invoice: Touchpoint added: Live chat
  Stage added: Renewal
journey renewal "Renewal" added (content/journeys/renewal.md)
stakeholder ops "Field Operations" (content/stakeholders/ops.md)
  Name: Operations → Field Operations
2 journeys and 1 stakeholder changed
"""


def test_default_compares_merge_base_with_working_tree(repo: Project) -> None:
    base = git(repo, "rev-parse", "--short", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Unrelated commit on the branch")
    change_everything(repo)
    result = repo.journeysite("diff")
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED_TEXT.format(base=base)
    assert result.stderr == ""


def test_two_revisions_and_markdown_for_a_pull_request(repo: Project) -> None:
    change_everything(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rework onboarding")
    result = repo.journeysite("diff", "main", "feature", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "<!-- journeysite-diff -->\n"
        "### Journey map changes\n"
        "\n"
        "Comparing main with feature: 2 journeys and 1 stakeholder changed.\n"
        "\n"
        "#### Journey changed: Onboarding (`onboarding`)\n"
        "\n"
        "`content/journeys/archive/onboarding.md`\n"
        "\n"
        "| Where | Change | Before | After |\n"
        "| --- | --- | --- | --- |\n"
        "| — | File moved | content/journeys/onboarding.md | content/journeys/archive/onboarding.md |\n"
        "| — | Status | Draft | In review |\n"
        '| — | KPI "CSAT" | 78 % (target 85 %) | 82 % (target 90 %), better |\n'
        "| Sign up | Emotion | 4 (positive) | 2 (negative) |\n"
        "| Sign up | Touchpoint renamed | Web form | Sign-up form |\n"
        "| Sign up › Sign-up form | Emotion | 3 (neutral) | 1 (very negative) |\n"
        "| Sign up › Sign-up form | Owner | care | ops |\n"
        "| — | Stage renamed | First bill | First invoice |\n"
        "| First invoice | Pain point resolved | Bill is confusing (high) | — |\n"
        "| First invoice | Pain point added | — | Reminder comes too late (medium) |\n"
        "| First invoice | Touchpoint added | — | Live chat |\n"
        "| — | Stage added | — | Renewal |\n"
        "\n"
        "#### Journey added: Renewal (`renewal`)\n"
        "\n"
        "`content/journeys/renewal.md`\n"
        "\n"
        "#### Stakeholder changed: Field Operations (`ops`)\n"
        "\n"
        "`content/stakeholders/ops.md`\n"
        "\n"
        "| Where | Change | Before | After |\n"
        "| --- | --- | --- | --- |\n"
        "| — | Name | Operations | Field Operations |\n"
    )


def test_json_lists_typed_changes(repo: Project) -> None:
    change_everything(repo)
    result = repo.journeysite("diff", "--format", "json")
    data = json.loads(result.stdout)
    assert data["to"] == {"label": "working tree", "why": ""}
    assert data["unreadable"] == []
    kinds = [(c["type"], c["id"], c["kind"]) for c in data["changes"]]
    assert kinds == [
        ("journey", "onboarding", "moved"),
        ("journey", "onboarding", "status-changed"),
        ("journey", "onboarding", "kpi-changed"),
        ("journey", "onboarding", "emotion-changed"),
        ("journey", "onboarding", "touchpoint-renamed"),
        ("journey", "onboarding", "emotion-changed"),
        ("journey", "onboarding", "owner-changed"),
        ("journey", "onboarding", "stage-renamed"),
        ("journey", "onboarding", "pain-point-resolved"),
        ("journey", "onboarding", "pain-point-added"),
        ("journey", "onboarding", "touchpoint-added"),
        ("journey", "onboarding", "stage-added"),
        ("journey", "renewal", "added"),
        ("stakeholder", "ops", "renamed"),
    ]
    kpi = data["changes"][2]
    assert kpi["item"] == "CSAT"
    assert kpi["before"] == {
        "name": "CSAT",
        "value": 78.0,
        "target": 85.0,
        "unit": "%",
        "better": "higher",
    }
    assert kpi["after"]["value"] == 82.0 and kpi["after"]["target"] == 90.0
    emotion = data["changes"][5]
    assert (emotion["stage"], emotion["touchpoint"], emotion["before"], emotion["after"]) == (
        "Sign up",
        "Sign-up form",
        3,
        1,
    )


def test_a_revision_that_does_not_parse_is_reported_not_fatal(repo: Project) -> None:
    repo.write("journeys/onboarding.md", ONBOARDING.replace("emotion: 4", "emotion: [4"))
    git(repo, "commit", "-q", "-am", "Broken YAML")
    broken = git(repo, "rev-parse", "--short", "HEAD")
    repo.write("journeys/onboarding.md", ONBOARDING.replace("status: draft", "status: validated"))
    repo.write("journeys/renewal.md", RENEWAL)
    result = repo.journeysite("diff", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Comparing HEAD with the working tree\n"
        "could not read content/journeys/onboarding.md at HEAD: line 12: invalid YAML: did not "
        "find expected ',' or ']' while parsing a flow sequence that starts on line 11\n"
        'journey renewal "Renewal" added (content/journeys/renewal.md)\n'
        "1 journey changed; 1 file could not be read\n"
    )
    assert broken  # the broken commit exists; and the other way round:
    back = repo.journeysite("diff", "main", "HEAD")
    assert back.stdout == (
        "Comparing main with HEAD\n"
        "could not read content/journeys/onboarding.md at HEAD: line 12: invalid YAML: did not "
        "find expected ',' or ']' while parsing a flow sequence that starts on line 11\n"
        "no changes to journeys, personas or stakeholders; 1 file could not be read\n"
    )


def test_renamed_file_is_paired_by_title(repo: Project) -> None:
    git(repo, "mv", "content/journeys/onboarding.md", "content/journeys/getting-started.md")
    result = repo.journeysite("diff")
    assert result.stdout.splitlines()[1:] == [
        'journey getting-started "Onboarding" (content/journeys/getting-started.md)',
        "  File moved: content/journeys/onboarding.md → content/journeys/getting-started.md",
        "  Id: onboarding → getting-started",
        "1 journey changed",
    ]


def test_touchpoint_moved_to_another_stage_and_removed_stage(repo: Project) -> None:
    repo.write(
        "journeys/onboarding.md",
        """
        ---
        type: journey
        title: Onboarding
        persona: newcomer
        owner: care
        kpis:
          - {name: CSAT, value: 78, target: 85, unit: "%"}
        stages:
          - name: Welcome
            touchpoints:
              - name: Web form
                channel: web
                owner: care
                emotion: 3
          - name: Sign up
            emotion: 4
        ---
        """,
    )
    # `First bill` was at position 2, where `Sign up` is now: not a rename but a removal.
    result = repo.journeysite("diff")
    assert result.stdout.splitlines()[1:] == [
        'journey onboarding "Onboarding" (content/journeys/onboarding.md)',
        "  Stage removed: First bill",
        "  Stage added: Welcome",
        "  Web form: Moved to another stage: Sign up → Welcome",
        "1 journey changed",
    ]


def test_hostile_text_is_inert_in_the_pull_request_comment(repo: Project) -> None:
    repo.write(
        "journeys/onboarding.md",
        ONBOARDING.replace("Bill is confusing", "Bill | <script>alert(1)</script> @org/team **x**"),
    )
    result = repo.journeysite("diff", "--format", "markdown")
    rows = [line for line in result.stdout.splitlines() if "Pain point" in line]
    assert rows == [
        "| First bill | Pain point resolved | Bill is confusing (high) | — |",
        "| First bill | Pain point added | — | Bill \\| \\<script\\>alert(1)\\</script\\> "
        "@\u2060org/team \\*\\*x\\*\\* (high) |",
    ]


def test_outside_a_git_repository_is_a_clear_error(project: Project) -> None:
    result = project.journeysite("diff")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"journeysite: error: {project.root} is not inside a git repository\n"


def test_unknown_revision_is_a_clear_error(repo: Project) -> None:
    result = repo.journeysite("diff", "no-such-branch")
    assert result.returncode == 2
    assert result.stderr == "journeysite: error: unknown revision `no-such-branch`\n"


def long_journey(n: int, word: str) -> str:
    """A journey of 20 stages, each with one pain point longer than a table cell may be."""
    stages = "".join(
        f"  - name: Stage {s}\n    pain_points: [{word} {s} {'x' * 400}]\n" for s in range(20)
    )
    return f"---\ntype: journey\ntitle: Long {n}\npersona: newcomer\nstages:\n{stages}---\n"


def cut(start: str) -> str:
    """A long pain point as a cell shows it: cut to the 300 characters a cell may have."""
    return start + "x" * (299 - len(start)) + "…"


def test_markdown_stays_within_a_comment_size_limit(repo: Project) -> None:
    """GitHub refuses a comment over 65,536 characters: whole maps are left out, and counted."""
    for n in range(8):
        repo.write(f"journeys/long-{n}.md", long_journey(n, "Before"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Long maps")
    for n in range(8):
        repo.write(f"journeys/long-{n}.md", long_journey(n, "After"))
    result = repo.journeysite("diff", "HEAD", "--format", "markdown")
    assert (result.returncode, result.stderr) == (0, "")
    assert 50_000 < len(result.stdout) < 65_536
    lines = result.stdout.splitlines()
    assert lines[3] == "Comparing HEAD with the working tree: 8 journeys changed."
    shown = [line for line in lines if line.startswith("#### ")]
    assert shown == [f"#### Journey changed: Long {n} (`long-{n}`)" for n in range(4)]
    rows = [line.split(" | ") for line in lines if line.startswith("| Stage ")]
    assert len(rows) == 4 * 20 * 2  # every shown map whole: each pain point resolved and added
    assert rows[0] == ["| Stage 0", "Pain point resolved", cut("Before 0 "), "— |"]
    assert rows[1] == ["| Stage 0", "Pain point added", "—", cut("After 0 ") + " |"]
    assert lines[-1] == (
        "… and 4 more changed maps, left out to keep this comment within GitHub's size limit: "
        "run `journeysite diff` for the full list."
    )


def test_markdown_budget_counts_the_maps_left_out(repo: Project) -> None:
    for n in range(30):
        repo.write(f"journeys/extra-{n:02}.md", RENEWAL.replace("Renewal", f"Renewal {n:02}"))
    from journeysite.diff.compare import compare_portals  # the same report, with a small budget
    from journeysite.diff.report import DiffReport, Side, format_markdown
    from journeysite.diff.revisions import at_revision, working_tree

    old = at_revision(repo.root, "main", repo.content)
    new = working_tree(repo.root, repo.content)
    report = DiffReport(
        Side("main"), Side(new.label), compare_portals(old.content.portal, new.content.portal), []
    )
    text = format_markdown(report, budget=1000)
    assert len(text) <= 1000
    assert text.endswith(
        "… and 22 more changed maps, left out to keep this comment within GitHub's size limit: "
        "run `journeysite diff` for the full list.\n"
    )
    assert text.count("#### Journey added") == 8


OPPORTUNITY = """\
---
type: opportunity
title: Faster sign-up
status: idea
impact: 3
effort: 2
moments:
  - {journey: onboarding, stage: Sign up}
  - {journey: onboarding, touchpoint: web-form}
---
"""
SOLUTION = """\
---
type: solution
title: One-page form
opportunities: [faster-sign-up]
status: planned
owner: care
due: 2027-03-31
---
"""


def test_opportunities_and_solutions_added_removed_and_changed(repo: Project) -> None:
    repo.write("opportunities/faster-sign-up.md", OPPORTUNITY)
    repo.write("opportunities/clearer-bill.md", OPPORTUNITY.replace("Faster sign-up", "Bill"))
    repo.write("solutions/one-page-form.md", SOLUTION)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Plan the work")
    base = git(repo, "rev-parse", "--short", "HEAD")
    git(repo, "rm", "-q", "content/opportunities/clearer-bill.md")
    repo.write(
        "opportunities/faster-sign-up.md",
        OPPORTUNITY.replace("status: idea", "status: validated")
        .replace("impact: 3", "impact: 5")
        .replace("touchpoint: web-form", "stage: First bill"),
    )
    repo.write(
        "solutions/one-page-form.md",
        SOLUTION.replace("status: planned", "status: shipped")
        .replace("owner: care", "owner: ops")
        .replace("due: 2027-03-31", "due: 2027-06-30"),
    )
    repo.write("solutions/reminder.md", SOLUTION.replace("One-page form", "Reminder"))
    result = repo.journeysite("diff", base)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Comparing {base} with the working tree\n"
        'opportunity clearer-bill "Bill" removed (content/opportunities/clearer-bill.md)\n'
        'opportunity faster-sign-up "Faster sign-up" (content/opportunities/faster-sign-up.md)\n'
        "  Status: idea → validated\n"
        "  Impact: 3 → 5\n"
        "  Moment removed: onboarding › web-form\n"
        "  Moment added: onboarding › First bill\n"
        'solution one-page-form "One-page form" (content/solutions/one-page-form.md)\n'
        "  Status: planned → shipped\n"
        "  Owner: care → ops\n"
        "  Due: 2027-03-31 → 2027-06-30\n"
        'solution reminder "Reminder" added (content/solutions/reminder.md)\n'
        "2 opportunities and 2 solutions changed\n"
    )
    data = json.loads(repo.journeysite("diff", base, "--format", "json").stdout)
    kinds = [c["kind"] for c in data["changes"]]
    assert kinds == [
        "removed",
        "status-changed",
        "field-changed",
        "moment-removed",
        "moment-added",
        "status-changed",
        "owner-changed",
        "field-changed",
        "added",
    ]
