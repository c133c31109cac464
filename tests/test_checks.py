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


MOVE = """\
---
type: journey
title: Moving home
persona: newcomer
sources:
  - {kind: survey, name: Q2 onboarding survey}
kpis:
  - {name: Home movers retained, value: 48, target: 65}
stages:
  - name: Moving in
    phase: join
    touchpoints:
      - name: Home move phone call
        owner: care
        kpis:
          - {name: Calls answered, value: 80, target: 90}
---
"""
FRAMEWORK = """\
---
type: framework
title: Lifecycle
phases:
  - {id: discover, name: Discover}
  - {id: join, name: Join}
---
"""


def managed(project: Project) -> Project:
    project.write("journeys/move.md", MOVE)
    project.write("frameworks/lifecycle.md", FRAMEWORK)
    return project


def test_phases_resolve_against_the_one_framework(minimal: Project) -> None:
    managed(minimal)
    minimal.write("journeys/x.md", journey(stage_extra="    phase: joim\n"))
    minimal.write(
        "more/second.md",
        "---\ntype: framework\ntitle: Other\nphases:\n  - {id: a, name: A}\n"
        "  - {id: b, name: B}\n  - {id: a, name: Again}\n---\n",
    )
    assert errors(minimal) == [
        "content/journeys/x.md:7: error: stages[0].phase: unknown phase `joim`; the phases are "
        "those of content/frameworks/lifecycle.md; did you mean `join`?",
        "content/more/second.md:2: error: a second framework: content/more/second.md and "
        "content/frameworks/lifecycle.md:2 both define one; a portal has one lifecycle, so keep "
        "one file and move its phases there",
        "content/more/second.md:7: error: phases[2].id: duplicate phase id `a` (also at line 5); "
        "each phase needs its own id",
    ]


def test_a_phase_without_a_framework(minimal: Project) -> None:
    minimal.write("journeys/x.md", journey(stage_extra="    phase: join\n"))
    assert errors(minimal) == [
        "content/journeys/x.md:7: error: stages[0].phase: phase `join` but the portal has no "
        "framework; add one (journeysite new framework ID) or remove `phase`"
    ]


def test_moments_owner_and_evidence_of_an_opportunity(minimal: Project) -> None:
    managed(minimal)
    minimal.write(
        "opportunities/carry-tariff.md",
        """\
        ---
        type: opportunity
        title: Carry the tariff over
        owner: cares
        impact: 4
        effort: 2
        moments:
          - {journey: moving-home, stage: Moving in}
          - {journey: move, stage: Moving inn}
          - journey: move
            touchpoint: home-move-phone
          - {journey: onboarding, touchpoint: web-form}
        evidence: [Q2 onboarding survey, Q2 onboarding surveys]
        ---
        """,
    )
    assert errors(minimal) == [
        "content/opportunities/carry-tariff.md:4: error: owner: unknown stakeholder `cares`; "
        "did you mean `care`?",
        "content/opportunities/carry-tariff.md:8: error: moments[0].journey: unknown journey "
        "`moving-home`",
        "content/opportunities/carry-tariff.md:9: error: moments[1].stage: journey `move` has no "
        "stage `Moving inn`; did you mean `Moving in`?",
        "content/opportunities/carry-tariff.md:11: error: moments[2].touchpoint: journey `move` "
        "has no touchpoint `home-move-phone`; did you mean `home-move-phone-call`?",
        "content/opportunities/carry-tariff.md:13: error: evidence[1]: unknown source "
        "`Q2 onboarding surveys`; evidence names a source of the journeys at its moments "
        "(known: `Q2 onboarding survey`); did you mean `Q2 onboarding survey`?",
    ]


def test_opportunities_and_measures_of_a_solution(minimal: Project) -> None:
    managed(minimal)
    minimal.write(
        "opportunities/carry-tariff.md",
        "---\ntype: opportunity\ntitle: O\nimpact: 4\neffort: 2\nmoments:\n"
        "  - {journey: move, touchpoint: home-move-phone-call}\n---\n",
    )
    minimal.write(
        "solutions/move-form.md",
        """\
        ---
        type: solution
        title: Tariff carry-over in the move form
        opportunities: [carry-tariff, cary-tariff]
        owner: care
        due: 2027-06-30
        measures:
          - {journey: move, kpi: Home movers retained}
          - {journey: move, kpi: Calls answered}
          - {journey: move, kpi: Home mover retained}
          - {journey: onboarding, kpi: Home movers retained}
          - {journey: mov, kpi: Anything}
        ---
        """,
    )
    assert errors(minimal) == [
        "content/solutions/move-form.md:4: error: opportunities[1]: unknown opportunity "
        "`cary-tariff`; did you mean `carry-tariff`?",
        "content/solutions/move-form.md:10: error: measures[2].kpi: journey `move` has no KPI "
        "`Home mover retained`; did you mean `Home movers retained`?",
        "content/solutions/move-form.md:11: error: measures[3].kpi: journey `onboarding` has no "
        "KPI `Home movers retained`",
        "content/solutions/move-form.md:12: error: measures[4].journey: unknown journey `mov`; "
        "did you mean `move`?",
    ]


def test_a_managed_portal_is_clean(minimal: Project) -> None:
    managed(minimal)
    minimal.write(
        "opportunities/carry-tariff.md",
        "---\ntype: opportunity\ntitle: O\nimpact: 4\neffort: 2\nmoments:\n"
        "  - {journey: move, stage: Moving in}\nevidence: [Q2 onboarding survey]\n---\n",
    )
    minimal.write(
        "solutions/s.md",
        "---\ntype: solution\ntitle: S\nopportunities: [carry-tariff]\nmeasures:\n"
        "  - {journey: move, kpi: Calls answered}\n---\n",
    )
    assert errors(minimal) == []
