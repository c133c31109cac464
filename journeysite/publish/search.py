"""Search: what Material's search plugin indexes of a journeysite page, and its index on disk.

## What a page gives the index

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

## The index written in pieces

Material's search plugin serialises its whole index with one `json.dumps` and encodes the result
before writing it. At 10 000 journeys the index is about 130 MB of JSON, and the string, its
bytes and the encoder's pieces exist at once: the largest allocation of the whole build, half a
gigabyte on top of everything the build holds at its end (bench/README.md). `write_streamed`
writes the same bytes from the plugin's own entries and settings, with the same `json.dumps`
options, and the search plugin skips its own write for that build. Anything this module does
not recognise (another search plugin, an incremental `--dirty` rebuild, which merges the
previous index) is left to the search plugin.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

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


_SEPARATORS = (",", ":")
_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")
"""The settings Material's `SearchIndex.generate_search_index` puts in the index, in its order."""


def material_search(config: Any) -> Any | None:
    """Material's search plugin of this build when it will write a full index, else None."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            enabled = plugin.config.enabled and hasattr(plugin, "search_index")
            full = not plugin.is_dirty and plugin.search_index_prev is None
            return plugin if enabled and full else None
    return None


def index_chunks(search_index: Any) -> Iterator[str]:
    """The JSON of Material's `generate_search_index`, in pieces of one entry each."""
    settings = {key: search_index.config[key] for key in _CONFIG_KEYS}
    head = json.dumps(settings, separators=_SEPARATORS, default=str)
    yield f'{{"config":{head},"docs":['
    for position, entry in enumerate(search_index.entries):
        text = json.dumps(entry, separators=_SEPARATORS, default=str)
        yield f",{text}" if position else text
    yield "]}"


def write_streamed(config: Any) -> Any | None:
    """Write `search/search_index.json` and turn off the search plugin's own write.

    Returns the plugin, whose `enabled` must be set back to True once this build's
    `on_post_build` has run (journeysite.plugin), or None when the plugin is left to write it.
    """
    plugin = material_search(config)
    if plugin is None:
        return None
    path = os.path.join(config.site_dir, "search", "search_index.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.writelines(index_chunks(plugin.search_index))
    plugin.config.enabled = False
    return plugin


def search_plugin(config: Any) -> Any | None:
    """Material's search plugin of this build when it is on, else None."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            return plugin if hasattr(plugin, "search_index") else None
    return None


def entries_text(entries: list[dict[str, Any]]) -> str:
    """Some entries of the index as its JSON writes them, without the brackets around them."""
    return ",".join(json.dumps(e, separators=_SEPARATORS, default=str) for e in entries)


def write_pages(config: Any, plugin: Any, texts: Iterable[str]) -> None:
    """Write the index from each page's `entries_text`, in page order, and skip the plugin's write.

    Under `journeysite serve` only the rebuilt pages reach the search plugin; the other pages'
    entries are the ones their last build gave. Set `plugin.config.enabled` back afterwards.
    """
    settings = {key: plugin.search_index.config[key] for key in _CONFIG_KEYS}
    head = json.dumps(settings, separators=_SEPARATORS, default=str)
    path = os.path.join(config.site_dir, "search", "search_index.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(f'{{"config":{head},"docs":[')
        out.write(",".join(text for text in texts if text))
        out.write("]}")
    plugin.config.enabled = False
