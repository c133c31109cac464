"""The package's layout is its architecture: data flows one way, and an import against it fails.

format → content → views, exports, diff → publish (the MkDocs side) → plugin and cli. Each
sub-package may import only the layers below it (README, "Architecture"); only the plugin and the
CLI import the MkDocs side, nothing imports the plugin, and the pure layers do not import MkDocs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "journeysite"

LAYER_OF_MODULE = {
    "journeysite.config": "config",
    "journeysite.build_date": "config",
    "journeysite.project": "project",
    "journeysite.scaffold": "scaffold",
    "journeysite.plugin": "plugin",
    "journeysite.cli": "cli",
}
"""Top-level modules; a module inside a sub-package belongs to the sub-package's layer."""

ALLOWED: dict[str, set[str]] = {
    "format": set(),
    "content": {"format"},
    "views": {"format", "content"},
    "exports": {"format", "content"},
    "diff": {"format", "content"},
    "config": {"format"},
    "project": {"format", "content", "config"},
    "scaffold": {"format", "content", "project"},
    "publish": {"format", "content", "views", "exports", "config"},
    "plugin": {"format", "content", "views", "exports", "config", "project", "publish"},
    "cli": {"format", "content", "exports", "diff", "config", "project", "scaffold", "publish"},
}
"""What each layer may import besides itself."""

SUB_PACKAGES = ("format", "content", "views", "exports", "diff", "publish")

WITHOUT_MKDOCS = {"format", "views", "exports", "diff"}
"""Pure layers: model in, data out. (content borrows MkDocs' rule for a page's output path.)"""


def layer(module: str) -> str:
    if module in LAYER_OF_MODULE:
        return LAYER_OF_MODULE[module]
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in SUB_PACKAGES:
        return parts[1]
    raise AssertionError(f"{module}: a module with no layer in LAYER_OF_MODULE")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(source: str, module: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `source`, relative ones resolved against `module`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: -node.level]
                base = ".".join([*anchor, base] if base else anchor)
            # `from journeysite import cli` names a module; `from x.y import name`, something of x.y
            found += [
                (node.lineno, f"{base}.{alias.name}" if base == "journeysite" else base)
                for alias in node.names
            ]
    return found


def violations(source: str, module: str) -> list[str]:
    """Each import of `source` (the code of `module`) that runs against the flow, as file:line."""
    own = layer(module)
    out = []
    for line, target in imported(source, module):
        where = f"{module}:{line}"
        top = target.split(".")[0]
        if top in ("mkdocs", "material") and own in WITHOUT_MKDOCS:
            out.append(f"{where}: the {own} layer imports {target}")
        if top != "journeysite" or target == "journeysite":
            continue
        if target == "journeysite.plugin" or target.startswith("journeysite.plugin."):
            out.append(f"{where}: nothing imports the plugin")
            continue
        other = layer(target)
        if other != own and other not in ALLOWED[own]:
            out.append(f"{where}: the {own} layer imports {target} ({other})")
    return out


def modules() -> list[Path]:
    """Every module of the package but its empty root `__init__`."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_imports_follow_the_layers(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8"), module_name(path)) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "journeysite.views.journey",
            "from journeysite.publish.pages import Settings\n",
            [
                "journeysite.views.journey:1: the views layer imports journeysite.publish.pages (publish)"
            ],
        ),
        (
            "journeysite.config",
            "import os\nfrom journeysite.views import portfolio\n",
            ["journeysite.config:2: the config layer imports journeysite.views (views)"],
        ),
        (
            "journeysite.content.touchpoint_owners",
            "from journeysite.views.common import number\n",
            [
                "journeysite.content.touchpoint_owners:1: the content layer imports "
                "journeysite.views.common (views)"
            ],
        ),
        (
            "journeysite.publish.pages",
            "from journeysite import plugin\n",
            ["journeysite.publish.pages:1: nothing imports the plugin"],
        ),
        (
            "journeysite.views.charts",
            "from mkdocs.structure.pages import Page\n",
            ["journeysite.views.charts:1: the views layer imports mkdocs.structure.pages"],
        ),
        (
            "journeysite.exports.tables",
            "from ..publish import render\n",
            [
                "journeysite.exports.tables:1: the exports layer imports "
                "journeysite.publish (publish)"
            ],
        ),
        ("journeysite.publish.pages", "from journeysite.views.uris import MATRIX_URI\n", []),
    ],
)
def test_a_leak_is_reported_with_its_line(module: str, source: str, expected: list[str]) -> None:
    assert violations(source, module) == expected


def test_every_sub_package_has_a_layer_and_the_top_level_stays_small() -> None:
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(SUB_PACKAGES)
    top = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(top) <= 10, top
    assert {f"journeysite.{name}" for name in top} <= set(LAYER_OF_MODULE)
    # .gitignore ignores build/ and site/: a package of that name would never be committed.
    assert not {"build", "site"} & {p.name for p in PACKAGE.rglob("*") if p.is_dir()}
