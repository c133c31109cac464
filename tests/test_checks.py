"""Cross-file rules: duplicate ids and references that do not resolve, each with file:line."""

from __future__ import annotations

from tests.conftest import Project
from tests.test_errors import errors


def journey(extra: str = "", stage_extra: str = "", touchpoint: str = "") -> str:
    return (
        "---\ntype: journey\ntitle: T\npersona: newcomer\n"
        + extra
        + "stages:\n  - name: A\n"
        + stage_extra
        + ("    touchpoints:\n" + touchpoint if touchpoint else "")
        + "---\n"
    )


def test_dangling_persona_with_suggestion(minimal: Project) -> None:
    minimal.write("journeys/x.md", journey().replace("persona: newcomer", "persona: newcomr"))
    assert errors(minimal) == [
        "content/journeys/x.md:4: error: persona: unknown persona `newcomr`; did you mean `newcomer`?"
    ]


def test_dangling_owner_supporting_and_evidence(minimal: Project) -> None:
    minimal.write(
        "journeys/x.md",
        journey(
            extra="owner: nobody\nsources:\n  - kind: survey\n    name: Q2 survey\n",
            touchpoint=(
                "      - name: Form\n        owner: caer\n        supporting: [care, ghost]\n"
                "        evidence: [Q3 survey]\n"
            ),
        ),
    )
    assert errors(minimal) == [
        "content/journeys/x.md:5: error: owner: unknown stakeholder `nobody`",
        "content/journeys/x.md:13: error: stages[0].touchpoints[0].owner: unknown stakeholder "
        "`caer`; did you mean `care`?",
        "content/journeys/x.md:14: error: stages[0].touchpoints[0].supporting[1]: unknown "
        "stakeholder `ghost`",
        "content/journeys/x.md:15: error: stages[0].touchpoints[0].evidence[0]: unknown source "
        "`Q3 survey`; evidence names one of the journey's sources (known: `Q2 survey`); did you "
        "mean `Q2 survey`?",
    ]


def test_duplicate_ids_per_type(minimal: Project) -> None:
    minimal.write("more/newcomer.md", "---\ntype: persona\nname: Copy\n---\n")
    minimal.write("more/other.md", "---\ntype: stakeholder\nid: care\nname: Copy\n---\n")
    # A persona and a stakeholder may share an id: ids are unique per type.
    minimal.write("more/shared.md", "---\ntype: stakeholder\nid: newcomer\nname: Shared\n---\n")
    assert errors(minimal) == [
        "content/personas/newcomer.md:2: error: id: duplicate persona id `newcomer` (also defined "
        "in content/more/newcomer.md:2)",
        "content/stakeholders/care.md:2: error: id: duplicate stakeholder id `care` (also defined "
        "in content/more/other.md:3)",
    ]


def test_duplicate_touchpoint_ids_within_a_journey(minimal: Project) -> None:
    minimal.write(
        "journeys/x.md",
        journey(touchpoint="      - name: Web Form\n      - name: web form\n      - name: '!!!'\n"),
    )
    assert errors(minimal) == [
        "content/journeys/x.md:9: error: stages[0].touchpoints[1]: duplicate touchpoint id "
        "`web-form` in this journey (also at line 8); set a distinct `id:`",
        "content/journeys/x.md:10: error: stages[0].touchpoints[2]: the name gives no usable id; "
        "set `id:` (lower-case letters, digits and hyphens)",
    ]


def test_baseline_rules(minimal: Project) -> None:
    minimal.write("journeys/future.md", journey("map: future\nbaseline: onboardin\n"))
    minimal.write("journeys/wrongkind.md", journey("map: current\nbaseline: onboarding\n"))
    minimal.write("journeys/dil.md", journey("map: day-in-the-life\n"))
    minimal.write("journeys/future2.md", journey("map: future\nbaseline: dil\n"))
    assert errors(minimal) == [
        "content/journeys/future.md:6: error: baseline: unknown journey `onboardin`; did you mean "
        "`onboarding`?",
        "content/journeys/future2.md:6: error: baseline: `dil` is a `day-in-the-life` map; a "
        "baseline must be a current-state map",
        "content/journeys/wrongkind.md:6: error: baseline: only a future map has a baseline (this "
        "map is `current`); set `map: future` or remove `baseline`",
    ]


def test_relationships_resolve(minimal: Project) -> None:
    minimal.write(
        "stakeholders/it.md",
        "---\ntype: stakeholder\nname: IT\nrelationships:\n  - with: caree\n    kind: supplies\n"
        "  - with: it\n    kind: influences\n---\n",
    )
    minimal.write(
        "stakeholders/ops.md",
        "---\ntype: stakeholder\nname: Ops\nrelationships:\n  - with: care\n    kind: depnds-on\n---\n",
    )
    assert errors(minimal) == [
        "content/stakeholders/it.md:5: error: relationships[0].with: unknown stakeholder `caree`; "
        "did you mean `care`?",
        "content/stakeholders/it.md:7: error: relationships[1].with: a stakeholder cannot have a "
        "relationship with itself",
        "content/stakeholders/ops.md:6: error: relationships[0].kind: unknown value `depnds-on`; "
        "expected one of influences, depends-on, collaborates, conflicts, supplies, reports-to; "
        "did you mean `depends-on`?",
    ]


def test_valid_portal_has_no_errors(minimal: Project) -> None:
    assert errors(minimal) == []
