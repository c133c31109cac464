"""Same input, same bytes: every file of two builds of the demo portal, on any day."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, Project


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _build(tmp_path: Path, name: str) -> dict[str, bytes]:
    site = tmp_path / name
    result = Project(REPO).mkdocs("build", "--strict", "-d", str(site))
    assert result.returncode == 0, result.stderr
    return _files(site)


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(
        path for path in first.keys() | second.keys() if first.get(path) != second.get(path)
    )


def test_two_builds_of_the_demo_are_byte_identical(tmp_path: Path) -> None:
    first = _build(tmp_path, "first")
    second = _build(tmp_path, "second")
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"} <= set(first)
    assert any(path.startswith("assets/journeysite/") for path in first)
    assert len(first) > 50
    assert _differences(first, second) == []


def test_the_day_of_the_build_changes_nothing(
    minimal: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The portfolio's review figures are relative to a reference day; a portal that wants the
    # same bytes on any day pins it (issue 6: `build_date`, else SOURCE_DATE_EPOCH). MkDocs' own
    # dates must then leak nowhere, whatever SOURCE_DATE_EPOCH says.
    minimal.configure({"build_date": "2026-11-01"}, site_url="https://maps.example/")
    minimal.build()
    today = _files(minimal.site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # MkDocs' build date: 2030-01-01
    minimal.build()
    assert _differences(today, _files(minimal.site)) == []
    sitemap = today["sitemap.xml"].decode()
    lastmod = dict(re.findall(r"<loc>([^<]*)</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?", sitemap))
    # A journey's page is dated by its last review; pages without a date of their own get none.
    assert lastmod["https://maps.example/journeys/onboarding/"] == "2026-05-01"
    assert lastmod["https://maps.example/personas/newcomer/"] == ""
    assert lastmod["https://maps.example/"] == ""
    assert gzip.decompress(today["sitemap.xml.gz"]).decode() == sitemap
