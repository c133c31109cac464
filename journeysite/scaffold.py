"""New map files from templates shipped in the package (journeysite/scaffolds/*.md.j2).

A scaffolded file is checked together with the content tree before it is written, so what
`journeysite new` writes always passes `journeysite check`; it never overwrites a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from journeysite.content.diagnostics import did_you_mean
from journeysite.content.load import Definition, SourceFile, display_path
from journeysite.content.portal import Portal, journey_model
from journeysite.content.selection import DEFAULT_SELECTION, Selection
from journeysite.content.tree import Content, load_content
from journeysite.format.limits import DEFAULT_LIMITS, Limits
from journeysite.format.vocabulary import ID_RE, TYPE_PLURALS, slugify

SCAFFOLDS = Path(__file__).parent / "scaffolds"


@dataclass(frozen=True)
class Template:
    name: str
    kind: str
    summary: str


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template("current", "journey", "current-state map: awareness to advocacy"),
        Template("future", "journey", "future-state map from a --baseline current map"),
        Template("day-in-the-life", "journey", "the persona's whole day, by time of day"),
        Template("blueprint", "journey", "service blueprint with frontstage/backstage lanes"),
        Template(
            "buyers-journey",
            "journey",
            "classic buyer's journey: awareness, consideration, decision",
        ),
        Template("lead-nurturing", "journey", "lead nurturing from capture to sales handover"),
        Template("customer-churn", "journey", "customer churn: warning signs to win-back"),
        Template("persona", "persona", "persona profile"),
        Template("stakeholder", "stakeholder", "stakeholder with influence and interest"),
        Template("framework", "framework", "the customer lifecycle's phases (one per portal)"),
        Template("opportunity", "opportunity", "an improvement at moments across journeys"),
        Template("solution", "solution", "a change delivered against opportunities and KPIs"),
    )
}
DEFAULT_TEMPLATE = {
    "journey": "current",
    "persona": "persona",
    "stakeholder": "stakeholder",
    "framework": "framework",
    "opportunity": "opportunity",
    "solution": "solution",
}
FOLDERS = TYPE_PLURALS
"""Where `journeysite new` writes each type: journeys/, personas/, …"""


class ScaffoldError(Exception):
    """Why nothing was written; the message is for the writer."""


@dataclass(frozen=True)
class Request:
    kind: str
    id: str
    template: str
    title: str | None = None
    persona: str | None = None
    baseline: str | None = None
    owner: str | None = None
    journey: str | None = None
    opportunity: str | None = None


def templates_for(kind: str) -> list[Template]:
    return [t for t in TEMPLATES.values() if t.kind == kind]


def title_from_id(ident: str) -> str:
    return ident.replace("-", " ").capitalize()


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SCAFFOLDS),
        autoescape=False,  # YAML, not HTML: values are quoted by the `yaml` filter instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def scaffold(
    docs_dir: Path,
    request: Request,
    selection: Selection = DEFAULT_SELECTION,
    limits: Limits = DEFAULT_LIMITS,
) -> Path:
    """Write the new file and return its path, or raise ScaffoldError and write nothing.

    The tree it is checked with is the one a build loads: `selection` and `limits` of mkdocs.yml.
    """
    _check_request(request)
    target = docs_dir / FOLDERS[request.kind] / f"{request.id}.md"
    if target.exists():
        raise ScaffoldError(f"{display_path(target)} already exists; not overwriting it")
    sources = _sources(docs_dir, selection)
    content = load_content(sources, limits)
    existing = content.portal.of_type(request.kind).get(request.id)
    if existing is not None:
        raise ScaffoldError(
            f"a {request.kind} with id `{request.id}` already exists in {existing.file.display}"
        )
    text = render(request, content)
    _validate(sources, docs_dir, target, text, limits)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": never replace a file that just appeared
        out.write(text)
    return target


def _check_request(request: Request) -> None:
    if not ID_RE.match(request.id):
        hint = slugify(request.id)
        raise ScaffoldError(
            f"`{request.id}` is not a valid id: use lower-case letters, digits and hyphens"
            + (f" (e.g. `{hint}`)" if hint else "")
        )
    template = TEMPLATES.get(request.template)
    if template is None or template.kind != request.kind:
        names = ", ".join(t.name for t in templates_for(request.kind))
        raise ScaffoldError(
            f"unknown {request.kind} template `{request.template}`; choose one of {names}"
            + did_you_mean(request.template, [t.name for t in templates_for(request.kind)])
        )
    if request.kind == "journey" and request.template == "future" and not request.baseline:
        raise ScaffoldError(
            "the future template needs --baseline: the current-state map it improves on"
        )
    if request.baseline and request.template != "future":
        raise ScaffoldError("--baseline is only for the future template (--template future)")


def render(request: Request, content: Content) -> str:
    """The file's text: the template with the request's values, quoted for YAML."""
    portal = content.portal
    persona = request.persona
    stages: list[dict] = []
    if request.baseline:
        baseline = portal.journeys.get(request.baseline)
        if baseline is None:
            raise ScaffoldError(
                f"unknown baseline journey `{request.baseline}`"
                + did_you_mean(request.baseline, portal.journeys)
            )
        model = journey_model(baseline)
        if model.map != "current":
            raise ScaffoldError(
                f"`{request.baseline}` is a `{model.map}` map; a baseline must be a current-state map"
            )
        persona = persona or model.persona
        stages = [
            {
                "name": stage.name,
                "touchpoints": [
                    {"name": tp.name, "id": tp.id, "channel": tp.channel, "owner": tp.owner}
                    for tp in stage.touchpoints
                ],
            }
            for stage in model.stages
        ]
    if request.kind == "journey":
        if not persona:
            raise ScaffoldError("a journey needs --persona: the id of the persona who travels it")
        if persona not in portal.personas:
            raise _unknown("persona", persona, portal.personas)
    if request.owner and request.owner not in portal.stakeholders:
        raise _unknown("stakeholder", request.owner, portal.stakeholders)
    owner = request.owner
    thing = "map" if request.kind == "journey" else request.kind
    context = {
        **_management_context(request, portal),
        "id": request.id,
        "title": request.title or title_from_id(request.id),
        "persona": persona,
        "baseline": request.baseline,
        "stages": stages,
        "owner_line": f"owner: {owner}"
        if owner
        else f"# owner: the stakeholder id of the team accountable for this {thing}",
        "tp_owner": f"        owner: {owner}"
        if owner
        else "        # owner: the stakeholder id of the team accountable for this touchpoint",
    }
    return _env().get_template(f"{request.template}.md.j2").render(context)


def _management_context(request: Request, portal: Portal) -> dict[str, str]:
    """What a framework, opportunity or solution template needs from the portal to pass the check.

    An opportunity starts at a real moment (the first stage of --journey, default the first
    journey by id), a solution at a real opportunity; a second framework is refused.
    """
    if request.kind == "framework" and portal.framework is not None:
        raise ScaffoldError(
            f"the portal already has a framework ({portal.framework.file.display}); "
            "there is one per portal: add phases to it instead"
        )
    if request.kind == "opportunity":
        journey = _pick("journey", request.journey, portal.journeys)
        return {"journey": journey.id, "stage": journey_model(journey).stages[0].name}
    if request.kind == "solution":
        return {"opportunity": _pick("opportunity", request.opportunity, portal.opportunities).id}
    return {}


def _pick(kind: str, wanted: str | None, known: dict[str, Definition]) -> Definition:
    """The definition named by an option, or the first by id when none is named."""
    if wanted is None:
        if not known:
            raise ScaffoldError(
                f"no {kind} to link to yet: create one first (journeysite new {kind} ID)"
            )
        return known[min(known)]
    if wanted not in known:
        raise _unknown(kind, wanted, known)
    return known[wanted]


def _unknown(kind: str, value: str, known: dict) -> ScaffoldError:
    hint = did_you_mean(value, known) or f" (create it first: journeysite new {kind} {value})"
    return ScaffoldError(f"unknown {kind} `{value}`{hint}")


def _sources(docs_dir: Path, selection: Selection) -> list[tuple[SourceFile, bytes | Path]]:
    if not docs_dir.is_dir():
        return []
    return list(selection.on_disk(docs_dir))


def _validate(
    sources: list[tuple[SourceFile, bytes | Path]],
    docs_dir: Path,
    target: Path,
    text: str,
    limits: Limits,
) -> None:
    """The new file checked with the whole tree: references resolve, ids stay unique."""
    uri = target.relative_to(docs_dir).as_posix()
    new = (SourceFile(uri, display_path(target)), text.encode("utf-8"))
    content = load_content([*sources, new], limits)
    problems = [
        d for d in content.diagnostics if d.path == display_path(target) and d.severity == "error"
    ]
    if problems:
        raise ScaffoldError(
            "the new file would not pass the check:\n"
            + "\n".join(d.format_text() for d in problems)
        )
