"""The pre-commit hook and the example GitHub workflow run the commands they name, as written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import yaml

from tests.conftest import REPO, Project
from tests.test_diff import ONBOARDING, git


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hooks == [
        {
            "id": "journeysite-check",
            "name": "journeysite check",
            "description": "Validate journey maps, personas and stakeholders (every error with "
            "file:line).",
            "entry": "journeysite check",
            "language": "python",
            "pass_filenames": False,
            "files": r"\.md$",
        }
    ]


def steps() -> dict[str, dict]:
    workflow = yaml.safe_load((REPO / "examples/github-workflow.yml").read_text())
    return {step.get("name", step.get("uses")): step for step in workflow["jobs"]["maps"]["steps"]}


def run_step(project: Project, step: dict, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A step's `run` script through bash, with `journeysite` on PATH as in the workflow."""
    bin_dir = project.root.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "journeysite"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m journeysite.cli "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    full_env = {
        **os.environ,
        **{k: str(v) for k, v in step.get("env", {}).items()},
        **env,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", step["run"]],
        cwd=project.root,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_workflow_steps_run_on_a_pull_request_checkout(minimal: Project) -> None:
    git(minimal, "init", "-q", "-b", "main")
    git(minimal, "add", "-A")
    git(minimal, "commit", "-q", "-m", "Maps")
    git(minimal, "update-ref", "refs/remotes/origin/main", "main")
    git(minimal, "checkout", "-q", "-b", "pr")
    minimal.write("journeys/onboarding.md", ONBOARDING.replace("emotion: 4", "emotion: 1"))
    git(minimal, "commit", "-q", "-am", "Sign up hurts")

    found = steps()
    assert list(found) == [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "Install journeysite",
        "Diff the maps against the base branch",
        "Post the diff as a comment",
        "Check the maps",
        "Build the site",
        "Upload the site",
    ]
    assert found["actions/checkout@v4"]["with"] == {"fetch-depth": 0}
    diff = run_step(minimal, found["Diff the maps against the base branch"], {"BASE": "main"})
    assert diff.returncode == 0, diff.stderr
    comment = (minimal.root / "journeysite-diff.md").read_text()
    assert comment.startswith("<!-- journeysite-diff -->\n### Journey map changes\n")
    assert "| Sign up | Emotion | 4 (positive) | 1 (very negative) |" in comment

    check = run_step(minimal, found["Check the maps"], {})
    assert (check.returncode, check.stdout) == (0, "")
    minimal.write("journeys/onboarding.md", ONBOARDING.replace("emotion: 4", "emotion: 0"))
    failed = run_step(minimal, found["Check the maps"], {})
    assert failed.returncode == 1
    assert failed.stdout.startswith("::error file=content/journeys/onboarding.md,line=11,")
    assert found["Build the site"]["run"] == "mkdocs build --strict"
