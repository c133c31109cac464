"""`journeysite check` checks a large portfolio in worker processes: same results as a build's."""

from __future__ import annotations

import functools
import json
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from journeysite.content import parallel
from journeysite.content.parallel import CHUNK, FILES_PER_WORKER, map_chunks
from journeysite.content.selection import DEFAULT_SELECTION
from journeysite.content.tree import _check_chunk, check_directory, load_directory
from journeysite.format.limits import DEFAULT_LIMITS
from tests.conftest import REPO, Project
from tests.test_bench import generate


def _broken_portfolio(project: Project, journeys: int = 30) -> int:
    """Generated journeys and files that break a rule of every kind; how many maps it made."""
    size = generate(journeys, project.content)
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
        first.replace("id: j00001", "id: dangling", 1)
        .replace("persona: p00001", "persona: p0001")
        .replace("phase: join", "phase: joins", 1),
    )
    opportunity = (project.content / "opportunities/o00001.md").read_text(encoding="utf-8")
    project.write(
        "opportunities/lost.md",
        opportunity.replace("id: o00001", "id: lost").replace(
            "stage: Awareness", "stage: Awarenes"
        ),
    )
    return size.definitions + 3  # and the three copies


def test_workers_send_back_exactly_what_one_process_finds(tmp_path: Path) -> None:
    project = Project(tmp_path)
    maps = _broken_portfolio(project, 200)
    sources = DEFAULT_SELECTION.on_disk(project.content)
    assert len(sources) > 3 * CHUNK + 1  # more than a chunk for each of three workers
    work = functools.partial(_check_chunk, limits=DEFAULT_LIMITS, unowned="warning")
    here = map_chunks(work, sources, 1)
    forked = map_chunks(work, sources, 3)
    assert [f.file for f in forked] == [s for s, _ in sources]
    assert forked == here
    assert any(f.diagnostics for f in forked)  # the broken files' errors came back from workers
    outlined = [f.outline for f in forked if f.outline is not None]
    assert len(outlined) == maps
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
    content = project.content  # the rules between files, from workers' outlines
    assert (
        f"{content}/journeys/dangling.md:114: stages[2].phase: unknown phase `joins`; the phases "
        f"are those of {content}/frameworks/lifecycle.md; did you mean `join`?"
    ) in messages
    assert (
        f"{content}/opportunities/lost.md:12: moments[1].stage: journey `j00022` has no stage "
        "`Awarenes`; did you mean `Awareness`?"
    ) in messages
    portal = built.portal
    assert checked.counts == {
        "journey": len(portal.journeys),
        "persona": len(portal.personas),
        "stakeholder": len(portal.stakeholders),
        "framework": 1,
        "opportunity": len(portal.opportunities),
        "solution": len(portal.solutions),
    }
    assert checked.counts["journey"] == 31  # 30 and `dangling`; the copy of j00001 is not counted


def _tag(chunk: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """Each item with the first item and size of the chunk it came in, and who worked on it."""
    return [(item, chunk[0], len(chunk), os.getpid()) for item in chunk]


def test_many_chunks_come_back_whole_and_in_input_order() -> None:
    items = random.Random(7).sample(range(100_000), 4 * 3 * CHUNK + 5)  # 13 chunks, 3 workers
    here = map_chunks(_tag, items, 1)
    forked = map_chunks(_tag, items, 3)
    assert [item for item, *_ in forked] == items
    assert [r[:3] for r in forked] == [r[:3] for r in here]
    starts = {(first, size) for _, first, size, _ in forked}
    assert starts == {(items[i], CHUNK) for i in range(0, 12 * CHUNK, CHUNK)} | {(items[-5], 5)}
    assert {pid for *_, pid in here} == {os.getpid()}
    assert os.getpid() not in {pid for *_, pid in forked}


SIZES = [0, 1, FILES_PER_WORKER - 1, FILES_PER_WORKER, 2 * FILES_PER_WORKER - 1]
SIZES += [2 * FILES_PER_WORKER, 3 * FILES_PER_WORKER, 10**6]
WORKERS = {  # cores the process may run on -> workers for each of SIZES
    1: [1, 1, 1, 1, 1, 1, 1, 1],
    2: [1, 1, 1, 1, 1, 2, 2, 2],
    3: [1, 1, 1, 1, 1, 2, 3, 3],
}


def _worker_counts(cores: set[int]) -> list[int]:
    """worker_count of SIZES in a process allowed to run only on `cores`."""
    script = (
        f"import json, os; os.sched_setaffinity(0, {sorted(cores)!r}); "
        "from journeysite.content.parallel import worker_count; "
        f"print(json.dumps([worker_count(n) for n in {SIZES!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity")
def test_one_worker_per_share_of_files_and_no_more_than_the_cores_allowed() -> None:
    """The cores this process may use (a container's or taskset's share), not the machine's."""
    allowed = sorted(os.sched_getaffinity(0))
    for cores in range(1, min(len(allowed), max(WORKERS)) + 1):
        assert _worker_counts(set(allowed[:cores])) == WORKERS[cores], cores
