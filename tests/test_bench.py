"""The benchmark's synthetic portfolio: deterministic, realistic in shape, and valid."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from journeysite.content.tree import load_directory
from tests.conftest import REPO, Project

_spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench/generate.py")
assert _spec is not None and _spec.loader is not None
_generate_module = sys.modules["bench_generate"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_generate_module)
generate = _generate_module.generate


def _files(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*.md")}


def test_same_size_and_seed_give_the_same_bytes(tmp_path: Path) -> None:
    size = generate(40, tmp_path / "a")
    generate(40, tmp_path / "b")
    first = _files(tmp_path / "a")
    assert first == _files(tmp_path / "b")
    assert (size.journeys, size.personas, size.stakeholders) == (40, 8, 4)
    assert len([p for p in first if p.startswith("journeys/")]) == 40
    generate(40, tmp_path / "c", seed=9)
    assert _files(tmp_path / "c") != first


def test_generated_portfolio_is_valid_and_journeys_have_the_stated_shape(tmp_path: Path) -> None:
    project = Project(tmp_path)
    generate(60, project.content)
    result = project.journeysite("check", "content")
    assert result.returncode == 0, result.stdout
    assert (
        "checked 140 files: 60 journeys, 12 personas, 6 stakeholders, 1 frameworks, "
        "30 opportunities, 30 solutions; 0 errors, 0 warnings"
    ) in result.stderr
    portal = load_directory(project.content).portal
    for journey in portal.journeys.values():
        model = journey.model
        assert len(model.stages) == 5
        assert [len(stage.touchpoints) for stage in model.stages] == [3, 3, 3, 3, 3]
        assert model.kpis and model.sources
    segments = [p.model.segment for p in portal.personas.values()]
    assert all(segments) and len(set(segments)) == 2
    assert sum(j.model.map == "future" for j in portal.journeys.values()) == 12
    phases = {stage.phase for j in portal.journeys.values() for stage in j.model.stages}
    assert phases == {"discover", "consider", "join", "use", "recommend"}  # `leave`: a blind spot
    moments = [m for o in portal.opportunities.values() for m in o.model.moments]
    assert any(m.stage for m in moments) and any(m.touchpoint for m in moments)
    assert all(s.model.measures for s in portal.solutions.values())
