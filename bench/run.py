"""Build time and memory of a journeysite portal against a plain mkdocs-material site.

For each N the same generated sources are built twice, each in a fresh Python process:
(a) the journeysite portal (the demo's mkdocs.yml features, navigation.prune on) and (b) a plain
mkdocs-material site without the plugin, every file an ordinary page in one flat nav list.
Prints wall time (process start to exit), peak RSS, time per journey and the ratio plain/portal;
`journeysite check` time; the `mkdocs serve`-style rebuild after editing one journey; and edit to
preview under `journeysite serve` (from saving a journey to its served page showing the edit).

    python3 bench/run.py                       # the full matrix (long: plain at 2000 is minutes)
    python3 bench/run.py --smoke               # N=100 both ways, check and rebuild at 100
    python3 bench/run.py --both 100 500 --portal 1000 --rebuild 1000
    python3 bench/run.py --both 1000 --portal --check --rebuild --preview 1000   # issue 18's ratios

Timings are printed, never asserted: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}]
PORTAL_FEATURES = [
    "navigation.instant",
    "navigation.indexes",
    "navigation.prune",
    "navigation.sections",
    "navigation.path",
    "search.highlight",
    "content.tooltips",
]


def portal_config() -> dict:
    return {
        "site_name": "Benchmark portal",
        "docs_dir": "content",
        "site_dir": "site-portal",
        "theme": {"name": "material", "font": False, "features": PORTAL_FEATURES},
        "plugins": ["search", "journeysite"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
    }


def plain_config(content: Path) -> dict:
    """The same files as ordinary pages, listed flat, Material with its default features."""
    pages = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    pages.remove("index.md")
    return {
        "site_name": "Benchmark plain site",
        "docs_dir": "content",
        "site_dir": "site-plain",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": ["index.md", *pages],
    }


@dataclass
class Measure:
    what: str
    journeys: int
    seconds: float
    """Wall time: from starting the process to its exit (for `rebuild`: the second build)."""
    cpu: float
    """CPU time (user + system) of the same span: less sensitive to a busy machine."""
    peak_mb: float
    note: str = ""

    @property
    def per_journey_ms(self) -> float:
        return 1000 * self.seconds / self.journeys


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


def _child(*args: str, cwd: Path) -> tuple[float, dict]:
    """Run this script's child mode in a fresh process; wall time and what the child reports."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: `{' '.join(args)}` failed in {cwd}:\n{result.stderr[-4000:]}")
    return seconds, json.loads(result.stdout.strip().splitlines()[-1])


def prepare(n: int, out: Path, management: bool = True) -> Path:
    project = out / f"n{n}"
    generate(n, project / "content", management=management)
    (project / "portal.yml").write_text(yaml.safe_dump(portal_config(), sort_keys=False))
    plain = plain_config(project / "content")
    (project / "plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False))
    return project


def measure_build(project: Path, n: int, which: str) -> Measure:
    seconds, report = _child("build", f"{which}.yml", cwd=project)
    site = project / f"site-{which}"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search/search_index.json").stat().st_size
    note = f"site {size / 2**20:.0f} MB, search index {index / 2**20:.1f} MB"
    if report.get("worker_mb"):  # the forked process that writes the last pages
        note += f", page process peak {report['worker_mb']:.0f} MB"
        note += f" ({report.get('private', 0):.0f} MB of it its own)"
    return Measure(which, n, seconds, report["cpu"], report["peak_mb"], note)


def measure_check(project: Path, n: int) -> Measure:
    seconds, report = _child("check", "content", cwd=project)
    return Measure("check", n, seconds, report["cpu"], report["peak_mb"])


def measure_rebuild(project: Path, n: int) -> Measure:
    _, report = _child("rebuild", "portal.yml", cwd=project)
    note = f"first build {report['first']:.1f} s, {report['first_cpu']:.1f} s CPU"
    return Measure("rebuild", n, report["second"], report["second_cpu"], report["peak_mb"], note)


def measure_preview(project: Path, n: int, edit: str = "goal") -> Measure:
    """Edit to preview under `journeysite serve`: from saving a journey to its served page
    showing the edit, polled over HTTP; the first build's time in the note.

    `edit` is the journey's goal (its page and the pages that show it are rebuilt) or its title
    (a title is in the navigation of every page: everything is rebuilt)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{sock.getsockname()[1]}"
    command = [sys.executable, "-m", "journeysite.cli", "serve", "-f", "portal.yml"]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--dev-addr", address],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line)
            if "Serving on" in line:
                break
        else:
            sys.exit(f"bench: journeysite serve did not start:\n{''.join(lines[-40:])}")
        first = time.perf_counter() - start
        edited = project / "content/journeys/j00001.md"
        original = edited.read_text(encoding="utf-8")
        marker = f"Edited{n}{edit}"
        key = f'{edit}: "'
        url = f"http://{address}/journeys/j00001/"
        try:
            cpu_before = _process_cpu(process.pid)
            start = time.perf_counter()
            edited.write_text(original.replace(key, f"{key}{marker} ", 1), encoding="utf-8")
            while marker not in _fetch(url):
                time.sleep(0.01)
            seconds = time.perf_counter() - start
            cpu = _process_cpu(process.pid) - cpu_before
        finally:
            edited.write_text(original, encoding="utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    note = f"{edit} edited; first build and start {first:.1f} s"
    return Measure(f"preview ({edit})", n, seconds, cpu, 0.0, note)


def _fetch(url: str) -> str:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """This process's CPU time and its finished children's (`check`'s worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(args: list[str]) -> None:
    """Runs in the measured process: one build, one check, or a build and an edited rebuild."""
    mode, target = args
    if mode == "check":
        from journeysite.cli import main as check

        code = check(["check", target])
        print(json.dumps({"peak_mb": _peak_mb(), "cpu": _cpu(), "code": code}))
        return
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING)
    if mode == "build":
        config = load_config(target)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        private_mb = getattr(config.plugins.get("journeysite"), "child_private_mb", 0.0)
        print(
            json.dumps(
                {
                    "peak_mb": _peak_mb(),
                    "cpu": _cpu(),
                    "worker_mb": worker_mb,
                    "private": private_mb,
                }
            )
        )
        return
    # Like `mkdocs serve`: one plugin instance across builds, each build with a fresh config.
    config = load_config(target)
    config.plugins.on_startup(command="serve", dirty=False)
    start, cpu = time.perf_counter(), time.process_time()
    build(config)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    edited = Path("content/journeys/j00001.md")
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace('title: "', 'title: "Edited ', 1), encoding="utf-8")
    try:
        config = load_config(target)
        start, cpu = time.perf_counter(), time.process_time()
        build(config)
        second, second_cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        edited.write_text(original, encoding="utf-8")
    config.plugins.on_shutdown()
    report = {"first": first, "first_cpu": first_cpu, "second": second, "second_cpu": second_cpu}
    print(json.dumps({"peak_mb": _peak_mb(), **report}))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 1024 / 1024:.1f} GB RAM"
    except OSError:
        memory = "unknown RAM"
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report_line(m: Measure, load: str) -> str:
    return (
        f"{m.what:<8} N={m.journeys:<6} {m.seconds:8.2f} s ({m.cpu:7.2f} s CPU)  "
        f"{m.per_journey_ms:7.2f} ms/journey  peak {m.peak_mb:6.0f} MB  load {load}"
        + (f"  ({m.note})" if m.note else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--both", type=int, nargs="*", default=[100, 500, 2000])
    parser.add_argument("--portal", type=int, nargs="*", default=[5000, 10000])
    parser.add_argument("--check", type=int, nargs="*", default=[5000])
    parser.add_argument("--rebuild", type=int, nargs="*", default=[1000])
    parser.add_argument(
        "--preview",
        type=int,
        nargs="*",
        default=[1000],
        help="edit to preview under `journeysite serve`, against the portal's full build",
    )
    parser.add_argument("--smoke", action="store_true", help="N=100 only, as in CI")
    parser.add_argument(
        "--without-management",
        action="store_true",
        help="journeys, personas and stakeholders only: the portfolio measured before issue 16",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.smoke:
        args.both, args.portal, args.check, args.rebuild = [100], [], [100], [100]
        args.preview = [100]

    print(f"bench: {machine()}")
    results: list[dict] = []

    def record(m: Measure) -> Measure:
        load = load_average()
        print(report_line(m, load), flush=True)
        results.append({**asdict(m), "per_journey_ms": m.per_journey_ms, "load": load})
        return m

    sizes = sorted(
        set(args.both) | set(args.portal) | set(args.check) | set(args.rebuild) | set(args.preview)
    )
    per_journey: dict[int, float] = {}
    portal_time: dict[int, float] = {}
    portal_cpu: dict[int, float] = {}
    for n in sizes:
        project = prepare(n, args.out, not args.without_management)
        if n in args.both or n in args.portal or n in args.check or n in args.preview:
            portal = record(measure_build(project, n, "portal"))
            per_journey[n] = portal.per_journey_ms
            portal_time[n] = portal.seconds
            portal_cpu[n] = portal.cpu
        if n in args.both:
            plain = record(measure_build(project, n, "plain"))
            print(
                f"         N={n:<6} plain/portal = {plain.seconds / portal.seconds:.2f}x wall, "
                f"{plain.cpu / portal.cpu:.2f}x CPU; portal/plain = "
                f"{portal.seconds / plain.seconds:.3f}x wall, {portal.cpu / plain.cpu:.3f}x CPU"
            )
        if n in args.check:
            check = record(measure_check(project, n))
            share = 100 * check.seconds / portal_time[n]
            print(f"         N={n:<6} check = {share:.1f} % of the portal build")
        if n in args.rebuild:
            record(measure_rebuild(project, n))
        if n in args.preview:
            for edit in ("goal", "title"):
                preview = record(measure_preview(project, n, edit))
                print(
                    f"         N={n:<6} edit to preview ({edit}) / portal build = "
                    f"{100 * preview.seconds / portal_time[n]:.1f} % wall, "
                    f"{100 * preview.cpu / portal_cpu[n]:.1f} % CPU"
                )
    if len(per_journey) > 1:
        low = min(per_journey)
        for n in sorted(per_journey)[1:]:
            print(
                f"time per journey N={n} / N={low}: {per_journey[n] / per_journey[low]:.2f}x "
                f"({per_journey[n]:.2f} vs {per_journey[low]:.2f} ms)"
            )
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
