"""One rule for "the same stage" (journeysite/format/stages.py), asked by the future map's
comparison with its baseline and by the diff between revisions: a case-only rename and a real
rename in place are one stage in both, never a removed plus an added stage."""

from __future__ import annotations

import json

import pytest

from journeysite.format.stages import match_stages
from tests.conftest import Project
from tests.test_diff import git

BEFORE = ["Sign up", "Decision", "Renewal"]
AFTER = ["sign  UP", "Decision and installation", "Renewal"]
"""A case-and-spacing-only rename, a real rename in place, and an unchanged stage."""


def journey(title: str, stages: list[str], extra: str = "") -> str:
    listed = "".join(
        f"  - name: {name!r}\n    emotion: {3 + i % 2}\n" for i, name in enumerate(stages)
    )
    return f"---\ntype: journey\ntitle: {title}\npersona: newcomer\n{extra}stages:\n{listed}---\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (BEFORE, AFTER, {0: 0, 1: 1, 2: 2}),
        (["A", "B", "C"], ["A", "C", "D"], {0: 0, 2: 1}),  # B removed, D added: C is not new
        (["A", "B"], ["B", "A"], {0: 1, 1: 0}),  # reordered, not removed and added
        (["A", "A"], ["a"], {0: 0}),  # a repeated name pairs once
        ([], ["A"], {}),
    ],
)
def test_match_stages(old: list[str], new: list[str], expected: dict[int, int]) -> None:
    assert match_stages(old, new) == expected


def test_future_map_shows_renamed_stages_as_one_stage(project: Project) -> None:
    project.write("personas/newcomer.md", "---\ntype: persona\nname: Newcomer\n---\n")
    project.write("journeys/today.md", journey("Today", BEFORE))
    project.write(
        "journeys/tomorrow.md", journey("Tomorrow", AFTER, "map: future\nbaseline: today\n")
    )
    project.build()
    table = project.page("journeys/tomorrow/").select_one("article .jm-stage-deltas")
    assert table is not None
    rows = [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in tr.select("th, td")]
        for tr in table.select("tbody tr")
    ]
    assert rows == [
        ["sign UP", "3 neutral", "3 neutral", "No change"],
        ["Decision and installation (was Decision)", "4 positive", "4 positive", "No change"],
        ["Renewal", "3 neutral", "3 neutral", "No change"],
    ]


def test_diff_reports_the_same_renames_not_removed_and_added(project: Project) -> None:
    project.write("personas/newcomer.md", "---\ntype: persona\nname: Newcomer\n---\n")
    project.write("journeys/today.md", journey("Today", BEFORE))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Maps")
    project.write("journeys/today.md", journey("Today", AFTER))
    result = project.journeysite("diff", "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = [(c["kind"], c["before"], c["after"]) for c in json.loads(result.stdout)["changes"]]
    assert changes == [
        ("stage-renamed", "Sign up", "sign  UP"),
        ("stage-renamed", "Decision", "Decision and installation"),
    ]
