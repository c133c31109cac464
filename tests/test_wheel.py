"""The built wheel, installed into a fresh virtual environment, builds a portal outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, dedent


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _installed(tmp_path: Path) -> tuple[Path, Path]:
    """(wheel, venv): the wheel built from this checkout, installed into a fresh environment."""
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO)
    wheel = next(dist.glob("journeysite-*.whl"))
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin/python", "-m", "pip", "install", "-q", wheel)
    return wheel, venv


def test_wheel_builds_a_portal_elsewhere(tmp_path: Path) -> None:
    wheel, venv = _installed(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    for language in ("en", "de", "fr", "es", "nl", "pt"):
        assert f"journeysite/locales/{language}/LC_MESSAGES/journeysite.po" in names

    portal = tmp_path / "my-portal"
    (portal / "docs/maps").mkdir(parents=True)
    (portal / "mkdocs.yml").write_text(
        "site_name: Elsewhere\ntheme:\n  name: material\nplugins:\n  - search\n  - journeysite\n"
    )
    (portal / "docs/index.md").write_text("# Elsewhere\n")
    (portal / "docs/maps/pat.md").write_text(
        dedent("""
        ---
        type: persona
        name: Pat
        ---
    """)
    )
    (portal / "docs/maps/renewal.md").write_text(
        dedent("""
        ---
        type: journey
        title: Renewal
        persona: pat
        stages:
          - name: Reminder
            emotion: 2
        ---
    """)
    )
    run(venv / "bin/mkdocs", "build", "--strict", cwd=portal)

    where = run(
        venv / "bin/python", "-c", "import journeysite; print(journeysite.__file__)", cwd=portal
    )
    assert where.stdout.startswith(str(venv))
    page = (portal / "site/maps/renewal/index.html").read_text()
    assert 'class="jm-lane__point jm-lane__point--stage" data-stage="0"' in page
    assert (portal / "site/assets/journeysite/vendor/html-to-image/LICENSE").is_file()
    assert (portal / "site/assets/journeysite/vendor/echarts/echarts.min.js").is_file()
    assert (portal / "site/assets/journeysite/vendor/echarts/NOTICE").is_file()
    assert (portal / "site/assets/journeysite/vendor/echarts/LICENSE").is_file()
    assert (portal / "site/journeys/index.html").is_file()
    check = subprocess.run(
        [venv / "bin/journeysite", "check", "docs"], cwd=portal, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    # The scaffold templates ship inside the wheel: `new` works outside the repo, and passes check.
    churn = ["journey", "churn", "--template", "customer-churn", "--persona", "pat"]
    new = subprocess.run(
        [venv / "bin/journeysite", "new", *churn],
        cwd=portal,
        capture_output=True,
        text=True,
    )
    assert new.stderr == ""
    assert new.stdout == "created docs/journeys/churn.md from the customer-churn template\n"
    recheck = subprocess.run(
        [venv / "bin/journeysite", "check", "docs"], cwd=portal, capture_output=True, text=True
    )
    assert recheck.returncode == 0, recheck.stdout

    # The catalogs ship inside the wheel: the same portal in German.
    mkdocs_yml = (portal / "mkdocs.yml").read_text()
    (portal / "mkdocs.yml").write_text(
        mkdocs_yml.replace("name: material", "name: material\n  language: de")
    )
    run(venv / "bin/mkdocs", "build", "--strict", cwd=portal)
    assert "Stakeholder-Map" in (portal / "site/stakeholders/index.html").read_text()


def test_wheel_builds_a_techdocs_portal(tmp_path: Path) -> None:
    """Backstage TechDocs builds with mkdocs-techdocs-core's plugin and its Material settings."""
    _, venv = _installed(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    got = subprocess.run(
        [venv / "bin/python", "-m", "pip", "install", "-q", "mkdocs-techdocs-core"],
        capture_output=True,
        text=True,
        env=env,
    )
    if got.returncode != 0 and "No matching distribution" in got.stderr:
        pytest.skip("mkdocs-techdocs-core is not available from this machine's package index")
    assert got.returncode == 0, got.stderr
    portal = tmp_path / "techdocs-portal"
    (portal / "docs").mkdir(parents=True)
    (portal / "mkdocs.yml").write_text(
        "site_name: TechDocs\nplugins:\n  - techdocs-core\n  - journeysite\n"
    )
    (portal / "docs/index.md").write_text("# TechDocs\n")
    (portal / "docs/pat.md").write_text("---\ntype: persona\nname: Pat\n---\n")
    (portal / "docs/renewal.md").write_text(
        "---\ntype: journey\ntitle: Renewal\npersona: pat\nstages:\n  - name: Reminder\n"
        "    emotion: 2\n---\n"
    )
    run(venv / "bin/mkdocs", "build", "--strict", cwd=portal)
    page = (portal / "site/renewal/index.html").read_text()
    assert "jm-lane__point" in page  # the emotion lane, drawn at build time
    assert "jm-grid" in page or 'id="stage-1"' in page
