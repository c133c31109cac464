"""The `journeysite` command: validate and inspect content without building the site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from journeysite.content import load_directory
from journeysite.diagnostics import format_report


class _MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for `docs_dir` while ignoring tags such as `!!python/name:`."""


_MkDocsYamlLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def default_docs_dir(cwd: Path) -> Path:
    """The docs_dir of ./mkdocs.yml when there is one, else `docs` (MkDocs' own default)."""
    config = cwd / "mkdocs.yml"
    if config.is_file():
        try:
            data = yaml.load(config.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader)
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("docs_dir"), str):
            return cwd / data["docs_dir"]
    return cwd / "docs"


def plugin_option(cwd: Path, name: str) -> object:
    """A journeysite plugin option set in ./mkdocs.yml, or None, so check and build agree."""
    config = cwd / "mkdocs.yml"
    if not config.is_file():
        return None
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader)
    except yaml.YAMLError:
        return None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    # A list of names and {name: options}, or one {name: options} mapping.
    for entry in plugins if isinstance(plugins, list) else [plugins]:
        if isinstance(entry, dict) and isinstance(entry.get("journeysite"), dict):
            return entry["journeysite"].get(name)
    return None


def _docs_dir(value: str | None) -> Path:
    return Path(value) if value else default_docs_dir(Path.cwd())


def cmd_check(args: argparse.Namespace) -> int:
    docs_dir = _docs_dir(args.dir)
    if not docs_dir.is_dir():
        print(f"journeysite: error: no content directory at {docs_dir}", file=sys.stderr)
        return 2
    require_owner = args.require_owner or plugin_option(Path.cwd(), "require_owner") is True
    content = load_directory(docs_dir, unowned="error" if require_owner else "warning")
    report = format_report(content.diagnostics, args.format)
    if report:
        print(report)
    if args.format == "text":
        errors = sum(d.severity == "error" for d in content.diagnostics)
        warnings = len(content.diagnostics) - errors
        portal = content.portal
        print(
            f"checked {len(content.files)} files: {len(portal.journeys)} journeys, "
            f"{len(portal.personas)} personas, {len(portal.stakeholders)} stakeholders; "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}",
            file=sys.stderr,
        )
    return 0 if content.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeysite",
        description="Customer journey maps as code: check, inspect and scaffold map files.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate a content tree without building the site",
        description="Validate every journey, persona and stakeholder file. Exit 0 when clean, "
        "1 when there are errors.",
    )
    check.add_argument(
        "dir", nargs="?", help="content directory (default: docs_dir of ./mkdocs.yml, else docs)"
    )
    check.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text: path:line: error: message; github: workflow annotations; json: a list",
    )
    check.add_argument(
        "--require-owner",
        action="store_true",
        help="a touchpoint without an owner is an error, not a warning (also set by "
        "`require_owner: true` in mkdocs.yml)",
    )
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
