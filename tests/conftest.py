"""Fixtures that build real portals: a temp project with mkdocs.yml and content, built by MkDocs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def mkdocs_yml(plugin_config: dict | None = None, **extra: object) -> str:
    config: dict = {
        "site_name": "Test portal",
        "docs_dir": "content",
        "site_dir": "site",
        "theme": {"name": "material", "features": ["navigation.instant", "navigation.indexes"]},
        "plugins": ["search", {"journeysite": plugin_config or {}}],
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
    }
    config.update(extra)
    return yaml.safe_dump(config, sort_keys=False)


@dataclass
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, path: str, text: str) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dedent(text), encoding="utf-8")
        return target

    def write_bytes(self, path: str, data: bytes) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def configure(self, plugin_config: dict | None = None, **extra: object) -> None:
        (self.root / "mkdocs.yml").write_text(mkdocs_yml(plugin_config, **extra), encoding="utf-8")

    def build(self) -> None:
        """Build in-process with MkDocs' own API (fast, real); raises on a failed build."""
        config = load_config(str(self.root / "mkdocs.yml"))
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
        finally:
            os.chdir(cwd)

    def run(
        self, *args: str, check: bool = False, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """A command as a user would run it, in the project directory (`env` added to ours)."""
        # Subprocesses import the checkout under test, even where another copy is installed.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **(env or {})}
        return subprocess.run(
            list(args), cwd=self.root, capture_output=True, text=True, env=env, check=check
        )

    def mkdocs(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "mkdocs", *args)

    def built_files(
        self, site: Path, hash_seed: int, *args: str, env: dict[str, str] | None = None
    ) -> dict[str, bytes]:
        """Every file `mkdocs build` wrote to `site`, built in a fresh interpreter whose string
        hashes (and so set and dict orders of strings) follow `hash_seed`."""
        result = self.run(
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-d",
            str(site),
            *args,
            env={**(env or {}), "PYTHONHASHSEED": str(hash_seed)},
        )
        assert result.returncode == 0, result.stderr
        return {
            p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()
        }

    def journeysite(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "journeysite.cli", *args)

    def page(self, url_path: str) -> BeautifulSoup:
        path = self.site / url_path
        if path.is_dir() or url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty portal project with the default configuration."""
    proj = Project(tmp_path / "portal")
    proj.content.mkdir(parents=True)
    proj.configure()
    proj.write("index.md", "# Home\n\nWelcome.\n")
    return proj


@pytest.fixture
def minimal(project: Project) -> Project:
    """A valid portal: one persona, one stakeholder, one journey."""
    project.write(
        "personas/newcomer.md",
        """
        ---
        type: persona
        name: Nora Newcomer
        segment: Households
        quote: I just want it to work.
        goals: [Get connected fast]
        ---
        Nora moved house last month.
        """,
    )
    project.write(
        "stakeholders/care.md",
        """
        ---
        type: stakeholder
        name: Customer Care
        kind: team
        influence: 4
        interest: 5
        ---
        """,
    )
    project.write(
        "journeys/onboarding.md",
        """
        ---
        type: journey
        title: Onboarding
        persona: newcomer
        owner: care
        status: validated
        reviewed: 2026-05-01
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
        ## Notes

        Written by the research team.
        """,
    )
    return project


@pytest.fixture(autouse=True)
def _quiet_mkdocs_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs")


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """The paths whose bytes differ, or that only one of two builds wrote."""
    return sorted(
        path for path in first.keys() | second.keys() if first.get(path) != second.get(path)
    )


def chart_options(page: BeautifulSoup, chart_id: str) -> dict:
    """The ECharts options of a chart element, as the initialiser reads them (data-jm-options)."""
    return json.loads(page.select_one(f"#{chart_id}")["data-jm-options"])
