"""Fail safe: a failed build leaves the last good site byte for byte; `mkdocs serve` keeps serving
good pages through a bad edit and recovers when it is fixed."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from tests.conftest import Project
from tests.site_server import MkDocsServer, mkdocs_serve

BROKEN_JOURNEY = '---\ntype: journey\ntitle: "Onboarding\npersona: newcomer\n---\n'
BROKEN_ERROR = (
    "content/journeys/onboarding.md:3: error: invalid YAML: found unexpected end of stream while "
    "scanning a quoted scalar"
)


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(project: Project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(".journeysite-"))


def build(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return project.mkdocs("build", *args)


def test_failed_build_keeps_the_last_good_site(minimal: Project) -> None:
    assert build(minimal).returncode == 0
    good = snapshot(minimal.site)
    assert "journeys/onboarding/index.html" in good
    minimal.write("journeys/onboarding.md", BROKEN_JOURNEY)
    minimal.write("journeys/new.md", "---\ntype: journey\ntitle: New\npersona: newcomer\n---\n")
    failed = build(minimal)
    assert failed.returncode == 1
    assert BROKEN_ERROR in failed.stderr
    assert snapshot(minimal.site) == good
    assert leftovers(minimal) == []
    minimal.write(
        "journeys/onboarding.md",
        "---\ntype: journey\ntitle: Onboarding again\npersona: newcomer\nstages: [{name: A}]\n---\n",
    )
    minimal.write(
        "journeys/new.md",
        "---\ntype: journey\ntitle: New\npersona: newcomer\nstages: [{name: B}]\n---\n",
    )
    assert build(minimal).returncode == 0
    assert snapshot(minimal.site) != good
    assert minimal.page("journeys/onboarding/").select_one("article h1").get_text() == (
        "Onboarding again"
    )
    assert (minimal.site / "journeys/new/index.html").is_file()
    assert leftovers(minimal) == []


def test_strict_mode_warning_keeps_the_last_good_site(minimal: Project) -> None:
    assert build(minimal, "--strict").returncode == 0
    good = snapshot(minimal.site)
    minimal.write("index.md", "# Home\n\nSee [the plan](plan.md).\n")
    failed = build(minimal, "--strict")
    assert failed.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in failed.stdout
    assert snapshot(minimal.site) == good
    assert leftovers(minimal) == []


def test_a_crash_half_way_through_writing_pages_keeps_the_last_good_site(
    minimal: Project,
) -> None:
    """Another part of the build (here a hook) fails after pages were written: the half-written
    site never replaces the good one."""
    assert build(minimal).returncode == 0
    good = snapshot(minimal.site)
    (minimal.root / "crash.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    if page.file.src_uri == 'personas/newcomer.md':\n"
        "        raise RuntimeError('disk full')\n"
        "    return output\n",
        encoding="utf-8",
    )
    minimal.configure(hooks=["crash.py"])
    failed = build(minimal)
    assert failed.returncode == 1
    assert "disk full" in failed.stderr
    assert snapshot(minimal.site) == good
    assert leftovers(minimal) == []


def test_hidden_entries_of_the_site_dir_are_kept(minimal: Project) -> None:
    """As MkDocs keeps them when it cleans site_dir (a gh-pages checkout's .git)."""
    (minimal.site / ".git").mkdir(parents=True)
    (minimal.site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (minimal.site / "stale.html").write_text("old", encoding="utf-8")
    assert build(minimal).returncode == 0
    assert (minimal.site / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert not (minimal.site / "stale.html").exists()
    assert (minimal.site / "journeys/onboarding/index.html").is_file()


def test_a_build_stopped_between_the_two_renames_is_recovered(minimal: Project) -> None:
    assert build(minimal).returncode == 0
    good = snapshot(minimal.site)
    aside = minimal.root / ".journeysite-old-site"
    os.rename(minimal.site, aside)  # where a killed swap leaves the old site
    minimal.write("journeys/onboarding.md", BROKEN_JOURNEY)
    assert build(minimal).returncode == 1
    assert snapshot(minimal.site) == good
    assert leftovers(minimal) == []


def test_a_site_dir_that_is_a_link_stays_a_link(minimal: Project, tmp_path: Path) -> None:
    published = tmp_path / "published"
    published.mkdir()
    os.symlink(published, minimal.site)
    assert build(minimal).returncode == 0
    assert minimal.site.is_symlink()
    good = snapshot(published)
    assert "journeys/onboarding/index.html" in good
    minimal.write("journeys/onboarding.md", BROKEN_JOURNEY)
    assert build(minimal).returncode == 1
    assert snapshot(published) == good
    assert leftovers(minimal) == []


def test_dirty_builds_still_build_in_place(minimal: Project) -> None:
    assert build(minimal).returncode == 0
    assert build(minimal, "--dirty").returncode == 0
    assert (minimal.site / "journeys/onboarding/index.html").is_file()
    assert leftovers(minimal) == []


# --- mkdocs serve -----------------------------------------------------------------------------


def title(server: MkDocsServer, path: str) -> str:
    status, html = server.get(path)
    if status != 200:
        return f"HTTP {status}"
    start = html.find("<h1")
    return html[html.find(">", start) + 1 : html.find("</h1>", start)] if start >= 0 else ""


def test_serve_shows_the_error_on_the_broken_page_and_keeps_the_others(minimal: Project) -> None:
    with mkdocs_serve(minimal) as server:
        assert title(server, "journeys/onboarding/") == "Onboarding"
        minimal.write("journeys/onboarding.md", BROKEN_JOURNEY)
        server.wait_for(
            "the error panel",
            lambda: BROKEN_ERROR in server.get("journeys/onboarding/")[1],
        )
        assert title(server, "personas/newcomer/") == "Nora Newcomer"
        assert title(server, "stakeholders/care/") == "Customer Care"
        assert server.get("")[0] == 200
        minimal.write(
            "journeys/onboarding.md",
            "---\ntype: journey\ntitle: Onboarding fixed\npersona: newcomer\n"
            "stages: [{name: A}]\n---\n",
        )
        server.wait_for(
            "the fixed page", lambda: title(server, "journeys/onboarding/") == "Onboarding fixed"
        )
        assert "jm-errors" not in server.get("journeys/onboarding/")[1]


def test_serve_survives_hostile_edits_and_recovers(minimal: Project) -> None:
    """An alias bomb, a 50 MB file and 100 000 levels of nesting saved while serving: the server
    keeps answering, each broken page shows its error, the others stay good; reverting heals."""
    good = (minimal.content / "journeys/onboarding.md").read_text(encoding="utf-8")
    with mkdocs_serve(minimal) as server:
        bomb = "".join(
            f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}" if n else "x"] * 9) + "]\n"
            for n in range(10)
        )
        minimal.write("journeys/onboarding.md", "---\ntype: journey\n" + bomb + "---\n")
        minimal.write("personas/deep.md", "---\ntype: persona\nname: " + "[" * 100_000 + "\n---\n")
        with (minimal.content / "personas/huge.md").open("w", encoding="utf-8") as out:
            out.write("---\ntype: persona\nname: " + "x" * 50_000_000 + "\n---\n")
        server.wait_for(
            "the error pages",
            lambda: (
                "(max_values)" in server.get("journeys/onboarding/")[1]
                and "(max_depth)" in server.get("personas/deep/")[1]
                and "(max_file_bytes)" in server.get("personas/huge/")[1]
            ),
        )
        assert title(server, "personas/newcomer/") == "Nora Newcomer"
        assert title(server, "stakeholders/care/") == "Customer Care"
        minimal.write("journeys/onboarding.md", good)
        (minimal.content / "personas/deep.md").unlink()
        (minimal.content / "personas/huge.md").unlink()
        server.wait_for(
            "the healed portal",
            lambda: (
                title(server, "journeys/onboarding/") == "Onboarding"
                and server.get("personas/huge/")[0] == 404
            ),
        )
