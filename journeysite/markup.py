"""Inline Markdown inside string fields: rendered with markdown-it-py, raw HTML escaped, images off."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

# commonmark without raw HTML; images would fetch from other hosts, so they stay text.
_MD = MarkdownIt("commonmark", {"html": False}).disable("image")


@lru_cache(maxsize=65536)
def inline(text: str) -> Markup:
    """HTML for one line of writer's text: **bold**, *em*, `code`, links (javascript: refused)."""
    return Markup(_MD.renderInline(text))
