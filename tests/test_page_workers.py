"""A build that writes its pages in two processes gives the bytes and the messages of one."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Project, differences, mkdocs_yml

BODY_LINK = "See [the missing part](#{anchor}).\n"


def with_journeys(project: Project, count: int) -> Project:
    """`count` journeys, each body linking to an anchor that does not exist (a warning each)."""
    for number in range(count):
        project.write(
            f"journeys/j{number:02d}.md",
            f"""
            ---
            type: journey
            title: Journey {number:02d}
            persona: newcomer
            owner: care
            stages:
              - name: Start
                emotion: {number % 5 + 1}
                touchpoints:
                  - name: Touchpoint {number}
                    owner: care
                    emotion: 3
            ---
            """
            + BODY_LINK.format(anchor=f"missing-{number:02d}"),
        )
    return project


def configure(project: Project, processes: int) -> None:
    yml = mkdocs_yml({"build_processes": processes}, validation={"anchors": "warn"})
    (project.root / "mkdocs.yml").write_text(yml, encoding="utf-8")


def test_two_processes_write_the_same_bytes(minimal: Project, tmp_path: Path) -> None:
    with_journeys(minimal, 12)
    configure(minimal, 1)
    one = minimal.built_files(tmp_path / "one", 1)
    configure(minimal, 2)
    two = minimal.built_files(tmp_path / "two", 1)
    assert "journeys/j11/index.html" in two and "search/search_index.json" in two
    assert differences(one, two) == []


def _warnings(result_stderr: str) -> list[str]:
    return [line for line in result_stderr.splitlines() if line.startswith("WARNING")]


def test_two_processes_report_warnings_in_the_same_order_and_strict_counts_them(
    minimal: Project,
) -> None:
    with_journeys(minimal, 12)
    configure(minimal, 1)
    one = minimal.mkdocs("build", "--strict")
    configure(minimal, 2)
    two = minimal.mkdocs("build", "--strict")
    expected = [f"#missing-{number:02d}" for number in range(12)]
    assert [re.search(r"#missing-\d+", w).group() for w in _warnings(two.stderr)] == expected
    assert _warnings(two.stderr) == _warnings(one.stderr)
    assert one.returncode == two.returncode == 1
    assert "pages in a second process" in two.stderr
    assert "pages in a second process" not in one.stderr
    assert "Aborted with 12 warnings in strict mode!" in one.stdout
    assert "Aborted with 12 warnings in strict mode!" in two.stdout
