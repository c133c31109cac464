"""Every kind of format error gives one exact `file:line: error: message` line (no traceback)."""

from __future__ import annotations

import pytest

from journeysite.content.tree import load_directory
from tests.conftest import Project

JOURNEY = """\
---
type: journey
title: Onboarding
persona: newcomer
stages:
  - name: Sign up
    emotion: 4
---
"""


def errors(project: Project) -> list[str]:
    import os

    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        content = load_directory(project.content)
    finally:
        os.chdir(cwd)
    return [d.format_text() for d in content.diagnostics]


@pytest.fixture
def base(minimal: Project) -> Project:
    return minimal


OPPORTUNITY = "type: opportunity\ntitle: O\nimpact: 3\neffort: 2\nmoments:\n"

CASES = [
    (
        "a moment at both a stage and a touchpoint",
        OPPORTUNITY + "  - journey: onboarding\n    stage: Sign up\n    touchpoint: web-form\n",
        "content/journeys/x.md:7: error: moments[0]: set exactly one of `stage` (a stage's name) "
        "or `touchpoint` (a touchpoint's id)",
    ),
    (
        "a moment at neither a stage nor a touchpoint",
        OPPORTUNITY + "  - journey: onboarding\n    stage: Sign up\n  - journey: onboarding\n",
        "content/journeys/x.md:9: error: moments[1]: set exactly one of `stage` (a stage's name) "
        "or `touchpoint` (a touchpoint's id)",
    ),
    (
        "a due date that is not a date",
        "type: solution\ntitle: S\nopportunities: [o]\ndue: next spring\n",
        "content/journeys/x.md:5: error: due: expected a date written as YYYY-MM-DD, "
        "got the text `next spring`",
    ),
    (
        "a due date that does not exist",
        "type: solution\ntitle: S\nopportunities: [o]\ndue: 2027-02-30\n",
        "content/journeys/x.md:5: error: due: `2027-02-30` is not a real date "
        "(day is out of range for month)",
    ),
    (
        "impact out of range",
        "type: opportunity\ntitle: O\nimpact: 9\neffort: 2\nmoments:\n"
        "  - {journey: onboarding, stage: Sign up}\n",
        "content/journeys/x.md:4: error: impact: must be between 1 and 5 (got 9)",
    ),
    (
        "an opportunity status from the solutions' list",
        "type: opportunity\ntitle: O\nstatus: shipped\nimpact: 3\neffort: 2\nmoments:\n"
        "  - {journey: onboarding, stage: Sign up}\n",
        "content/journeys/x.md:4: error: status: unknown value `shipped`; expected one of idea, "
        "validated, planned, in-progress, done, dropped",
    ),
    (
        "a framework without phases",
        "type: framework\ntitle: F\nphases: []\n",
        "content/journeys/x.md:4: error: phases: needs at least 1 item(s)",
    ),
    (
        "unknown field with did-you-mean",
        "type: journey\ntitle: T\npersona: newcomer\nstagse: []\nstages:\n  - name: A\n",
        "content/journeys/x.md:5: error: unknown field `stagse`; did you mean `stages`?",
    ),
    (
        "unknown nested field",
        "type: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n    emotoin: 3\n",
        "content/journeys/x.md:7: error: stages[0]: unknown field `emotoin`; did you mean `emotion`?",
    ),
    (
        "unknown type with did-you-mean",
        "type: jorney\ntitle: T\n",
        "content/journeys/x.md:2: error: type: unknown type `jorney`; expected one of journey, "
        "persona, stakeholder, framework, opportunity, solution; did you mean `journey`?",
    ),
    (
        "unknown enum value",
        "type: journey\ntitle: T\npersona: newcomer\nmap: curent\nstages:\n  - name: A\n",
        "content/journeys/x.md:5: error: map: unknown value `curent`; expected one of current, "
        "future, day-in-the-life, blueprint; did you mean `current`?",
    ),
    (
        "nested enum value",
        "type: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n    touchpoints:\n"
        "      - name: Form\n        channel: webb\n",
        "content/journeys/x.md:9: error: stages[0].touchpoints[0].channel: unknown value `webb`; "
        "expected one of web, mobile-app, email, phone, chat, social, in-person, mail, ads, "
        "review-site, other; did you mean `web`?",
    ),
    (
        "emotion out of range",
        "type: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n  - name: B\n    emotion: 7\n",
        "content/journeys/x.md:8: error: stages[1].emotion: must be between 1 and 5 (got 7)",
    ),
    (
        "influence out of range",
        "type: stakeholder\nname: S\ninfluence: 0\n",
        "content/journeys/x.md:4: error: influence: must be between 1 and 5 (got 0)",
    ),
    (
        "missing required field",
        "type: journey\npersona: newcomer\nstages:\n  - name: A\n",
        "content/journeys/x.md:2: error: title: required field `title` is missing",
    ),
    (
        "empty stages",
        "type: journey\ntitle: T\npersona: newcomer\nstages: []\n",
        "content/journeys/x.md:5: error: stages: needs at least 1 item(s)",
    ),
    (
        "wrong type: text expected",
        "type: persona\nname: [a, b]\n",
        "content/journeys/x.md:3: error: name: expected text, got a list",
    ),
    (
        "wrong type: number for text, YAML 1.1 float",
        "type: persona\nname: 1.10\n",
        'content/journeys/x.md:3: error: name: expected text, got the number 1.1; quote it ("1.10") '
        "to keep it as written",
    ),
    (
        "wrong type: text for a number",
        'type: stakeholder\nname: S\ninterest: "4"\n',
        "content/journeys/x.md:4: error: interest: expected a whole number, got the text `4`",
    ),
    (
        "YAML 1.1 boolean",
        "type: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n    touchpoints:\n"
        "      - name: F\n        fail_point: yes\n",
        "content/journeys/x.md:9: error: stages[0].touchpoints[0].fail_point: `yes` is read by YAML "
        'as the boolean true: quote it ("yes") if you mean the text, or write true or false',
    ),
    (
        "YAML 1.1 octal",
        "type: persona\nname: 010\n",
        "content/journeys/x.md:3: error: name: `010` is read by YAML 1.1 as a number in another "
        'base or notation; write a plain decimal number, or quote it ("010") if you mean the text',
    ),
    (
        "unquoted date where text is expected stays text",
        "type: persona\nname: 2026-01-01\nsegment: [x]\n",
        "content/journeys/x.md:4: error: segment: expected text, got a list",
    ),
    (
        "invalid date",
        "type: journey\ntitle: T\npersona: newcomer\nreviewed: 2026-13-01\nstages:\n  - name: A\n",
        "content/journeys/x.md:5: error: reviewed: `2026-13-01` is not a real date (month must "
        "be in 1..12)",
    ),
    (
        "duplicate key",
        "type: persona\nname: A\nname: B\n",
        "content/journeys/x.md:4: error: name: duplicate key `name` (first written on line 3); "
        "YAML would silently keep only the last one",
    ),
    (
        "invalid id",
        "type: persona\nid: Bad_Id\nname: A\n",
        "content/journeys/x.md:3: error: id: `Bad_Id` is not a valid id: use lower-case letters, "
        "digits and hyphens, starting with a letter or digit (e.g. `bad-id`)",
    ),
    (
        "invalid severity",
        "type: journey\ntitle: T\npersona: newcomer\nstages:\n  - name: A\n    pain_points:\n"
        "      - text: Slow\n        severity: critical\n",
        "content/journeys/x.md:9: error: stages[0].pain_points[0].severity: unknown value "
        "`critical`; expected one of low, medium, high",
    ),
    (
        "YAML syntax error",
        "type: journey\ntitle: [unclosed\n",
        "content/journeys/x.md:3: error: invalid YAML: did not find expected ',' or ']' while "
        "parsing a flow sequence",
    ),
    (
        "tab indentation",
        "type: journey\nstages:\n\t- name: A\n",
        "content/journeys/x.md:4: error: invalid YAML: found character that cannot start any token "
        "while scanning for the next token; indent with spaces, not tabs",
    ),
    (
        "front matter is a list",
        "- type: journey\n- title: T\n",
        "content/journeys/x.md:2: error: front matter must be a mapping of `field: value` lines "
        "(got a list)",
    ),
    (
        "YAML tags refused",
        "type: persona\nname: !!python/object:os.system ls\n",
        "content/journeys/x.md:3: error: name: YAML tags such as `!!python/object:os.system` are "
        "not allowed; remove it",
    ),
]


@pytest.mark.parametrize(("front", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error_kind(base: Project, front: str, expected: str) -> None:
    base.write("journeys/x.md", f"---\n{front}---\nBody\n")
    assert errors(base) == [expected]


def test_unclosed_front_matter(base: Project) -> None:
    base.write("journeys/x.md", "---\ntype: journey\ntitle: T\n")
    assert errors(base) == [
        "content/journeys/x.md:1: error: front matter is not closed: add a line `---` after the last field"
    ]


def test_file_name_that_is_not_an_id(base: Project) -> None:
    base.write("journeys/My Journey.md", JOURNEY)
    assert errors(base) == [
        "content/journeys/My Journey.md:1: error: the file name `My Journey.md` does not make a "
        "valid id: rename it to `my-journey.md` or set `id: my-journey`"
    ]


def test_not_utf8(base: Project) -> None:
    base.write_bytes("journeys/x.md", b"---\ntype: persona\nname: Caf\xe9\n---\n")
    assert errors(base) == [
        "content/journeys/x.md:3: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    ]


def test_all_errors_reported_together(base: Project) -> None:
    base.write("journeys/a.md", "---\ntype: persona\nnmae: A\n---\n")
    base.write("journeys/b.md", "---\ntype: stakeholder\nname: B\nkind: teem\n---\n")
    assert errors(base) == [
        "content/journeys/a.md:2: error: name: required field `name` is missing",
        "content/journeys/a.md:3: error: unknown field `nmae`; did you mean `name`?",
        "content/journeys/b.md:4: error: kind: unknown value `teem`; expected one of team, "
        "department, partner, supplier, competitor, customer, regulator, other; did you mean `team`?",
    ]


def test_pages_without_type_are_left_alone(base: Project) -> None:
    base.write("about.md", "---\ntitle: About\nhide: [toc]\n---\n# About\n")
    base.write("notes.md", "---\ntitle: [broken\n---\n")
    assert errors(base) == []


def test_review_cycle_is_bounded(base: Project) -> None:
    base.write(
        "journeys/x.md",
        "---\ntype: journey\ntitle: T\npersona: newcomer\nreviewed: 2026-01-01\n"
        "review_every: 99999999\nstages:\n  - name: A\n---\n",
    )
    assert errors(base) == [
        "content/journeys/x.md:6: error: review_every: must be between 1 and 3660 (got 99999999)"
    ]
