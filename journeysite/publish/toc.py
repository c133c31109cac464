"""Add the generated sections' headings to a page's table of contents."""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.structure.toc import AnchorLink, TableOfContents

_HEADING = re.compile(r'<h([23]) id="((?:jm|tp)-[^"]+)">(.*?)<a class="headerlink"', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def extend_toc(toc: TableOfContents, html: str) -> Callable[[], None]:
    """Append h2/h3 headings that journeysite generated (ids `jm-…`, `tp-…`) after the writer's.

    Returns the function that removes them again: a page's generated headings are needed only
    while it is written, and kept they would add up to every heading of the portfolio (about
    180 MB at 10 000 journeys).
    """
    current: AnchorLink | None = None
    # Material lists only the children of a page's single h1 (generated pages start with one).
    top = toc.items[0].children if len(toc.items) == 1 and toc.items[0].level == 1 else toc.items
    length = len(top)
    for level, anchor, inner in _HEADING.findall(html):
        title = _TAG.sub("", inner).strip()
        link = AnchorLink(title, anchor.removesuffix("-name"), int(level))
        if level == "2" or current is None:
            top.append(link)
            current = link
        else:
            current.children.append(link)

    def remove() -> None:
        del top[length:]

    return remove
