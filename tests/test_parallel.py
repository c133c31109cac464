"""`journeysite check` checks a large portfolio in worker processes: same results as a build's."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from journeysite.content import parallel
from journeysite.content.load import SourceFile
from journeysite.content.parallel import FILES_PER_WORKER, map_chunks, worker_count
from journeysite.content.selection import DEFAULT_SELECTION
from journeysite.content.tree import _check_chunk, check_directory, load_directory
from journeysite.format.limits import DEFAULT_LIMITS
from tests.conftest import Project
from tests.test_bench import generate


def _broken_portfolio(project: Project) -> None:
    """30 generated journeys and files that break a rule of every kind."""
    generate(30, project.content)
    project.write("journeys/broken.md", "---\ntype: journey\ntitle: [unclosed\n---\n")
    project.write("journeys/typo.md", "---\ntype: journey\ntitel: Moving\n---\n")
    first = (project.content / "journeys/j00001.md").read_text(encoding="utf-8")
    # The same id again, with a persona nobody defined and a touchpoint without an owner.
    project.write(
        "journeys/zz-again.md",
        first.replace("persona: p00001", "persona: p-nobody", 1).replace("owner: s", "owner: x", 1),
    )
    project.write(
        "journeys/dangling.md",
        first.replace("id: j00001", "id: dangling", 1).replace("persona: p00001", "persona: p0001"),
    )


def test_workers_send_back_exactly_what_one_process_finds(tmp_path: Path) -> None:
    project = Project(tmp_path)
    _broken_portfolio(project)
    sources = [
        (SourceFile(uri, uri), path) for uri, path in DEFAULT_SELECTION.on_disk(project.content)
    ]
    work = functools.partial(_check_chunk, limits=DEFAULT_LIMITS, unowned="warning")
    here = map_chunks(work, sources, 1)
    forked = map_chunks(work, sources, 2)
    assert [f.file for f in forked] == [s for s, _ in sources]
    assert forked == here
    assert any(f.diagnostics for f in forked)  # the broken files' errors came back from workers
    outlined = [f.outline for f in forked if f.outline is not None]
    assert len(outlined) == 30 + 6 + 3 + 2  # journeys, personas, stakeholders, the two copies
    dangling = next(o for o in outlined if o.id == "dangling")
    assert ("persona", "p0001", 6) in [(r.target, r.value, r.line) for r in dangling.references]


def test_check_reports_what_a_build_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "FILES_PER_WORKER", 10)  # workers even for 40 files
    project = Project(tmp_path)
    _broken_portfolio(project)
    built = load_directory(project.content, unowned="warning")
    checked = check_directory(project.content, unowned="warning")
    assert checked.diagnostics == built.diagnostics
    messages = [
        f"{d.path}:{d.line}: {d.message}" for d in checked.diagnostics if d.severity == "error"
    ]
    assert any(
        m.endswith("persona: unknown persona `p0001`; did you mean `p00001`?") for m in messages
    )
    assert any("zz-again.md:3: id: duplicate journey id `j00001`" in m for m in messages)
    assert any("broken.md" in m for m in messages) and any("typo.md" in m for m in messages)
    portal = built.portal
    assert checked.counts == {
        "journey": len(portal.journeys),
        "persona": len(portal.personas),
        "stakeholder": len(portal.stakeholders),
    }
    assert checked.counts["journey"] == 31  # 30 and `dangling`; the copy of j00001 is not counted


def test_small_portfolios_are_checked_in_one_process() -> None:
    assert worker_count(FILES_PER_WORKER - 1) == 1
    assert worker_count(10**6) >= 1
