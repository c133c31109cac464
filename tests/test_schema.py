"""`journeysite schema`: the committed schema is the command's output, and the editor setup the docs
recommend (remark-cli + remark-lint-frontmatter-schema, from npm) really accepts and rejects files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Project

NODE_DEPS = REPO / "tests/schema"


def test_committed_schema_is_the_commands_output(project: Project) -> None:
    result = project.journeysite("schema")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (REPO / "schema/journeysite.schema.json").read_text(encoding="utf-8")
    written = project.journeysite("schema", "-o", "out.json")
    assert written.returncode == 0 and written.stdout == ""
    assert (project.root / "out.json").read_text(encoding="utf-8") == result.stdout


def test_schema_is_one_discriminated_union_of_the_six_types(project: Project) -> None:
    schema = json.loads(project.journeysite("schema").stdout)
    assert schema["discriminator"] == {"propertyName": "type"}
    assert schema["oneOf"] == [
        {"$ref": "#/$defs/Journey"},
        {"$ref": "#/$defs/Persona"},
        {"$ref": "#/$defs/Stakeholder"},
        {"$ref": "#/$defs/Framework"},
        {"$ref": "#/$defs/Opportunity"},
        {"$ref": "#/$defs/Solution"},
    ]
    assert schema["$defs"]["Opportunity"]["required"] == [
        "type",
        "title",
        "impact",
        "effort",
        "moments",
    ]
    assert schema["$defs"]["Moment"]["oneOf"] == [
        {"required": ["stage"]},
        {"required": ["touchpoint"]},
    ]
    assert schema["$defs"]["Solution"]["properties"]["due"]["format"] == "date"
    journey = schema["$defs"]["Journey"]
    assert journey["required"] == ["type", "title", "persona", "stages"]
    assert journey["additionalProperties"] is False
    emotion = schema["$defs"]["Stage"]["properties"]["emotion"]
    assert (emotion["type"], emotion["minimum"], emotion["maximum"]) == (["integer", "null"], 1, 5)
    pain_point = schema["$defs"]["Stage"]["properties"]["pain_points"]["items"]["anyOf"]
    assert pain_point[0] == {"type": "string"}
    assert pain_point[1]["required"] == ["text"]
    assert schema["$defs"]["Relationship"]["required"] == ["with", "kind"]
    assert "$schema" not in schema  # Ajv's draft-07 build refuses a 2020-12 declaration


@pytest.fixture(scope="session")
def remark() -> Path:
    """remark-cli and the lint rule from tests/schema/package-lock.json (`npm ci` when missing)."""
    binary = NODE_DEPS / "node_modules/.bin/remark"
    if not binary.exists():
        npm = shutil.which("npm")
        assert npm, "the editor-setup test needs Node.js and npm (apt-get install nodejs npm)"
        subprocess.run(
            [npm, "ci", "--prefix", str(NODE_DEPS), "--no-audit", "--no-fund"], check=True
        )
    return binary


def editor_project(tmp_path: Path) -> Path:
    """A portal laid out as the docs describe, with the example config copied verbatim."""
    root = tmp_path / "portal"
    (root / "docs").mkdir(parents=True)
    shutil.copy(REPO / "examples/remarkrc.mjs", root / ".remarkrc.mjs")
    (root / "node_modules").symlink_to(NODE_DEPS / "node_modules")
    return root


def run_remark(remark: Path, root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    return subprocess.run(
        [str(remark), "--frail", "--no-stdout", "--no-color", "docs/"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_remark_accepts_every_demo_map_and_rejects_mistakes(remark: Path, tmp_path: Path) -> None:
    root = editor_project(tmp_path)
    subprocess.run(  # into a folder that does not exist yet, as the docs say
        [
            sys.executable,
            "-m",
            "journeysite.cli",
            "schema",
            "-o",
            "schema/journeysite.schema.json",
        ],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    for folder in ("journeys", "personas", "stakeholders"):
        shutil.copytree(REPO / "content" / folder, root / "docs" / folder)
    (root / "docs/index.md").write_text("---\ntitle: Home\nhide: [toc]\n---\n# Home\n")

    clean = run_remark(remark, root)
    assert clean.returncode == 0, clean.stderr
    assert "warning" not in clean.stderr

    (root / "docs/journeys/broken.md").write_text(
        "---\ntype: journey\ntitle: Broken\npersona: retired-homeowner\nstages:\n"
        "  - name: Sign up\n    emotion: 7\n    touchpoints:\n      - name: Form\n"
        "        channel: webb\n---\n"
    )
    (root / "docs/personas/nameless.md").write_text("---\ntype: persona\nsegment: Renters\n---\n")
    broken = run_remark(remark, root)
    assert broken.returncode == 1
    schema_path = str(root / "schema/journeysite.schema.json")
    report = re.sub(r"\s+", " ", broken.stderr.replace(schema_path, "SCHEMA"))
    assert (
        "docs/journeys/broken.md 7:14-7:15 warning Must be <= 5 • SCHEMA • "
        "#/properties/emotion/maximum" in report
    )
    assert (
        "10:18-10:22 warning Must be equal to one of the allowed values: `web`, `mobile-app`, "
        "`email`, `phone`, `chat`, `social`, `in-person`, `mail`, `ads`, `review-site`, `other`"
        in report
    )
    assert "docs/personas/nameless.md warning Must have required property 'name'" in report
    assert "⚠ 3 warnings" in report


def _properties(node: object, path: str = "") -> list[tuple[str, dict]]:
    """Every property of every object in the schema, with where it is."""
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            found.append((f"{path}.{name}", value))
        for key, value in node.items():
            found += _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _properties(value, f"{path}[{index}]")
    return found


def test_every_property_has_help_with_an_example(project: Project) -> None:
    """Editors show a field's description as its help: none may be missing."""
    schema = json.loads(project.journeysite("schema").stdout)
    properties = _properties(schema)
    assert len(properties) > 80
    missing = [
        where for where, value in properties if "Example:" not in value.get("description", "")
    ]
    assert missing == []
    for where, value in properties:
        allowed = [v for v in value.get("enum", []) if v is not None]
        assert all(str(v) in value["description"] for v in allowed), where
    channel = schema["$defs"]["Touchpoint"]["properties"]["channel"]["description"]
    assert "One of: web, mobile-app, email" in channel and channel.endswith("Example: web")
