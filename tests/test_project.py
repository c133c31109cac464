"""`journeysite check` reads the project as `mkdocs build` does: the same files, limits and rules.

Each portal is built with `python -m mkdocs build` and checked with `journeysite check`, both as a
user runs them; they must agree on success and on every `file:line: error: message` line.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from journeysite.format.limits import Limits
from journeysite.project import Project as JourneysiteProject
from tests.conftest import Project

BROKEN = "---\ntype: persona\nname: [unclosed\n---\n"
BUILD_ERROR = re.compile(r"^ERROR\s+-\s+journeysite: (.+?: error: .+)$", re.MULTILINE)
LIST_TOO_LONG = (
    "content/journeys/onboarding.md:16: error: stages: more than 1 items (max_list_length)"
)
UNOWNED = (
    "content/journeys/onboarding.md:22: error: stages[1].touchpoints[0]: touchpoint `Letter` has "
    "no owner; set `owner:` to the id of the stakeholder accountable for it (required by "
    "`require_owner: true`)"
)


def build_errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(BUILD_ERROR.findall(result.stderr))


def check_errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(line for line in result.stdout.splitlines() if ": error: " in line)


def agree(project: Project) -> list[str]:
    """Build and check the portal; assert they agree and return their error lines."""
    built = project.mkdocs("build")
    checked = project.journeysite("check")
    assert "Traceback" not in built.stderr + checked.stderr
    assert (built.returncode == 0) == (checked.returncode == 0), (built.stderr, checked.stderr)
    assert build_errors(built) == check_errors(checked)
    return check_errors(checked)


def unowned_letter(project: Project) -> None:
    text = (project.content / "journeys/onboarding.md").read_text(encoding="utf-8")
    letter = "    touchpoints:\n      - name: Letter\n        channel: mail\n"
    project.write(
        "journeys/onboarding.md", text.replace("severity: high\n", "severity: high\n" + letter)
    )


def test_excluded_files_are_checked_by_neither(minimal: Project) -> None:
    minimal.configure(exclude_docs="drafts/\n")
    minimal.write("drafts/half-done.md", BROKEN)  # excluded by exclude_docs
    minimal.write("templates/persona.md", BROKEN)  # MkDocs' own default exclusions
    minimal.write(".scratch/notes.md", BROKEN)
    minimal.write("personas/.copy.md", BROKEN)
    assert agree(minimal) == []
    assert not (minimal.site / "drafts").exists()
    minimal.configure()
    assert agree(minimal) == [
        "content/drafts/half-done.md:3: error: invalid YAML: did not find expected ',' or ']' "
        "while parsing a flow sequence"
    ]


def test_draft_docs_are_not_checked_either(minimal: Project) -> None:
    minimal.configure(draft_docs="journeys/wip-*.md\n")
    minimal.write("journeys/wip-renewal.md", BROKEN)
    assert agree(minimal) == []


def test_limits_of_the_plugin_fail_both(minimal: Project) -> None:
    minimal.configure({"limits": {"max_list_length": 1}})
    assert agree(minimal) == [LIST_TOO_LONG]


def test_require_owner_fails_both(minimal: Project) -> None:
    unowned_letter(minimal)
    minimal.configure({"require_owner": True})
    assert agree(minimal) == [UNOWNED]


def test_a_bad_limit_is_one_line_for_both(minimal: Project) -> None:
    minimal.configure({"limits": {"max_list_length": 0}})
    message = (
        "Config value 'plugins': Plugin 'journeysite' option 'limits': Sub-option "
        "'max_list_length': must be a whole number of at least 1 (got 0)"
    )
    built = minimal.mkdocs("build")
    assert built.returncode == 1
    assert f"ERROR   -  {message}\n" in built.stderr
    checked = minimal.journeysite("check")
    assert (checked.returncode, checked.stdout) == (2, "")
    assert checked.stderr == f"journeysite: error: mkdocs.yml: {message}\n"


def test_check_needs_none_of_the_portal_plugins(minimal: Project) -> None:
    minimal.configure(plugins=["search", "techdocs-core", "journeysite"])
    checked = minimal.journeysite("check")
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "",
        "checked 4 files: 1 journeys, 1 personas, 1 stakeholders; 0 errors, 0 warnings\n",
    )
    assert "techdocs-core" in minimal.mkdocs("build").stderr  # the build cannot run here


def test_options_in_the_mapping_form_of_plugins(minimal: Project) -> None:
    unowned_letter(minimal)
    plugins = {"techdocs-core": None, "journeysite": {"require_owner": True}}
    minimal.configure(plugins=plugins, exclude_docs="drafts/\n")
    minimal.write("drafts/half-done.md", BROKEN)
    checked = minimal.journeysite("check")
    assert (checked.returncode, check_errors(checked)) == (1, [UNOWNED])


def test_inherit_and_env_tags_are_read_as_mkdocs_reads_them(minimal: Project) -> None:
    (minimal.root / "base.yml").write_text(
        yaml.safe_dump(
            {"plugins": ["search", {"journeysite": {"limits": {"max_list_length": 1}}}]}
        ),
        encoding="utf-8",
    )
    config = {"INHERIT": "base.yml", "site_name": "Test portal", "theme": {"name": "material"}}
    text = yaml.safe_dump(config) + "docs_dir: !ENV [MAPS_DIR, maps]\n"
    (minimal.root / "mkdocs.yml").write_text(text, encoding="utf-8")
    minimal.content.rename(minimal.root / "maps")
    expected = LIST_TOO_LONG.replace("content/", "maps/")
    built = minimal.mkdocs("build")
    checked = minimal.journeysite("check")
    assert built.returncode == checked.returncode == 1
    assert build_errors(built) == check_errors(checked) == [expected]


def test_an_explicit_dir_and_flag_still_win(minimal: Project) -> None:
    unowned_letter(minimal)
    minimal.configure(docs_dir="elsewhere")
    checked = minimal.journeysite("check", "content", "--require-owner")
    assert (checked.returncode, check_errors(checked)) == (1, [UNOWNED])


def test_export_and_new_see_the_files_the_build_sees(minimal: Project) -> None:
    minimal.configure(exclude_docs="drafts/\n")
    minimal.write("drafts/half-done.md", BROKEN)
    minimal.write("drafts/pat.md", "---\ntype: persona\nname: Pat Draft\n---\n")
    exported = minimal.journeysite("export")
    assert exported.returncode == 0, exported.stderr
    assert "Pat Draft" not in exported.stdout
    assert "Nora Newcomer" in json.dumps(json.loads(exported.stdout))
    created = minimal.journeysite("new", "persona", "pat")
    assert created.stdout == "created content/personas/pat.md from the persona template\n"
    assert agree(minimal) == []


def test_diff_leaves_excluded_files_out(minimal: Project) -> None:
    minimal.configure(exclude_docs="drafts/\n")
    minimal.write("drafts/pat.md", "---\ntype: persona\nname: Pat Draft\n---\n")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "maps"]):
        minimal.run(
            "git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args, check=True
        )
    minimal.write("drafts/pat.md", "---\ntype: persona\nname: Pat Renamed\n---\n")
    minimal.write("drafts/sam.md", "---\ntype: persona\nname: Sam Draft\n---\n")
    result = minimal.journeysite("diff", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Pat" not in result.stdout and "Sam" not in result.stdout


def test_the_plugin_and_the_cli_read_the_same_project(minimal: Project) -> None:
    minimal.configure(
        {"limits": {"max_depth": 12, "max_list_length": 30}, "require_owner": True},
        exclude_docs="drafts/\n*.tmp.md\n",
        draft_docs="wip/\n",
    )
    config = load_config(str(minimal.root / "mkdocs.yml"))
    built = JourneysiteProject.of_build(config, config.plugins["journeysite"].config)
    read = JourneysiteProject.read(minimal.root)
    assert read == built
    assert read.docs_dir == minimal.content
    assert read.limits == Limits(max_depth=12, max_list_length=30)
    assert read.require_owner is True
    pages = read.selection.among(["a.md", "drafts/b.md", "c.tmp.md", "wip/d.md", "templates/e.md"])
    assert pages == {"a.md"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "site_name: [unclosed\n",
            "mkdocs.yml: MkDocs encountered an error parsing the configuration file: while parsing "
            "a flow sequence",
        ),
        ("- just\n- a list\n", "mkdocs.yml: the configuration is not a mapping of keys to values"),
        ("plugins: journeysite\n", "mkdocs.yml: Config value 'plugins': Expected a list or dict."),
        (
            "exclude_docs: [drafts/]\n",
            "mkdocs.yml: Config value 'exclude_docs': Expected a multiline string, but a <class "
            "'list'> was given.",
        ),
    ],
)
def test_an_unreadable_mkdocs_yml_is_one_line_and_exit_2(
    minimal: Project, text: str, message: str
) -> None:
    (minimal.root / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = minimal.journeysite("check")
    assert result.returncode == 2
    assert result.stderr.startswith(f"journeysite: error: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_without_mkdocs_yml_the_docs_dir_is_docs(tmp_path: Path) -> None:
    assert JourneysiteProject.read(tmp_path) == JourneysiteProject(tmp_path / "docs")
