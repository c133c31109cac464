"""`journeysite check` loads a large portfolio in worker processes: same results as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeysite import parallel
from journeysite.content import load_directory
from journeysite.limits import DEFAULT_LIMITS
from journeysite.load import SourceFile, discover
from journeysite.parallel import FILES_PER_WORKER, load_all, load_one, worker_count
from tests.conftest import Project
from tests.test_bench import generate


def test_workers_load_exactly_what_one_process_loads(tmp_path: Path) -> None:
    project = Project(tmp_path)
    generate(30, project.content)
    project.write("journeys/broken.md", "---\ntype: journey\ntitle: [unclosed\n---\n")
    project.write("journeys/typo.md", "---\ntype: journey\ntitel: Moving\n---\n")
    sources = [(SourceFile(uri, uri), path) for uri, path in discover(project.content)]
    here = [load_one(source, DEFAULT_LIMITS) for source in sources]
    forked = load_all(sources, DEFAULT_LIMITS, 2)
    assert [f.file for f in forked] == [f.file for f in here] == [s for s, _ in sources]
    assert [f.diagnostics for f in forked] == [f.diagnostics for f in here]
    assert any(f.diagnostics for f in forked)  # the broken files' errors came back from workers
    for mine, theirs in zip(here, forked, strict=True):
        if mine.definition is None:
            assert theirs.definition is None
            continue
        assert theirs.definition.model == mine.definition.model
        assert theirs.definition.locations.values == mine.definition.locations.values
        assert theirs.body == mine.body


def test_check_reports_the_same_through_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "FILES_PER_WORKER", 10)  # workers even for 40 files
    project = Project(tmp_path)
    generate(30, project.content)
    project.write("journeys/typo.md", "---\ntype: journey\ntitel: Moving\n---\n")
    serial = load_directory(project.content)
    forked = load_directory(project.content, parallel=True)
    assert forked.diagnostics == serial.diagnostics
    assert "typo.md" in str(serial.diagnostics[0].path)
    assert sorted(forked.portal.journeys) == sorted(serial.portal.journeys)


def test_small_portfolios_are_loaded_in_one_process() -> None:
    assert worker_count(FILES_PER_WORKER - 1) == 1
    assert worker_count(10**6) >= 1
