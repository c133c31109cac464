"""Same input, same bytes: every file of two builds, in two interpreters with different hash
seeds (so no set or dict order of strings leaks into a page), on any day."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, Project, differences


def test_two_builds_of_the_demo_are_byte_identical(tmp_path: Path) -> None:
    demo = Project(REPO)
    first = demo.built_files(tmp_path / "first", 1, "--strict")
    second = demo.built_files(tmp_path / "second", 2, "--strict")
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"} <= set(first)
    assert any(path.startswith("assets/journeysite/") for path in first)
    assert len(first) > 50
    assert differences(first, second) == []


def test_the_day_of_the_build_changes_nothing(
    minimal: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The portfolio's review figures are relative to a reference day; a portal that wants the
    # same bytes on any day pins it (issue 6: `build_date`, else SOURCE_DATE_EPOCH). MkDocs' own
    # dates must then leak nowhere, whatever SOURCE_DATE_EPOCH says.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    minimal.configure({"build_date": "2026-11-01"}, site_url="https://maps.example/")
    today = minimal.built_files(tmp_path / "today", 1)
    # MkDocs' build date: 2030-01-01.
    later = minimal.built_files(tmp_path / "later", 2, env={"SOURCE_DATE_EPOCH": "1893456000"})
    assert differences(today, later) == []
    sitemap = today["sitemap.xml"].decode()
    lastmod = dict(re.findall(r"<loc>([^<]*)</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?", sitemap))
    # A journey's page is dated by its last review; pages without a date of their own get none.
    assert lastmod["https://maps.example/journeys/onboarding/"] == "2026-05-01"
    assert lastmod["https://maps.example/personas/newcomer/"] == ""
    assert lastmod["https://maps.example/"] == ""
    assert gzip.decompress(today["sitemap.xml.gz"]).decode() == sitemap
