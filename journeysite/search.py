"""What the search plugin indexes of a journeysite page: the same words in flatter HTML.

Material's search plugin reads every page's HTML with Python's `html.parser`, and its cost per
tag grows with how deeply the tag is nested. The generated sections of a journey page (the
stages × lanes grid, touchpoint cards, data tables) are deep and tag-heavy: indexing them took
two thirds of the time to build a page. The search plugin only keeps the text under each heading,
so the generated sections are handed to it as one heading plus one paragraph of text each.
The writer's part of the page (everything before the first generated heading) is indexed as is.

Headings keep their ids, so results still link to the section; chart data tables, which repeat
the chart's points, and anything marked `data-search-exclude` are left out of the index. The
plugin swaps this HTML in for the search plugin only (journeysite.plugin, `on_page_context`).
Regular expressions are enough here because the HTML after the first generated heading is our
own templates' output, which is well formed.
"""

from __future__ import annotations

import re

_GENERATED_HEADING = re.compile(r'<h[2-6] id="(?:jm|tp)-')
_SKIPPED = tuple(
    re.compile(pattern, re.DOTALL)  # one literal-led pattern each: much faster than alternatives
    for pattern in (
        r"<script\b.*?</script>",
        r"<style\b.*?</style>",
        r'<details class="jm-chart__data">.*?</details>',
        r'<a class="headerlink"[^>]*>.*?</a>',
    )
)
_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
_HEADING_TAG = re.compile(r"<(/?h[1-6])\b([^>]*)>")
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|code|em|i|kbd|mark|s|small|span|strong|sub|sup|time|u)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")
_OPENING = re.compile("\x01(h[1-6][^\x02]*)\x02")
_CLOSING = re.compile("\x01/(h[1-6])\x02")
_EMPTY = re.compile(r"<p>\s*</p>")


def search_html(html: str) -> str | None:
    """The HTML to index for a rendered journeysite page, or None to index it unchanged."""
    start = _GENERATED_HEADING.search(html)
    if start is None:
        return None
    generated = html[start.start() :]
    if "data-search-exclude" in generated:
        generated = _without_excluded(generated)
    for skipped in _SKIPPED:
        generated = skipped.sub(" ", generated)
    # Whole-text passes (no Python per tag): headings are kept as \x01…\x02 while every other
    # tag goes, then the text between two headings becomes one paragraph.
    text = _HEADING_TAG.sub("\x01\\1\\2\x02", generated)
    text = " ".join(_TAG.sub(" ", _INLINE_TAG.sub("", text)).split())
    text = _CLOSING.sub(r"</\1><p>", _OPENING.sub(r"</p><\1>", text))
    return html[: start.start()] + _EMPTY.sub("", f"<p>{text}</p>")


def _without_excluded(html: str) -> str:
    """Drop every element that carries `data-search-exclude`, with all it contains."""
    while (match := _EXCLUDED.search(html)) is not None:
        end = _element_end(html, match.group(1), match.end())
        html = html[: match.start()] + html[end:]
    return html


def _element_end(html: str, tag: str, position: int) -> int:
    depth = 1
    for match in re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE).finditer(html, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)
