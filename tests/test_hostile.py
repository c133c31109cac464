"""Hostile and broken input: one exact `file:line: error:` each, in bounded memory, never a traceback.

Memory is measured (tracemalloc for the loader, the peak resident size of a real `mkdocs build`);
time is not asserted here: bench/hostile.py prints how long each attack takes to be rejected.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeysite.content.tree import load_directory
from journeysite.format.limits import DEFAULT_LIMITS, Limits
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, serve
from tests.conftest import Project
from tests.test_errors import errors

MB = 1_000_000
LOADER_PEAK = 10 * MB
"""Ten times the largest file the loader reads (max_file_bytes, 1 MB): generous, yet far below
what an expanded alias bomb, a nesting stack or a 50 MB file read whole would take."""

ALIAS_BOMB = "---\ntype: journey\ntitle: Laughs\npersona: newcomer\n" + "".join(
    f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}" if n else '"lol"'] * 9) + "]\n" for n in range(10)
)
"""Ten levels of nine aliases each: 9^10 (3.5 billion) strings once expanded."""


PEAK_MEMORY_OF_MKDOCS = """
import re, runpy, sys
sys.argv = ["mkdocs", *sys.argv[1:]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
finally:
    # VmHWM: this process's peak resident memory (ru_maxrss would include the forking parent's).
    status = open("/proc/self/status").read()
    print("peak-kb", re.search(r"VmHWM:\\s+(\\d+)", status).group(1), file=sys.stderr)
"""
"""Runs `mkdocs ARGS` and prints its peak resident memory last on stderr."""


def measured(project: Project) -> tuple[list[str], int]:
    """The error lines of loading the project's content, and the loader's peak memory."""
    tracemalloc.start()
    try:
        lines = errors(project)
        return lines, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- malformed front matter ------------------------------------------------------------------

MALFORMED = [
    (
        "front matter that is a scalar naming a type",
        b"---\njourney\n---\n",
        "content/journeys/x.md:2: error: front matter must be a mapping of `field: value` lines "
        "(got the single value `journey`); did you mean `type: journey`?",
    ),
    (
        "front matter that is `type persona`",
        b"---\ntype persona\n---\n# Rita\n",
        "content/journeys/x.md:2: error: front matter must be a mapping of `field: value` lines "
        "(got the single value `type persona`); did you mean `type: persona`?",
    ),
    (
        "front matter that is a colon without a space",
        b"---\ntype:stakeholder\n---\n",
        "content/journeys/x.md:2: error: front matter must be a mapping of `field: value` lines "
        "(got the single value `type:stakeholder`); did you mean `type: stakeholder`?",
    ),
    (
        "front matter that is the word type",
        b"---\ntype\n---\n",
        "content/journeys/x.md:2: error: front matter must be a mapping of `field: value` lines "
        "(got the single value `type`); write `type: journey`, `type: persona` or "
        "`type: stakeholder`",
    ),
    (
        "a list where a mapping is expected",
        b"---\n- type: persona\n- name: Rita\n---\n",
        "content/journeys/x.md:2: error: front matter must be a mapping of `field: value` lines "
        "(got a list)",
    ),
    (
        "unterminated front matter",
        b"---\ntype: persona\nname: Rita\n\nRita rents a flat.\n",
        "content/journeys/x.md:1: error: front matter is not closed: add a line `---` after the "
        "last field",
    ),
    (
        "a tab indenting a field",
        b"---\ntype: persona\n\tname: Rita\n---\n",
        "content/journeys/x.md:3: error: invalid YAML: found a tab character that violates "
        "indentation while scanning a plain scalar that starts on line 2; indent with spaces, "
        "not tabs",
    ),
    (
        "invalid YAML",
        b"---\ntype: persona\nname: Rita\ngoals: [Save money\n---\n",
        "content/journeys/x.md:4: error: invalid YAML: did not find expected ',' or ']' while "
        "parsing a flow sequence",
    ),
    (
        "a file that is not UTF-8",
        b"---\ntype: persona\nname: Rita\nsegment: R\xe9sidents\n---\n",
        "content/journeys/x.md:4: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
    ),
    (
        "a raw control character",
        b"---\ntype: persona\nname: Rita\x07\n---\n",
        "content/journeys/x.md:3: error: invalid YAML: control characters are not allowed "
        "(found U+0007); remove it",
    ),
    (
        "a NUL byte",
        b"---\ntype: persona\nname: Rita\nsegment: a\x00b\n---\n",
        "content/journeys/x.md:4: error: invalid YAML: control characters are not allowed "
        "(found U+0000); remove it",
    ),
    (
        "an escaped control character in quoted text",
        b'---\ntype: persona\nname: "Rita\\e[8m hidden"\n---\n',
        "content/journeys/x.md:3: error: name: text holds the control character U+001B; remove "
        "it (tabs and line breaks are the only ones allowed)",
    ),
    (
        "an alias used as a key",
        b"---\ntype: persona\nname: &n Rita\n*n : x\n---\n",
        "content/journeys/x.md:4: error: a key must be a plain name, not an alias",
    ),
    (
        "an alias to no anchor",
        b"---\ntype: persona\nname: *nobody\n---\n",
        "content/journeys/x.md:3: error: name: `*nobody` refers to no anchor `&nobody` written "
        "before it",
    ),
    (
        "a second YAML document",
        b"---\ntype: persona\nname: Rita\n...\n---\nname: Other\n---\n",
        None,  # the front matter ends at `...`; the rest is the page body
    ),
    (
        "CRLF line endings keep their line numbers",
        b"---\r\ntype: persona\r\nname: Rita\r\nsegment: [a]\r\n---\r\nBody\r\n",
        "content/journeys/x.md:4: error: segment: expected text, got a list",
    ),
    (
        "old Mac CR line endings keep their line numbers",
        b"---\rtype: persona\rname: Rita\rsegment: [a]\r---\r",
        "content/journeys/x.md:4: error: segment: expected text, got a list",
    ),
    (
        "a BOM keeps line numbers",
        b"\xef\xbb\xbf---\ntype: persona\nname: Rita\nsegment: [a]\n---\n",
        "content/journeys/x.md:4: error: segment: expected text, got a list",
    ),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_front_matter(minimal: Project, raw: bytes, expected: str | None) -> None:
    minimal.write_bytes("journeys/x.md", raw)
    assert errors(minimal) == ([expected] if expected else [])


def test_ordinary_pages_are_not_maps(minimal: Project) -> None:
    """Empty files and empty front matter are plain pages, as MkDocs has them: nothing claims them
    as maps (an error would break portals that keep empty section pages)."""
    minimal.write_bytes("empty.md", b"")
    minimal.write_bytes("blank.md", b"\n\n  \n")
    minimal.write_bytes("fences.md", b"---\n---\n# Fences\n")
    minimal.write_bytes("rule.md", b"---\nNot front matter, a rule and a heading\n---\n")
    assert errors(minimal) == []
    minimal.build()
    assert minimal.page("fences/").select_one("article h1").get_text(strip=True) == "Fences¶"
    assert minimal.page("empty/").select_one("article") is not None
    assert not minimal.page("rule/").select(".jm-errors")


def test_crlf_and_bom_files_build_like_any_other(minimal: Project) -> None:
    persona = (minimal.content / "personas/newcomer.md").read_text(encoding="utf-8")
    journey = (minimal.content / "journeys/onboarding.md").read_text(encoding="utf-8")
    minimal.write_bytes(
        "personas/newcomer.md", b"\xef\xbb\xbf" + persona.replace("\n", "\r\n").encode()
    )
    minimal.write_bytes("journeys/onboarding.md", journey.replace("\n", "\r\n").encode())
    assert errors(minimal) == []
    minimal.build()
    page = minimal.page("journeys/onboarding/")
    assert page.select_one("article h1").get_text(strip=True) == "Onboarding"
    assert page.select_one("article h2#notes").get_text(strip=True) == "Notes¶"
    assert "Written by the research team." in page.select_one("article").get_text()
    persona_page = minimal.page("personas/newcomer/")
    assert persona_page.select_one("article h1").get_text(strip=True) == "Nora Newcomer"
    assert "Nora moved house last month." in persona_page.select_one("article").get_text()


# --- resource attacks ------------------------------------------------------------------------


def test_alias_bomb_stops_at_max_values_without_expanding(minimal: Project) -> None:
    minimal.write("journeys/laughs.md", ALIAS_BOMB + "stages: [{name: A}]\n---\n")
    lines, peak = measured(minimal)
    assert lines == [
        "content/journeys/laughs.md:9: error: front matter expands to more than 50,000 values "
        "(max_values); are aliases (`*name`) repeating large blocks?"
    ]
    assert peak < LOADER_PEAK


@pytest.mark.parametrize(
    ("opening", "closing"), [("[", "]"), ("{a: ", "}")], ids=["sequences", "mappings"]
)
def test_hundred_thousand_levels_of_nesting(minimal: Project, opening: str, closing: str) -> None:
    minimal.write(
        "journeys/deep.md",
        "---\ntype: journey\ntitle: Deep\npersona: newcomer\nstages: "
        + opening * 100_000
        + closing * 100_000
        + "\n---\n",
    )
    lines, peak = measured(minimal)
    assert lines == ["content/journeys/deep.md:5: error: nesting deeper than 32 levels (max_depth)"]
    assert peak < LOADER_PEAK


def test_nesting_beyond_the_yaml_parser_is_reported_when_max_depth_is_higher(
    minimal: Project,
) -> None:
    """libyaml stops at 1 000 open brackets before the composer counts them: a portal that raised
    max_depth above that still gets a limit error naming the line, not a parser message."""
    minimal.write(
        "journeys/deep.md",
        "---\ntype: journey\ntitle: Deep\npersona: newcomer\nstages: " + "[" * 5000 + "\n---\n",
    )
    content = load_directory(minimal.content, Limits(max_depth=10_000))
    assert [d.format_text() for d in content.diagnostics] == [
        f"{minimal.content}/journeys/deep.md:5: error: "
        "nesting deeper than the YAML parser allows (1,000 levels)"
    ]


def test_fifty_megabyte_map_is_rejected_by_size_without_being_read(minimal: Project) -> None:
    with (minimal.content / "journeys/huge.md").open("w", encoding="utf-8") as out:
        out.write("---\ntype: journey\ntitle: Huge\npersona: newcomer\nstages:\n")
        out.writelines(
            "  - name: Stage with a long name to fill the file\n" for _ in range(1_000_000)
        )
        out.write("---\n")
    size = (minimal.content / "journeys/huge.md").stat().st_size
    assert size > 50 * MB
    lines, peak = measured(minimal)
    assert lines == [
        f"content/journeys/huge.md:1: error: file is {size:,} bytes; the limit is 1,000,000 "
        "(max_file_bytes): split it, or raise the limit in the plugin config"
    ]
    assert peak < LOADER_PEAK


def test_fifty_megabyte_ordinary_page_is_left_to_mkdocs_after_reading_its_head(
    minimal: Project,
) -> None:
    with (minimal.content / "big-log.md").open("w", encoding="utf-8") as out:
        out.write("# Release log\n\n")
        out.writelines(f"- entry {n}: type: nothing to see\n" for n in range(1_500_000))
    assert (minimal.content / "big-log.md").stat().st_size > 50 * MB
    lines, peak = measured(minimal)
    assert lines == []
    assert peak < LOADER_PEAK


def test_string_of_a_million_characters(minimal: Project) -> None:
    minimal.write("personas/long.md", "---\ntype: persona\nname: " + "a" * 1_000_000 + "\n---\n")
    lines, peak = measured(minimal)
    assert lines == [
        "content/personas/long.md:1: error: file is 1,000,029 bytes; the limit is 1,000,000 "
        "(max_file_bytes): split it, or raise the limit in the plugin config"
    ]
    assert peak < LOADER_PEAK


def test_ten_thousand_stages_stop_at_max_list_length(minimal: Project) -> None:
    stages = "".join(f"  - name: Stage {n}\n    emotion: 3\n" for n in range(10_000))
    minimal.write(
        "journeys/long.md",
        "---\ntype: journey\ntitle: Long\npersona: newcomer\nstages:\n" + stages + "---\n",
    )
    lines, peak = measured(minimal)
    assert lines == [
        "content/journeys/long.md:2006: error: stages: more than 1,000 items (max_list_length)"
    ]
    assert peak < LOADER_PEAK


def test_fifty_thousand_fields_stop_at_max_values(minimal: Project) -> None:
    fields = "".join(f"field{n}: {n}\n" for n in range(50_000))
    minimal.write("personas/wide.md", "---\ntype: persona\nname: Wide\n" + fields + "---\n")
    lines, peak = measured(minimal)
    assert lines == [
        "content/personas/wide.md:25001: error: front matter expands to more than 50,000 values "
        "(max_values); are aliases (`*name`) repeating large blocks?"
    ]
    # Every value keeps its line and column until the limit: at most a kilobyte per value.
    assert peak < 1_000 * DEFAULT_LIMITS.max_values


def test_blank_lines_do_not_slow_the_type_check(minimal: Project) -> None:
    """400 000 blank lines in front matter: the type-line pattern once took minutes on these."""
    minimal.write_bytes("notes.md", b"---\n" + b"  \n" * 400_000 + b"---\n# Notes\n")
    lines, peak = measured(minimal)
    assert lines == []
    assert peak < 3 * LOADER_PEAK  # the file's lines, split once


def test_numbers_too_large_for_a_browser(minimal: Project) -> None:
    digits = "9" * 5_000  # Python refuses int() of more than 4 300 digits
    minimal.write(
        "journeys/big.md",
        "---\ntype: journey\ntitle: Big\npersona: newcomer\n"
        f"review_every: {digits}\n"
        "kpis: [{name: Revenue, value: 1.5e+308, target: 2.0e+999}]\n"
        "stages: [{name: A, emotion: 10000000000000001}]\n---\n",
    )
    too_large = "is too large; numbers may be at most 1,000,000,000,000,000 either side of zero"
    assert errors(minimal) == [
        f"content/journeys/big.md:5: error: review_every: the number `{'9' * 59}…` {too_large}",
        f"content/journeys/big.md:6: error: kpis[0].value: the number `1.5e+308` {too_large}",
        f"content/journeys/big.md:6: error: kpis[0].target: the number `2.0e+999` {too_large}",
        "content/journeys/big.md:7: error: stages[0].emotion: the number `10000000000000001` "
        + too_large,
    ]


# --- the same limits on frameworks, opportunities and solutions -------------------------------

OPPORTUNITY_HEAD = "---\ntype: opportunity\ntitle: O\nimpact: 3\neffort: 2\n"


def test_alias_bomb_in_an_opportunitys_evidence(minimal: Project) -> None:
    bomb = ALIAS_BOMB.replace(
        "type: journey\ntitle: Laughs\npersona: newcomer\n",
        "type: opportunity\ntitle: Laughs\nimpact: 3\neffort: 2\n",
    )
    minimal.write(
        "opportunities/laughs.md",
        bomb + "moments: [{journey: onboarding, stage: Sign up}]\nevidence: *l9\n---\n",
    )
    lines, peak = measured(minimal)
    assert lines == [
        "content/opportunities/laughs.md:10: error: front matter expands to more than 50,000 "
        "values (max_values); are aliases (`*name`) repeating large blocks?"
    ]
    assert peak < LOADER_PEAK


def test_aliased_moments_within_the_limits_are_checked_like_written_ones(
    minimal: Project,
) -> None:
    """An alias repeats a moment; each copy is checked, and reported at the alias's line."""
    minimal.write(
        "opportunities/echo.md",
        OPPORTUNITY_HEAD + "moments:\n  - &m {journey: onboarding, stage: Sign upp}\n  - *m\n---\n",
    )
    assert errors(minimal) == [
        f"content/opportunities/echo.md:{line}: error: moments[{i}].stage: journey `onboarding` "
        "has no stage `Sign upp`; did you mean `Sign up`?"
        for i, line in ((0, 7), (1, 8))
    ]


def test_ten_thousand_moments_and_phases_stop_at_max_list_length(minimal: Project) -> None:
    moments = "".join("  - {journey: onboarding, stage: Sign up}\n" for _ in range(10_000))
    minimal.write("opportunities/many.md", OPPORTUNITY_HEAD + "moments:\n" + moments + "---\n")
    phases = "".join(f"  - {{id: p{n}, name: P{n}}}\n" for n in range(10_000))
    minimal.write(
        "frameworks/many.md", "---\ntype: framework\ntitle: F\nphases:\n" + phases + "---\n"
    )
    lines, peak = measured(minimal)
    assert lines == [
        "content/frameworks/many.md:1005: error: phases: more than 1,000 items (max_list_length)",
        "content/opportunities/many.md:1007: error: moments: more than 1,000 items "
        "(max_list_length)",
    ]
    assert peak < LOADER_PEAK


def test_long_text_and_huge_numbers_in_the_new_fields(minimal: Project) -> None:
    minimal.write(
        "opportunities/long.md",
        OPPORTUNITY_HEAD.replace("impact: 3", "impact: " + "9" * 5_000)
        + "statement: "
        + "a" * 30_000
        + "\nmoments: [{journey: onboarding, stage: Sign up}]\n---\n",
    )
    minimal.write(
        "solutions/due.md",
        "---\ntype: solution\ntitle: S\nopportunities: [long]\ndue: 99999-01-01\n---\n",
    )
    too_large = "is too large; numbers may be at most 1,000,000,000,000,000 either side of zero"
    assert errors(minimal) == [
        f"content/opportunities/long.md:4: error: impact: the number `{'9' * 59}…` {too_large}",
        "content/opportunities/long.md:6: error: statement: text of 30,000 characters; the limit is 20,000 "
        "(max_string_length)",
        "content/solutions/due.md:5: error: due: expected a date written as YYYY-MM-DD, got the "
        "text `99999-01-01`",
    ]


def test_defaults_are_the_documented_ones() -> None:
    assert (
        DEFAULT_LIMITS.max_file_bytes,
        DEFAULT_LIMITS.max_depth,
        DEFAULT_LIMITS.max_values,
        DEFAULT_LIMITS.max_string_length,
        DEFAULT_LIMITS.max_list_length,
    ) == (1_000_000, 32, 50_000, 20_000, 1_000)


def test_every_attack_in_one_real_build_fails_cleanly_in_bounded_memory(
    minimal: Project,
) -> None:
    """`mkdocs build` with the limits set in mkdocs.yml: every attack reported, exit 1, no
    traceback, and the whole build's peak resident memory stays modest."""
    minimal.configure(
        {"limits": {"max_file_bytes": 2_000_000, "max_depth": 8, "max_list_length": 50}}
    )
    minimal.write("journeys/laughs.md", ALIAS_BOMB + "stages: [{name: A}]\n---\n")
    minimal.write(
        "journeys/deep.md",
        "---\ntype: journey\ntitle: D\npersona: newcomer\nstages: " + "[" * 100_000 + "\n---\n",
    )
    minimal.write("personas/long.md", "---\ntype: persona\nname: " + "a" * 1_000_000 + "\n---\n")
    minimal.write(
        "journeys/stages.md",
        "---\ntype: journey\ntitle: S\npersona: newcomer\nstages:\n"
        + "  - name: S\n" * 10_000
        + "---\n",
    )
    with (minimal.content / "journeys/huge.md").open("w", encoding="utf-8") as out:
        out.write("---\ntype: journey\n" + "x" * (50 * MB) + "\n---\n")
    minimal.write_bytes("journeys/scalar.md", b"---\njourney\n---\n")
    result = minimal.run(sys.executable, "-c", PEAK_MEMORY_OF_MKDOCS, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in [
        "content/journeys/laughs.md:9: error: front matter expands to more than 50,000 values "
        "(max_values); are aliases (`*name`) repeating large blocks?",
        "content/journeys/deep.md:5: error: nesting deeper than 8 levels (max_depth)",
        "content/personas/long.md:3: error: name: text of 1,000,000 characters; the limit is "
        "20,000 (max_string_length)",
        "content/journeys/stages.md:56: error: stages: more than 50 items (max_list_length)",
        "content/journeys/huge.md:1: error: file is 50,000,023 bytes; the limit is 2,000,000 "
        "(max_file_bytes): split it, or raise the limit in the plugin config",
        "content/journeys/scalar.md:2: error: front matter must be a mapping of `field: value` "
        "lines (got the single value `journey`); did you mean `type: journey`?",
    ]:
        assert f"ERROR   -  journeysite: {line}\n" in result.stderr
    assert "6 errors in journey maps" in result.stderr
    peak_kb = int(result.stderr.rsplit("peak-kb ", 1)[1])
    assert peak_kb < 250_000, f"mkdocs build peaked at {peak_kb:,} KB"


def test_limits_in_the_plugin_config_must_be_positive(minimal: Project) -> None:
    minimal.configure({"limits": {"max_depth": 0}})
    result = minimal.mkdocs("build")
    assert result.returncode == 1
    assert (
        "Plugin 'journeysite' option 'limits': Sub-option 'max_depth': must be a whole number "
        "of at least 1 (got 0)" in result.stderr
    )
    assert "Traceback" not in result.stderr


# --- hostile text never runs in a reader's browser -------------------------------------------

PAYLOAD = (
    "<script>window.pwned=1</script><img src=x onerror=window.pwned=1>\"'><svg onload=window.pwned=1>"
    "</script><script>window.pwned=1</script>[click](javascript:window.pwned=1) "
    "--x_x--0_0--window.pwned=1--x_x--0_0-- {{ 7*7 }} {% raw %}\u2028</textarea><iframe src=x>"
    "</title></style></noscript><script>window.pwned=1</script>"
)
"""Every classic way out of a text node, an attribute, a <script>, JSON, a Jinja template and
pyecharts' JsCode marker, in one string that marks `window.pwned` if any of them runs."""


def hostile_portal(project: Project) -> Project:
    """The minimal portal plus a persona, a stakeholder, a journey, a framework, an opportunity and
    a solution with PAYLOAD in every text."""
    p = '"' + PAYLOAD.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\L") + '"'
    project.write(
        "personas/hostile.md",
        f"---\ntype: persona\nname: {p}\ndescription: {p}\nsegment: {p}\nsummary: {p}\n"
        f"quote: {p}\ngoals: [{p}]\nneeds: [{p}]\nfrustrations: [{p}]\nchannels: [{p}]\n---\n",
    )
    project.write(
        "stakeholders/hostile.md",
        f"---\ntype: stakeholder\nname: {p}\ndescription: {p}\nkind: team\ninfluence: 5\n"
        f"interest: 2\nmotivations: [{p}]\nobjectives: [{p}]\nchallenges: [{p}]\ncontact: {p}\n"
        f"relationships: [{{with: care, kind: conflicts, note: {p}}}]\n---\n",
    )
    project.write(
        "journeys/hostile.md",
        f"""---
type: journey
title: {p}
description: {p}
persona: hostile
owner: hostile
goal: {p}
scenario: {p}
sources: [{{kind: survey, name: {p}}}]
kpis: [{{name: {p}, value: 1, target: 2, unit: {p}}}]
stages:
  - name: {p}
    goal: {p}
    expectations: {{primary: [{p}], secondary: [{p}]}}
    actions: [{p}]
    thoughts: [{p}]
    emotion: 2
    knowledge_gaps: [{p}]
    pain_points: [{{text: {p}, severity: high}}]
    opportunities: [{p}]
    touchpoints:
      - name: {p}
        channel: web
        owner: hostile
        supporting: [care]
        tools: [{p}]
        processes: [{p}]
        emotion: 1
        pain_points: [{p}]
        opportunities: [{p}]
        kpis: [{{name: {p}, value: 3, target: 2, better: lower, unit: {p}}}]
        evidence: [{p}]
        physical_evidence: [{p}]
        frontstage: [{p}]
        backstage: [{p}]
        support: [{p}]
        fail_point: true
  - name: {p}
    phase: pwn
    emotion: 5
---
""",
    )
    project.write(
        "lifecycle/hostile.md",
        f"---\ntype: framework\ntitle: {p}\ndescription: {p}\n"
        f"phases: [{{id: pwn, name: {p}, description: {p}}}, {{id: gap, name: {p}}}]\n---\n",
    )
    project.write(
        "opportunities/hostile.md",
        f"---\ntype: opportunity\ntitle: {p}\ndescription: {p}\nstatement: {p}\nowner: hostile\n"
        f"impact: 5\neffort: 1\nmoments: [{{journey: hostile, stage: {p}}}]\nevidence: [{p}]\n---\n",
    )
    project.write(
        "solutions/hostile.md",
        f"---\ntype: solution\ntitle: {p}\ndescription: {p}\nopportunities: [hostile]\n"
        f"owner: hostile\nstatus: planned\ndue: 2020-01-01\nmeasures: [{{journey: hostile, kpi: {p}}}]\n---\n",
    )
    return project


def strings(value: object) -> Iterator[str]:
    """Every string inside parsed JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_hostile_text_is_inert_in_every_page(minimal: Project) -> None:
    hostile_portal(minimal).build()
    for html_file in sorted(minimal.site.rglob("*.html")):
        page = minimal.page(str(html_file.relative_to(minimal.site)))
        where = html_file.relative_to(minimal.site)
        for element in page.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, f"{where}: <{element.name} {handlers}>"
            href = str(element.get("href", "")).strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), f"{where}: {href}"
            for name in ("src", "srcdoc", "action", "formaction", "data"):
                assert "pwned" not in str(element.get(name, "")), f"{where}: {element}"
        assert not page.find_all(["iframe", "object", "embed", "textarea"]), where
        for script in page.find_all("script"):
            if script.get("type") == "application/json":
                continue  # data: parsed, never run (checked below)
            assert "pwned" not in (script.string or ""), f"{where}: {script}"
        assert not page.select("img[src=x]"), where
    journey = minimal.page("journeys/hostile/")
    text = journey.select_one("article").get_text()
    assert PAYLOAD in text  # shown, as text (a javascript: link stays text)
    assert "{{ 7*7 }}" in text and "49" not in text
    assert journey.select_one("article h1").get_text() == PAYLOAD  # titles are text too
    lane = [t.get_text() for t in journey.select("tr.jm-lane .jm-lane__point title")]
    assert lane and all(t.startswith(PAYLOAD) for t in lane)  # the emotion lane: text in SVG
    persona = minimal.page("personas/hostile/")
    charts = persona.select(".jm-chart[data-jm-options]")  # issue 5: options in an attribute
    assert charts
    for chart in charts:
        data = chart["data-jm-options"]
        assert "<" not in data and "\u2028" not in data
        assert any(PAYLOAD in text for text in strings(json.loads(data)))
    index = json.loads((minimal.site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "<script" not in doc["title"] + doc["text"]
        assert "<img" not in doc["title"] + doc["text"]


SHOW_EVERY_TOOLTIP = """() => {
    let shown = 0;
    document.querySelectorAll(".jm-chart").forEach((el) => {
        const chart = window.echarts && window.echarts.getInstanceByDom(el);
        if (!chart) return;
        chart.getOption().series.forEach((series, seriesIndex) => {
            (series.data || []).forEach((_, dataIndex) => {
                chart.dispatchAction({type: "showTip", seriesIndex, dataIndex});
                shown += 1;
            });
            (series.links || series.edges || []).forEach((_, dataIndex) => {
                chart.dispatchAction({type: "showTip", seriesIndex, dataIndex, dataType: "edge"});
                shown += 1;
            });
        });
    });
    return shown;
}"""
"""Shows the tooltip of every point and edge of every chart on the page (ECharts builds tooltips
as HTML from series, point and category names: the riskiest place for a writer's text)."""


def pages_showing_the_payload(site: Path) -> list[str]:
    """Every built page that holds the payload in any form: the generated pages of every issue."""
    found = []
    for page in sorted(site.rglob("index.html")):
        if "pwned" in page.read_text(encoding="utf-8"):
            folder = page.parent.relative_to(site).as_posix()
            found.append("" if folder == "." else folder + "/")
    return found


@pytest.mark.browser
def test_hostile_text_never_runs_in_chromium(minimal: Project) -> None:
    """Every page of the hostile portal in Chromium: load, hover the charts, search for the text;
    `window.pwned` stays unset and no dialog opens."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    hostile_portal(minimal).build()
    with serve(minimal.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for path in pages_showing_the_payload(minimal.site):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.mouse.move(0, 0)
                tips = page.evaluate(SHOW_EVERY_TOOLTIP)
                if page.locator(".jm-chart").count():
                    assert tips > 0, path  # the charts were drawn and their tooltips shown
                assert page.evaluate("window.pwned") is None, path
            page.goto(base)
            search = page.locator("input[data-md-component=search-query]")
            results = page.locator(".md-search-result__item")
            for _ in range(10):  # typed before the search worker is ready, a query is dropped
                search.fill("")
                search.type("raw", delay=50)
                try:
                    results.first.wait_for(timeout=5_000)
                    break
                except PlaywrightTimeout:
                    continue
            assert results.count() > 0
            assert (
                "<script>window.pwned=1</script>" in page.locator(".md-search-result").inner_text()
            )
            assert page.evaluate("window.pwned") is None
            assert dialogs == []
        finally:
            browser.close()
