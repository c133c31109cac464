"""The pre-commit hook and the example GitHub workflow do what they promise, run as written: the
tests read both files and run their commands the way pre-commit and GitHub Actions would."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from tests.conftest import REPO, Project
from tests.test_diff import ONBOARDING, git

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EMOTION_0 = "content/journeys/onboarding.md:11: error: stages[0].emotion: must be between 1 and 5"


def installed(project: Project) -> dict[str, str]:
    """The environment of a shell where this package and MkDocs are installed: a bin directory
    with the console scripts pip would write for them, first on PATH."""
    bin_dir = project.root.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    scripts = dict(PYPROJECT["scripts"])
    (mkdocs,) = entry_points(group="console_scripts", name="mkdocs")
    scripts["mkdocs"] = mkdocs.value
    for name, target in scripts.items():
        module, function = target.split(":")
        script = bin_dir / name
        script.write_text(
            f"#!{sys.executable}\nimport sys\nfrom {module} import {function}\n"
            f"sys.exit({function}())\n",
            encoding="utf-8",
        )
        script.chmod(0o755)
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),  # the checkout under test, where another copy is installed
    }


# --- the pre-commit hook ----------------------------------------------------------------------


def hook() -> dict:
    (only,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return only


def run_hook(project: Project) -> subprocess.CompletedProcess[str]:
    """The hook as `pre-commit run --all-files` runs it: its entry split like a shell would,
    its args, and the matching files unless `pass_filenames` is false; no shell involved."""
    definition = hook()
    files = [f for f in git(project, "ls-files").splitlines() if matches(definition, f)]
    assert files, "pre-commit skips a hook that no file matches"
    command = [*shlex.split(definition["entry"]), *definition.get("args", [])]
    if definition.get("pass_filenames", True):
        command += files
    return subprocess.run(
        command, cwd=project.root, env=installed(project), capture_output=True, text=True
    )


def matches(definition: dict, path: str) -> bool:
    """Whether pre-commit gives `path` to the hook (its `files` and `exclude` patterns)."""
    return bool(re.search(definition.get("files", ""), path)) and not re.search(
        definition.get("exclude", "^$"), path
    )


def test_the_hook_runs_on_the_maps_and_only_on_them(minimal: Project) -> None:
    definition = hook()
    assert definition["language"] == "python"  # pre-commit pip-installs this repository
    assert shlex.split(definition["entry"])[0] in PYPROJECT["scripts"]
    maps = [p.relative_to(minimal.root).as_posix() for p in minimal.content.rglob("*.md")]
    assert len(maps) == 4
    assert all(matches(definition, path) for path in maps)
    others = ["mkdocs.yml", "content/assets/logo.png", "content/journeys/onboarding.md.orig"]
    assert not any(matches(definition, path) for path in others)


def test_the_hook_passes_a_clean_project_and_fails_with_file_and_line(minimal: Project) -> None:
    git(minimal, "init", "-q")
    git(minimal, "add", "-A")
    clean = run_hook(minimal)
    assert (clean.returncode, clean.stdout) == (0, "")
    assert "0 errors" in clean.stderr
    minimal.write("journeys/onboarding.md", ONBOARDING.replace("emotion: 4", "emotion: 0"))
    broken = run_hook(minimal)
    assert broken.returncode == 1
    assert broken.stdout == f"{EMOTION_0} (got 0)\n"


# --- the example GitHub workflow ----------------------------------------------------------------


def steps() -> dict[str, dict]:
    workflow = yaml.safe_load((REPO / "examples/github-workflow.yml").read_text(encoding="utf-8"))
    found = workflow["jobs"]["maps"]["steps"]
    job_env = workflow["jobs"]["maps"].get("env", {})
    return {
        step.get("name", step.get("uses")): {**step, "env": {**job_env, **step.get("env", {})}}
        for step in found
    }


def run_step(project: Project, step: dict, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A step's `run` script as GitHub runs it: bash -e -o pipefail, the job's and the step's
    env (with `env` standing in for the expressions GitHub fills in)."""
    full_env = {**installed(project), **{k: str(v) for k, v in step["env"].items()}, **env}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=project.root,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def checkout(origin: Project, branch: str, options: dict, where: Path) -> Project:
    """The pull request's branch cloned as actions/checkout clones it with these `with` options:
    `fetch-depth: 0` fetches every branch with its history, N only the last N commits of one."""
    depth = int(options.get("fetch-depth", 1))
    shallow = ["--depth", str(depth), "--single-branch"] if depth else []
    url = origin.root.as_uri()
    subprocess.run(
        ["git", "clone", "-q", *shallow, "--branch", branch, url, str(where)],
        check=True,
        capture_output=True,
    )
    return Project(where)


def test_workflow_steps_run_on_a_pull_request_checkout(minimal: Project, tmp_path: Path) -> None:
    git(minimal, "init", "-q", "-b", "main")
    git(minimal, "add", "-A")
    git(minimal, "commit", "-q", "-m", "Maps")
    git(minimal, "checkout", "-q", "-b", "pr")
    minimal.write("journeys/onboarding.md", ONBOARDING.replace("emotion: 4", "emotion: 1"))
    git(minimal, "commit", "-q", "-am", "Sign up hurts")

    found = steps()
    order = list(found)
    diff_step = found["Diff the maps against the base branch"]
    check_step, build_step = found["Check the maps"], found["Build the site"]
    # The diff comes first, so reviewers get it even when the check fails.
    assert order.index(diff_step["name"]) < order.index(check_step["name"])
    assert order.index(check_step["name"]) < order.index(build_step["name"])
    install = shlex.split(found["Install journeysite"]["run"])
    assert install[:2] == ["pip", "install"] and install[-1] == PYPROJECT["name"]

    pr = checkout(minimal, "pr", found[order[0]]["with"], tmp_path / "checkout")
    diff = run_step(pr, diff_step, {"BASE": "main"})
    assert diff.returncode == 0, diff.stderr
    comment = (pr.root / "journeysite-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- journeysite-diff -->\n### Journey map changes\n")
    assert "| Sign up | Emotion | 4 (positive) | 1 (very negative) |" in comment

    check = run_step(pr, check_step, {})
    assert (check.returncode, check.stdout) == (0, "")
    built = run_step(pr, build_step, {})
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    site = pr.root / found["Upload the site"]["with"]["path"]
    assert (site / "journeys/onboarding/index.html").is_file()

    pr.write("journeys/onboarding.md", ONBOARDING.replace("emotion: 4", "emotion: 0"))
    failed = run_step(pr, check_step, {})
    assert failed.returncode == 1
    assert failed.stdout == (
        "::error file=content/journeys/onboarding.md,line=11,col=14,title=journeysite out-of-range"
        "::stages[0].emotion: must be between 1 and 5 (got 0)\n"
    )
    assert run_step(pr, build_step, {}).returncode == 1


def test_a_shallow_checkout_could_not_diff(minimal: Project, tmp_path: Path) -> None:
    """Why the workflow asks actions/checkout for the whole history (`fetch-depth: 0`)."""
    git(minimal, "init", "-q", "-b", "main")
    git(minimal, "add", "-A")
    git(minimal, "commit", "-q", "-m", "Maps")
    git(minimal, "checkout", "-q", "-b", "pr")
    pr = checkout(minimal, "pr", {"fetch-depth": 1}, tmp_path / "checkout")
    diff = run_step(pr, steps()["Diff the maps against the base branch"], {"BASE": "main"})
    assert diff.returncode == 2
    assert diff.stderr == "journeysite: error: unknown revision `origin/main`\n"
