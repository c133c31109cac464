"""HTML from page data: Jinja templates under the theme, autoescaped; chart data as inert JSON."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from journeysite.content.cache import by_identity
from journeysite.format import i18n
from journeysite.views.charts import Chart
from journeysite.views.drawing import Drawing, draw

_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("'", "\\u0027"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
"""Replaced one by one: str.replace is far faster than str.translate with a mapping on long text."""


def theme_dir() -> Path:
    """The templates and assets: inside the installed package, or `theme/` beside it in a checkout."""
    package = Path(__file__).parent.parent
    packaged = package / "theme"
    return packaged if packaged.is_dir() else package.parent / "theme"


@by_identity()
def chart_json(options: Any) -> Markup:
    """JSON that cannot close a <script> element or start markup, whatever strings it holds."""
    text = json.dumps(options, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for char, escaped in _JSON_ESCAPES:
        text = text.replace(char, escaped)
    return Markup(text)


@by_identity()
def chart_drawing(chart: Chart) -> Drawing:
    """The chart's build-time SVG shapes (journeysite/views/drawing.py), once per chart object."""
    return draw(chart)


@jinja2.pass_context
def _template_gettext(context: jinja2.runtime.Context, message: str, **variables: Any) -> str:
    """Jinja's newstyle `_()` without its two indirections (`_` looks up `gettext`, which calls
    through the context): the same result, from about 300 calls a page, 6 % of a large build."""
    text = i18n.gettext(message)
    if not context.eval_ctx.autoescape:
        return text % variables
    return _formatted(text) if not variables else Markup(text) % variables


@jinja2.pass_context
def _template_ngettext(
    context: jinja2.runtime.Context, singular: str, plural: str, num: int, **variables: Any
) -> str:
    """Jinja's newstyle `ngettext()`: `num` is a variable of the message too."""
    variables.setdefault("num", num)
    text = i18n.ngettext(singular, plural, num)
    return (Markup(text) if context.eval_ctx.autoescape else text) % variables


@functools.lru_cache(maxsize=4096)
def _formatted(text: str) -> Markup:
    """A message without variables as newstyle gettext returns it (`%%` reads as `%`), once."""
    return Markup(text) % {}


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, by Jinja's own bucket keys.

    `mkdocs serve` makes new Jinja environments (Material's and ours) for every rebuild, and
    compiling their templates again took a third of a second of each rebuild. Jinja compares each
    template's source checksum with the cached one, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


class Renderer:
    """Renders `journeysite/*.html` templates, looked up through the theme's search path.

    The loader follows the MkDocs theme dirs, so a portal's `custom_dir` can override any of them.
    """

    def __init__(self, search_path: list[str]) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search_path),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=COMPILED,
        )
        # Templates mark their text with `_()`: the build's active translator (format/i18n.py).
        self.env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
        self.env.globals.update(_=_template_gettext, gettext=_template_gettext)
        self.env.globals["ngettext"] = _template_ngettext
        self.env.filters["date"] = i18n.format_date
        self.env.filters["number"] = i18n.format_number
        self.env.filters["chart_json"] = chart_json
        self.env.filters["drawing"] = chart_drawing

    def render(self, template: str, **context: Any) -> str:
        """The template's output, joined a batch of pieces at a time.

        Jinja's own `render` joins every piece at once, so a page of 50 000 table rows (a
        10 000-journey portfolio's pain points) held about a million small strings next to the
        result. Joining batches keeps at most one batch of them alive.
        """
        pieces = self.env.get_template(f"journeysite/{template}").generate(**context)
        return "".join(_batches(pieces))


def _batches(pieces: Iterator[str], size: int = 4096) -> Iterator[str]:
    while batch := list(itertools.islice(pieces, size)):
        yield "".join(batch)
