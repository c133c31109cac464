"""Property tests (hypothesis) for the loader: whatever a file holds, it is accepted or reported
with a file and a line, never an unexpected exception; what is accepted renders.

Example counts stay modest (CI has two cores); there is no deadline, as machines vary.
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeysite.content.diagnostics import has_errors
from journeysite.content.load import LoadedFile, SourceFile, load_bytes
from journeysite.content.tree import load_content
from journeysite.format.models import MODELS
from journeysite.format.vocabulary import (
    CHANNEL_LABELS,
    DEFINITION_TYPES,
    MAP_TYPE_LABELS,
    STATUS_LABELS,
)
from journeysite.plugin import _VIEWS
from journeysite.publish.render import Renderer, theme_dir
from journeysite.views.persona import journeys_index

PATH = "content/journeys/fuzz.md"
LOADER = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RENDER = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIELD_NAMES = sorted(
    {name for model in MODELS.values() for name in model.model_fields}
    | {"type", "with", "stages", "touchpoints", "pain_points", "text", "severity", "kind"}
)
YAML_SURPRISES = [
    "yes", "no", "on", "off", "y", "n", "~", "null", "true", "010", "0x1f", "0b101", "1_000",
    "1.10", "1e5", "1.0e+999", "-.inf", ".nan", "12:30:45", "2026-13-01", "2026-01-01",
    "<<", "*a", "&a x", "!!python/object:os.system", "!tag x", "%YAML 1.1", "---", "...",
    "- x", ": x", "? x", "| x", "> x", "@x", "`x`", "#", "'", '"', "[", "{", "]", "}", ",",
]  # fmt: skip
TEXT = st.text(
    st.characters(blacklist_categories=["Cs"]) | st.sampled_from("\t\n\r :-'\"#&*!|>%@`[]{},?"),
    max_size=24,
)
SCALARS = (
    TEXT
    | st.sampled_from(YAML_SURPRISES)
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.none()
    | st.dates()
)
KEYS = st.sampled_from(FIELD_NAMES) | TEXT | st.integers(-5, 5)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=30,
)
TYPES = st.sampled_from([*DEFINITION_TYPES, "jorney", "", "Journey"]) | SCALARS
MANGLERS = [
    "\t", ": ", "- ", "'", '"', "[", "{", "]", "}", "&a ", "*a", "!!str ", "!t ", "<<: ",
    "\n---\n", "\n...\n", "#", "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "\r", "\r\n",
    "? ", "|\n", ">\n", "%", "\\", "\n  ", "\n- ", "type: journey\n", "\u202e",
]  # fmt: skip
PIECES = st.sampled_from(MANGLERS) | TEXT


# --- map-shaped data: mostly valid, with a few wrong values -------------------------------------

PRINTABLE = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from(":-'\"#&*!|>%@`[]{},?"),
    max_size=24,
)
WORDS = PRINTABLE | st.sampled_from(
    ["**bold**", "`code`", "[a](https://example.org)", "<b>x</b>", "Ab"]
)
IDS = st.sampled_from(["p", "q", "s", "t", "u"])
EMOTION = st.integers(1, 5)


def sometimes(strategy: st.SearchStrategy[Any], wrong: list[Any]) -> st.SearchStrategy[Any]:
    """Mostly `strategy`; now and then one of the `wrong` values."""
    return st.integers(0, 15).flatmap(lambda i: st.sampled_from(wrong) if i == 15 else strategy)


def mapping(
    required: dict[str, st.SearchStrategy[Any]] | None = None, **optional: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """The `required` fields and some of the `optional` ones."""
    return st.fixed_dictionaries(required or {}, optional=optional)


NOTES = st.lists(
    WORDS | mapping({"text": WORDS}, severity=st.sampled_from(["low", "high"])), max_size=3
)
KPIS = st.lists(
    mapping(
        {"name": WORDS},
        value=st.integers(-(10**6), 10**6) | st.floats(-1e9, 1e9),
        target=st.floats(-1e15, 1e15),
        unit=WORDS,
        better=st.sampled_from(["higher", "lower"]),
    ),
    max_size=3,
)
TOUCHPOINTS = st.lists(
    mapping(
        {"name": WORDS},
        channel=sometimes(st.sampled_from(list(CHANNEL_LABELS)), ["fax"]),
        owner=sometimes(IDS, ["ghost"]),
        supporting=st.lists(IDS, max_size=2),
        emotion=sometimes(EMOTION, [0, 9]),
        pain_points=NOTES,
        kpis=KPIS,
        tools=st.lists(WORDS, max_size=2),
        frontstage=st.lists(WORDS, max_size=2),
        fail_point=st.booleans(),
    ),
    max_size=3,
)
STAGES = st.lists(
    mapping(
        {"name": WORDS},
        goal=WORDS,
        emotion=sometimes(EMOTION, [-1, "high"]),
        actions=st.lists(WORDS, max_size=2),
        expectations=st.lists(WORDS, max_size=2) | mapping(primary=st.lists(WORDS, max_size=2)),
        pain_points=NOTES,
        opportunities=NOTES,
        touchpoints=TOUCHPOINTS,
    ),
    min_size=1,
    max_size=5,
)
JOURNEYS = mapping(
    {
        "type": st.just("journey"),
        "title": WORDS,
        "persona": sometimes(IDS, ["ghost", "Bad Id"]),
        "stages": STAGES,
    },
    map=st.sampled_from(list(MAP_TYPE_LABELS)),
    baseline=IDS,
    owner=IDS,
    status=sometimes(st.sampled_from(list(STATUS_LABELS)), ["done"]),
    reviewed=sometimes(st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)), ["soon"]),
    review_every=st.integers(1, 10**9),
    goal=WORDS,
    kpis=KPIS,
)
PERSONAS = mapping(
    {"type": st.just("persona"), "name": WORDS},
    segment=WORDS,
    quote=WORDS,
    goals=st.lists(WORDS, max_size=3),
)
STAKEHOLDERS = mapping(
    {"type": st.just("stakeholder"), "name": WORDS},
    kind=sometimes(st.sampled_from(["team", "partner", "regulator"]), ["boss"]),
    influence=sometimes(st.integers(1, 5), [0, 6]),
    interest=st.integers(1, 5),
    relationships=st.lists(
        st.fixed_dictionaries(
            {"with": IDS, "kind": st.sampled_from(["influences", "conflicts"])},
            optional={"note": WORDS},
        ),
        max_size=3,
    ),
)
MAPS = JOURNEYS | PERSONAS | STAKEHOLDERS


@st.composite
def front_matter_files(draw: st.DrawFn) -> bytes:
    """A Markdown file whose front matter is random YAML, dumped and then mangled."""
    data: Any = draw(MAPS | st.dictionaries(KEYS, VALUES, max_size=8) | VALUES)
    if isinstance(data, dict) and draw(st.booleans()):
        data = {"type": draw(TYPES), **data}
    try:
        text = yaml.safe_dump(
            data,
            allow_unicode=draw(st.booleans()),
            default_flow_style=draw(st.sampled_from([None, False, True])),
            sort_keys=False,
            width=draw(st.sampled_from([20, 80, 10_000])),
        )
    except yaml.YAMLError:
        text = "type: journey\n"
    for _ in range(draw(st.sampled_from([0, 0, 1, 2, 4]))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(PIECES) + text[at:]
    if draw(st.booleans()) and "type" not in text:
        text = "type: journey\n" + text
    closing = draw(st.sampled_from(["---\n", "...\n", "--- \n", ""]))
    whole = "---\n" + text + closing + draw(TEXT)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "crlf", "latin-1"]))
    if encoding == "crlf":
        return whole.replace("\n", "\r\n").encode("utf-8")
    return whole.encode(encoding, errors="replace")


def assert_reported_or_accepted(raw: bytes, loaded: LoadedFile) -> None:
    lines = raw.count(b"\n") + raw.count(b"\r") + 2
    for diagnostic in loaded.diagnostics:
        assert diagnostic.path == PATH
        assert 1 <= diagnostic.line <= lines, diagnostic
        assert diagnostic.column >= 1
        assert diagnostic.severity in ("error", "warning")
        assert diagnostic.message
        text = diagnostic.format_text()
        assert text.startswith(f"{PATH}:{diagnostic.line}: {diagnostic.severity}: ")
        assert "\n" not in text and "\r" not in text and "\x1b" not in text
    if loaded.is_definition and not has_errors(loaded.diagnostics):
        assert loaded.definition is not None, "silently dropped"


@LOADER
@given(front_matter_files())
def test_any_front_matter_is_accepted_or_reported_with_a_line(raw: bytes) -> None:
    loaded = load_bytes(raw, SourceFile("journeys/fuzz.md", PATH))
    assert_reported_or_accepted(raw, loaded)
    again = load_bytes(raw, SourceFile("journeys/fuzz.md", PATH))
    assert again.diagnostics == loaded.diagnostics  # deterministic


@LOADER
@given(st.binary(max_size=300), st.sampled_from([b"", b"---\n", b"---\ntype: journey\n"]))
def test_any_bytes_are_accepted_or_reported_with_a_line(tail: bytes, head: bytes) -> None:
    raw = head + tail
    assert_reported_or_accepted(raw, load_bytes(raw, SourceFile("journeys/fuzz.md", PATH)))


@RENDER
@given(
    st.lists(JOURNEYS, min_size=1, max_size=3),
    st.lists(PERSONAS, min_size=1, max_size=2),
    st.lists(STAKEHOLDERS, max_size=2),
)
def test_accepted_maps_always_render(
    journeys: list[dict], personas: list[dict], stakeholders: list[dict]
) -> None:
    ids = iter("pqstuvwxyz")
    sources = []
    for data in personas + stakeholders + journeys:
        name = next(ids)
        text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\nProse.\n"
        sources.append((SourceFile(f"{data['type']}s/{name}.md", name), text.encode()))
    content = load_content(sources)
    shown = [source.display for source, _ in sources]  # one whole name per file, never ""
    for diagnostic in content.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.path in shown, diagnostic
    renderer = Renderer([str(theme_dir())])
    portal = content.portal
    for definition in portal.all():
        view, template = _VIEWS[definition.type]
        html = renderer.render(
            template, page_data=view(definition, portal, lambda uri: "#"), lead="", body=""
        )
        scripts = BeautifulSoup(html, "html.parser").find_all("script")
        assert not scripts  # chart data lives in data-jm-options attributes: no script elements
    renderer.render(
        "journeys/index.html", body="", page_data=journeys_index(portal, lambda uri: "#")
    )
