"""What the search plugin indexes of a journeysite page: its text, flat and without repeats.

Material's search plugin reads every page's HTML with Python's `html.parser`, and its cost per
tag grows with how deeply the tag is nested. The generated sections of a journey page (the
stages × lanes grid, touchpoint cards, tables) are deep and tag-heavy: indexing them took two
thirds of the time to build a page, and their repeated labels, owners and emotion words made up
a third of a 28 MB search index for 2 000 journeys, which every reader's browser downloads and
which the build holds in memory. So the generated sections are handed to the search plugin as
their headings (ids kept, so results still link to the section) plus one paragraph each of the
pieces of text not already indexed higher up the page; a heading with nothing new is left out,
except a touchpoint's, so each touchpoint stays a result of its own. Charts are left out (their points are in
the grid and the touchpoint cards), as is anything marked `data-search-exclude`, with the headings
inside it (Material's own parser would keep those as empty results). The derived views (the
portfolio's tables and lists, the ownership matrix, the team pages' touchpoints) are marked so:
each item is indexed on the page where it is written, and found once. The writer's part of the
page (everything before the first generated heading) is otherwise indexed as it is.

The plugin swaps this HTML in for the search plugin only (journeysite.plugin, `on_page_context`).
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
        r'<a class="headerlink"[^>]*>.*?</a>',
    )
)
_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
_HEADING = re.compile(r"(<h[1-6]\b[^>]*>.*?</h[1-6]>)", re.DOTALL)
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|code|em|i|kbd|mark|s|small|span|strong|sub|sup|time|u)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")


def search_html(html: str) -> str | None:
    """The HTML to index for a rendered journeysite page, or None to index it unchanged."""
    excluded = "data-search-exclude" in html
    if excluded:  # anywhere: a wrapper can open before the first generated heading inside it
        html = _without_excluded(html)
    start = _GENERATED_HEADING.search(html)
    if start is None:
        return html if excluded else None
    generated = html[start.start() :]
    for skipped in _SKIPPED:
        generated = skipped.sub("", generated)
    parts = _HEADING.split(generated)  # text, heading, text, heading, ..., text
    seen: set[str] = set()
    sections = []
    for heading, text in zip(["", *parts[1::2]], parts[::2], strict=True):
        fresh = []
        for piece in _TAG.split(_INLINE_TAG.sub("", text)):
            piece = " ".join(piece.split())
            if piece and piece not in seen:
                seen.add(piece)
                fresh.append(piece)
        if fresh:
            sections.append(f"{heading}<p>{' '.join(fresh)}</p>")
        elif 'id="tp-' in heading:  # a touchpoint stays a search result of its own
            sections.append(heading)
    return html[: start.start()] + "".join(sections)


def _without_excluded(html: str) -> str:
    """Drop every element that carries `data-search-exclude`, with all it contains.

    The kept stretches are joined once: a portfolio page of 30 MB with a dozen excluded tables
    would otherwise be copied once per table.
    """
    kept, position = [], 0
    while (match := _EXCLUDED.search(html, position)) is not None:
        kept.append(html[position : match.start()])
        position = _element_end(html, match.group(1), match.end())
    kept.append(html[position:])
    return "".join(kept)


def _element_end(html: str, tag: str, position: int) -> int:
    depth = 1
    for match in re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE).finditer(html, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)
