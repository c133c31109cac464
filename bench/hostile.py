"""How long each hostile file takes to be rejected, and how much memory the loader needs for it.

    python3 bench/hostile.py          # from the repository root

Prints one line per attack: CPU time (the best of a few runs, so other load on the machine does
not count), wall time of that run, the loader's peak memory (tracemalloc) and the error it gives.
SECURITY.md quotes these numbers; the tests assert the messages and memory bounds, never a time.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeysite.content.load import SourceFile, load_bytes, load_path
from journeysite.format.limits import DEFAULT_LIMITS
from journeysite.views.markup import inline

MB = 1_000_000


def alias_bomb() -> bytes:
    lines = [
        f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}" if n else "lol"] * 9) + "]" for n in range(10)
    ]
    return ("---\ntype: journey\n" + "\n".join(lines) + "\n---\n").encode()


def front(body: str, kind: str = "journey") -> bytes:
    return f"---\ntype: {kind}\n{body}\n---\n".encode()


ATTACKS: dict[str, Callable[[], bytes]] = {
    "alias bomb (9^10 values expanded)": alias_bomb,
    "100 000 nested [ ]": lambda: front("stages: " + "[" * 100_000 + "]" * 100_000),
    "100 000 nested { }": lambda: front("stages: " + "{a: " * 100_000 + "}" * 100_000),
    "1 000 000-character string (max_file_bytes raised)": lambda: front(
        "name: " + "a" * 1_000_000, "persona"
    ),
    "10 000 stages": lambda: front(
        "title: T\npersona: p\nstages:\n" + "  - name: Stage\n    emotion: 3\n" * 10_000
    ),
    "50 000 fields": lambda: front("".join(f"f{n}: {n}\n" for n in range(50_000))),
    "400 000 blank lines": lambda: b"---\n" + b"  \n" * 400_000 + b"---\n",
    "5 000-digit number": lambda: front("name: P\ninfluence: " + "9" * 5_000, "stakeholder"),
}


def measure(load: Callable[[], object], runs: int = 3) -> tuple[float, float, int, object]:
    best_cpu, wall, result = float("inf"), 0.0, None
    for _ in range(runs):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        result = load()
        cpu = time.process_time() - cpu0
        if cpu < best_cpu:
            best_cpu, wall = cpu, time.perf_counter() - wall0
    tracemalloc.start()
    load()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best_cpu, wall, peak, result


def report(name: str, cpu: float, wall: float, peak: int, message: str) -> None:
    print(f"{name:<52} {cpu * 1000:8.1f} ms cpu {wall * 1000:8.1f} ms wall {peak / MB:7.1f} MB")
    print(f"    {message[:150]}")


def main() -> None:
    print(f"limits: {DEFAULT_LIMITS}\n")
    source = SourceFile("journeys/x.md", "x.md")
    for name, make in ATTACKS.items():
        raw = make()
        limits = DEFAULT_LIMITS
        if "raised" in name:
            limits = type(DEFAULT_LIMITS)(max_file_bytes=2 * MB)
        cpu, wall, peak, loaded = measure(
            lambda raw=raw, limits=limits: load_bytes(raw, source, limits)
        )
        problems = loaded.diagnostics  # type: ignore[attr-defined]
        report(name, cpu, wall, peak, problems[0].format_text() if problems else "(accepted)")
    with tempfile.TemporaryDirectory() as folder:
        huge = Path(folder, "huge.md")
        with huge.open("w", encoding="utf-8") as out:
            out.write("---\ntype: journey\n")
            out.write("x" * (50 * MB))
            out.write("\n---\n")
        cpu, wall, peak, loaded = measure(lambda: load_path(huge, source))
        report("50 MB file on disk", cpu, wall, peak, loaded.diagnostics[0].format_text())  # type: ignore[attr-defined]
    print("\nInline Markdown of one 20 000-character string (max_string_length), uncached:")
    for name, text in {
        "20 000 x [": "[" * 20_000,
        "10 000 x *a": "*a" * 10_000,
        "10 000 x [a": "[a" * 10_000,
        "20 000 plain letters": "a" * 20_000,
    }.items():

        def render(text: str = text) -> object:
            inline.cache_clear()
            return inline(text)

        cpu, wall, peak, _ = measure(render)
        report(name, cpu, wall, peak, "")


if __name__ == "__main__":
    main()
