"""journeysite beside the plugins portals combine it with, each in a real `mkdocs build --strict`."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from tests.conftest import Project

GIT_DATE = "2026-03-14T12:00:00+00:00"


def _configure(project: Project, plugins: list, **extra: object) -> None:
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = plugins
    config.update(extra)
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def _strict_build(project: Project) -> None:
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def _commit_all(project: Project) -> None:
    env = {
        "GIT_AUTHOR_DATE": GIT_DATE,
        "GIT_COMMITTER_DATE": GIT_DATE,
        "GIT_AUTHOR_NAME": "Writer",
        "GIT_AUTHOR_EMAIL": "writer@example.org",
        "GIT_COMMITTER_NAME": "Writer",
        "GIT_COMMITTER_EMAIL": "writer@example.org",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Maps"]):
        project.run("git", *args, check=True, env=env)


@pytest.mark.parametrize("journeysite_first", [True, False])
def test_git_revision_date_shows_on_journey_pages(
    minimal: Project, journeysite_first: bool
) -> None:
    """The plugin reads each page's source file: a map keeps its path, a generated page has none."""
    git_dates = {
        "git-revision-date-localized": {"type": "iso_date", "fallback_to_build_date": False}
    }
    plugins = ["search", {"journeysite": {}}, git_dates]
    if not journeysite_first:
        plugins = ["search", git_dates, {"journeysite": {}}]
    _configure(minimal, plugins)
    _commit_all(minimal)
    _strict_build(minimal)
    journey = minimal.page("journeys/onboarding/")
    date = journey.select_one(".git-revision-date-localized-plugin")
    assert date is not None and date.get_text(strip=True) == "2026-03-14"
    assert journey.select_one(".jm-grid, .jm-stage, #stage-1") is not None  # still our page
    assert minimal.page("portfolio/").select_one(".jm-overview") is not None  # no source file


def test_print_site_page_holds_the_maps(minimal: Project) -> None:
    _configure(minimal, ["search", {"journeysite": {}}, "print-site"])
    _strict_build(minimal)
    printed = minimal.page("print_page/")
    text = printed.get_text(" ", strip=True)
    assert "Written by the research team." in text  # the writer's body
    assert "Bill is confusing" in text  # a generated section of the journey page
    assert "Power/interest grid" in text  # the generated stakeholder map
    charts = printed.select(".jm-chart[data-jm-options]")
    assert {c["id"] for c in charts} >= {"chart-stakeholders-grid"}
    assert all(c.find_parent("figure").select_one("table.jm-table") for c in charts)
    scripts = [s.get("src", "") for s in printed.select("script")]
    assert any(s.endswith("echarts.min.js") for s in scripts)  # charts are drawn here too


def test_blog_posts_are_left_alone(minimal: Project) -> None:
    minimal.write("blog/index.md", "# Blog\n")
    minimal.write(
        "blog/posts/hello.md",
        """
        ---
        date: 2026-02-01
        categories: [News]
        ---
        # Hello from the CX team

        We mapped onboarding.
        """,
    )
    _configure(minimal, ["search", {"journeysite": {}}, "blog"])
    _strict_build(minimal)
    post = minimal.page("blog/2026/02/01/hello-from-the-cx-team/")
    assert "We mapped onboarding." in post.get_text(" ", strip=True)
    assert post.select_one(".jm-page") is None
    assert "Hello from the CX team" in minimal.page("blog/").get_text(" ", strip=True)
    assert minimal.page("journeys/onboarding/").select_one(".jm-page") is not None


def test_a_moved_map_keeps_its_old_url(minimal: Project) -> None:
    _configure(
        minimal,
        [
            "search",
            {"journeysite": {}},
            {"redirects": {"redirect_maps": {"onboarding-2025.md": "journeys/onboarding.md"}}},
        ],
    )
    _strict_build(minimal)
    old = (minimal.site / "onboarding-2025" / "index.html").read_text(encoding="utf-8")
    assert "../journeys/onboarding/" in old
    assert minimal.page("journeys/onboarding/").select_one(".jm-page") is not None


def test_git_is_available() -> None:
    """The git-date test needs git on PATH, as a portal's CI does."""
    assert subprocess.run(["git", "--version"], capture_output=True).returncode == 0


def _bilingual(project: Project) -> None:
    """English and German (suffix structure): `discharge.de.md` translates `discharge.md`."""
    project.write("index.de.md", "# Start\n")
    project.write("personas/patient.md", "---\ntype: persona\nname: Pat Patient\n---\n")
    stages = "stages:\n  - name: {stage}\n    emotion: 2\n    pain_points: [{pain}]\n"
    project.write(
        "journeys/discharge.md",
        "---\ntype: journey\ntitle: Discharge day\npersona: patient\n"
        + stages.format(stage="Leave the ward", pain="Long wait for papers")
        + "---\nEnglish body.\n",
    )
    project.write(
        "journeys/discharge.de.md",
        "---\ntype: journey\ntitle: Entlassungstag\npersona: patient\n"
        + stages.format(stage="Station verlassen", pain="Lange Wartezeit auf Papiere")
        + "---\nDeutscher Text.\n",
    )
    languages = [
        {"locale": "en", "default": True, "name": "English", "build": True},
        {"locale": "de", "name": "Deutsch", "build": True},
    ]
    _configure(
        project,
        [
            "search",
            {"journeysite": {"build_date": "2026-08-10"}},
            {"i18n": {"docs_structure": "suffix", "languages": languages}},
        ],
        theme={"name": "material"},
    )


def test_static_i18n_builds_each_language_from_its_own_maps(project: Project) -> None:
    """`discharge.de.md` is the German `discharge`, not a second journey with a duplicate id."""
    _bilingual(project)
    _strict_build(project)
    english = project.page("journeys/discharge/").get_text(" ", strip=True)
    german = project.page("de/journeys/discharge/").get_text(" ", strip=True)
    assert "English body." in english and "Long wait for papers" in english
    assert "Entlassungstag" not in english
    assert "Deutscher Text." in german and "Lange Wartezeit auf Papiere" in german
    assert "Ist-Zustand" in german  # this language's labels
    portfolio = project.page("de/portfolio/")
    assert portfolio.html["lang"] == "de"
    assert "Zahlen zum 10.08.2026" in portfolio.get_text(" ", strip=True)
    assert "Lange Wartezeit auf Papiere" in project.page("de/portfolio/pain-points/").get_text()
    assert "Long wait for papers" in project.page("portfolio/pain-points/").get_text()
    index = project.page("de/journeys/").get_text(" ", strip=True)
    assert "1 Journey Map für 1 Persona." in index  # one map in German, not two


def test_check_reads_each_language_as_its_build_does(project: Project) -> None:
    """`journeysite check` on a bilingual portal: no duplicate ids, and a translation's own
    mistakes are reported at its own file and line."""
    _bilingual(project)
    result = project.journeysite("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr
    german = project.content / "journeys/discharge.de.md"
    german.write_text(
        german.read_text(encoding="utf-8").replace("persona: patient", "persona: patiant"),
        encoding="utf-8",
    )
    result = project.journeysite("check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/journeys/discharge.de.md:4: error: persona: unknown persona `patiant`; "
        "did you mean `patient`?"
    ]


def test_static_i18n_folder_structure_is_refused_with_a_message(minimal: Project) -> None:
    languages = [{"locale": "en", "default": True, "name": "English", "build": True}]
    _configure(
        minimal,
        [
            "search",
            {"journeysite": {}},
            {"i18n": {"docs_structure": "folder", "languages": languages}},
        ],
    )
    result = minimal.mkdocs("build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "journeysite works with mkdocs-static-i18n's `docs_structure: suffix`" in result.stderr
