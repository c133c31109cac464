"""Theme features that would show writers' text as HTML are turned off by the plugin."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Project


def material_features(project: Project, url_path: str) -> list[str]:
    config = project.page(url_path).select_one("script#__config").string
    return json.loads(config)["features"]


def test_content_tooltips_is_turned_off_and_said_so(
    minimal: Project, caplog: pytest.LogCaptureFixture
) -> None:
    minimal.configure(
        theme={
            "name": "material",
            "features": ["navigation.instant", "content.tooltips", "search.highlight"],
        }
    )
    minimal.build()
    assert material_features(minimal, "journeys/onboarding/") == [
        "navigation.instant",
        "search.highlight",
    ]
    assert "turned off content.tooltips: it shows writers' text as HTML" in caplog.text


def test_other_features_are_left_alone(minimal: Project, caplog: pytest.LogCaptureFixture) -> None:
    minimal.build()
    assert material_features(minimal, "") == ["navigation.instant", "navigation.indexes"]
    assert "turned off" not in caplog.text
