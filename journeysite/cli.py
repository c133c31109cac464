"""The `journeysite` command: validate and inspect content without building the site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from journeysite.content.diagnostics import format_report
from journeysite.content.load import display_path
from journeysite.content.tree import Checked, check_directory, load_directory
from journeysite.diff import revisions
from journeysite.diff.compare import compare_portals
from journeysite.diff.report import FORMATS as DIFF_FORMATS
from journeysite.diff.report import DiffReport, Side
from journeysite.exports.csv_writer import table_csv
from journeysite.exports.document import portal_json
from journeysite.exports.tables import TABLES
from journeysite.format.schema import schema_text
from journeysite.format.vocabulary import DEFINITION_TYPES
from journeysite.project import Project, ProjectError
from journeysite.scaffold import (
    DEFAULT_TEMPLATE,
    FOLDERS,
    Request,
    ScaffoldError,
    scaffold,
    templates_for,
)


def _project(directory: str | None) -> Project:
    """The project as the build reads it from ./mkdocs.yml; an explicit DIR replaces its docs_dir."""
    project = Project.read(Path.cwd())
    return project.with_docs_dir(Path(directory)) if directory else project


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args.dir)
    docs_dir = project.docs_dir
    if not docs_dir.is_dir():
        print(f"journeysite: error: no content directory at {docs_dir}", file=sys.stderr)
        return 2
    unowned = "error" if args.require_owner or project.require_owner else "warning"
    checked = _check_languages(docs_dir, project, unowned)
    report = format_report(checked.diagnostics, args.format)
    if report:
        print(report)
    if args.format == "text":
        errors = sum(d.severity == "error" for d in checked.diagnostics)
        warnings = len(checked.diagnostics) - errors
        counts = checked.counts
        print(
            f"checked {len(checked.files)} files: {counts.get('journey', 0)} journeys, "
            f"{counts.get('persona', 0)} personas, {counts.get('stakeholder', 0)} stakeholders"
            f"{_management_counts(counts)}; {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}",
            file=sys.stderr,
        )
    return 0 if checked.ok else 1


def _check_languages(docs_dir: Path, project: Project, unowned: str) -> Checked:
    """The build's rules for each language a bilingual portal is built in (mkdocs-static-i18n):
    a translation is checked among that language's pages, each problem reported once; the counts
    are the default language's."""
    views = project.selection.views()
    first = check_directory(docs_dir, project.limits, unowned, views[0])
    seen = {(d.path, d.line, d.message) for d in first.diagnostics}
    files = {f.file.src_uri for f in first.files}
    for view in views[1:]:
        checked = check_directory(docs_dir, project.limits, unowned, view)
        for diagnostic in checked.diagnostics:
            if (key := (diagnostic.path, diagnostic.line, diagnostic.message)) not in seen:
                seen.add(key)
                first.diagnostics.append(diagnostic)
        first.files += [f for f in checked.files if f.file.src_uri not in files]
        files |= {f.file.src_uri for f in checked.files}
    return first


def _management_counts(counts: dict[str, int]) -> str:
    """Frameworks, opportunities and solutions in the summary, only in portals that have them."""
    plurals = {"framework": "frameworks", "opportunity": "opportunities", "solution": "solutions"}
    return "".join(
        f", {counts[kind]} {plural}" for kind, plural in plurals.items() if kind in counts
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeysite",
        description="Customer journey maps as code: check, inspect and scaffold map files.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate a content tree without building the site",
        description="Validate every journey, persona, stakeholder, framework, opportunity and "
        "solution file. Exit 0 when clean, "
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
    _add_schema(commands)
    _add_new(commands)
    _add_diff(commands)
    _add_export(commands)
    _add_serve(commands)
    return parser


def _write_output(text: str, output: str | None) -> None:
    _write_pieces([text], output)


def _write_pieces(pieces: Iterable[str], output: str | None) -> None:
    """UTF-8 exactly as written (no newline translation, no locale encoding), one piece at a
    time: `-o FILE` and `> FILE` give the same bytes as the site's own copy of an export."""
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w", encoding="utf-8", newline="") as out:
            out.writelines(pieces)
    else:
        sys.stdout.flush()
        for piece in pieces:
            sys.stdout.buffer.write(piece.encode("utf-8"))
        sys.stdout.buffer.flush()


def _fail(message: str, status: int = 2) -> int:
    print(f"journeysite: error: {message}", file=sys.stderr)
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    _write_output(schema_text(), args.output)
    return 0


def _add_schema(commands: argparse._SubParsersAction) -> None:
    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of the front matter",
        description="Write one JSON Schema of the front matter of every definition type "
        "(a oneOf discriminated on `type`), derived from the package's models. "
        "Point an editor's validator at it, e.g. remark-lint-frontmatter-schema (see "
        "docs/workflow.md).",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    schema.set_defaults(func=cmd_schema)


def cmd_new(args: argparse.Namespace) -> int:
    project = _project(args.dir)
    request = Request(
        kind=args.kind,
        id=args.id,
        template=args.template
        or ("future" if getattr(args, "baseline", None) else DEFAULT_TEMPLATE[args.kind]),
        title=args.title,
        persona=getattr(args, "persona", None),
        baseline=getattr(args, "baseline", None),
        owner=getattr(args, "owner", None),
        journey=getattr(args, "journey", None),
        opportunity=getattr(args, "opportunity", None),
    )
    try:
        path = scaffold(project.docs_dir, request, project.selection, project.limits)
    except ScaffoldError as exc:
        return _fail(str(exc), 1)
    print(f"created {display_path(path)} from the {request.template} template")
    return 0


def _add_new(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="create a journey, persona, stakeholder, framework, opportunity or solution file",
        description="Create a new file under the docs dir (journeys/, personas/, "
        "stakeholders/, frameworks/, opportunities/ or solutions/) from a template. The file "
        "passes `journeysite check`; an existing file is never overwritten.",
    )
    kinds = new.add_subparsers(dest="kind", required=True, metavar="TYPE")
    for kind in DEFINITION_TYPES:
        names = [t.name for t in templates_for(kind)]
        listing = "\n".join(f"  {t.name:<16} {t.summary}" for t in templates_for(kind))
        sub = kinds.add_parser(
            kind,
            help=f"a new {kind} file",
            description=f"Create {FOLDERS[kind]}/ID.md from a {kind} template.",
            epilog=f"templates:\n{listing}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("id", metavar="ID", help="the new id: lower-case letters, digits, hyphens")
        sub.add_argument(
            "--template",
            choices=names,
            help=f"the template to start from (default: {DEFAULT_TEMPLATE[kind]})",
        )
        sub.add_argument(
            "--title",
            help="the title, or the name of a persona or stakeholder; default: from the id",
        )
        if kind == "journey":
            sub.add_argument(
                "--persona", metavar="ID", help="the persona who travels it (must exist)"
            )
            sub.add_argument(
                "--baseline",
                metavar="ID",
                help="the current-state map a future map improves on (implies --template "
                "future): its stages and touchpoints are copied, its persona is the default",
            )
            sub.add_argument(
                "--owner", metavar="ID", help="stakeholder id that owns the map and its touchpoints"
            )
        if kind in ("opportunity", "solution"):
            sub.add_argument("--owner", metavar="ID", help=f"stakeholder id that owns the {kind}")
        if kind == "opportunity":
            sub.add_argument(
                "--journey",
                metavar="ID",
                help="the journey whose first stage is its first moment (default: the first by id)",
            )
        if kind == "solution":
            sub.add_argument(
                "--opportunity",
                metavar="ID",
                help="the opportunity it answers (default: the first by id)",
            )
        sub.add_argument(
            "--dir", help="content directory (default: docs_dir of ./mkdocs.yml, else docs)"
        )
        sub.set_defaults(func=cmd_new)


def cmd_diff(args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    project = _project(args.dir)
    docs_dir, reading = project.docs_dir, {"selection": project.selection, "limits": project.limits}
    try:
        repo = revisions.repo_root(cwd)
        if args.rev_a:
            old = revisions.at_revision(repo, args.rev_a, docs_dir, label=args.rev_a, **reading)
            old_side = Side(old.label)
        else:
            base, why = revisions.default_base(repo)
            old = revisions.at_revision(repo, base, docs_dir, **reading)
            old_side = Side(old.label, why)
        if args.rev_b:
            new = revisions.at_revision(repo, args.rev_b, docs_dir, label=args.rev_b, **reading)
        else:
            new = revisions.working_tree(repo, docs_dir, **reading)
    except revisions.GitError as exc:
        return _fail(str(exc))
    old_unreadable, new_unreadable = old.unreadable, new.unreadable
    changes = compare_portals(
        old.content.portal,
        new.content.portal,
        unreadable_old=[u.path for u in old_unreadable],
        unreadable_new=[u.path for u in new_unreadable],
    )
    report = DiffReport(old_side, Side(new.label), changes, [*old_unreadable, *new_unreadable])
    _write_output(DIFF_FORMATS[args.format](report), args.output)
    return 0


def _add_diff(commands: argparse._SubParsersAction) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed in the maps between two git revisions",
        description="A semantic diff of every definition between two git revisions: maps "
        "added, removed or moved, stages and touchpoints added, removed or renamed, emotions, "
        "owners, status, pain points, KPIs; opportunities and solutions added or removed, their "
        "status, owner, impact, effort, due date and moments. REV_A defaults to the merge-base "
        "of HEAD with main (or master), REV_B to the working tree. Exit 0 unless git fails.",
    )
    diff.add_argument("rev_a", nargs="?", metavar="REV_A", help="the old revision")
    diff.add_argument("rev_b", nargs="?", metavar="REV_B", help="the new revision")
    diff.add_argument(
        "--format",
        choices=list(DIFF_FORMATS),
        default="text",
        help="text for a terminal, markdown for a pull-request comment, json for tools",
    )
    diff.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    diff.add_argument(
        "--dir", help="content directory (default: docs_dir of ./mkdocs.yml, else docs)"
    )
    diff.set_defaults(func=cmd_diff)


def cmd_export(args: argparse.Namespace) -> int:
    project = _project(args.dir)
    docs_dir = project.docs_dir
    if not docs_dir.is_dir():
        return _fail(f"no content directory at {docs_dir}")
    if args.format == "json" and args.table:
        return _fail("--table is for --format csv (the JSON export holds every table)")
    unowned = "error" if project.require_owner else None
    content = load_directory(docs_dir, project.limits, unowned, project.selection)
    if not content.ok:
        print(format_report(content.diagnostics, "text"), file=sys.stderr)
        return _fail("the content has errors; fix them to export (see above)", 1)
    if args.format == "json":
        pieces = portal_json(content.portal)
    else:
        pieces = table_csv(content.portal, args.table or "touchpoints")
    _write_pieces(pieces, args.output)
    return 0


def _add_export(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="the validated model of the whole portal as JSON or CSV",
        description="Export every definition (journeys, personas, stakeholders, the framework, "
        "opportunities, solutions), validated, without building the site. JSON holds everything, the same document as the site's portal.json; CSV is "
        "one flat table at a time (--table), ready for spreadsheets. Exit 1 (and no output) when "
        "the content has errors.",
    )
    export.add_argument(
        "dir", nargs="?", help="content directory (default: docs_dir of ./mkdocs.yml, else docs)"
    )
    export.add_argument("--format", choices=["json", "csv"], default="json", help="default: json")
    export.add_argument(
        "--table",
        choices=list(TABLES),
        help="with --format csv: which table (default: touchpoints)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.set_defaults(func=cmd_export)


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from mkdocs.exceptions import MkDocsException

    from journeysite.publish.serve import serve

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    try:
        serve(args.config_file, dev_addr=args.dev_addr, open_in_browser=args.open)
    except MkDocsException as exc:  # a broken mkdocs.yml, as `mkdocs serve` reports it
        return _fail(str(exc), 1)
    return 0


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="preview the portal while editing: rebuilds only the pages an edit touches",
        description="Run MkDocs' development server with live reload, like `mkdocs serve`, but "
        "after an edit rebuild only the pages that show what changed, the edited page first.",
    )
    serve.add_argument("-f", "--config-file", metavar="FILE", help="default: ./mkdocs.yml")
    serve.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="default: 127.0.0.1:8000")
    serve.add_argument("-o", "--open", action="store_true", help="open the site in a browser")
    serve.set_defaults(func=cmd_serve)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ProjectError as exc:  # mkdocs.yml unreadable, or a value the build would refuse
        return _fail(str(exc))


if __name__ == "__main__":
    sys.exit(main())
