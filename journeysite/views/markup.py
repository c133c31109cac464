"""Inline Markdown inside string fields: rendered with markdown-it-py, raw HTML escaped, images off."""

from __future__ import annotations

import string
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

# commonmark without raw HTML; images would fetch from other hosts, so they stay text.
_MD = MarkdownIt("commonmark", {"html": False}).disable("image")


@lru_cache(maxsize=65536)
def inline(text: str) -> Markup:
    """HTML for one line of writer's text: **bold**, *em*, `code`, links (javascript: refused)."""
    return Markup(_MD.renderInline(text))


def literal_markdown(text: str) -> str:
    """Writers' text placed in Markdown that MkDocs renders (a generated page's `# heading`), shown
    exactly as written: one line, every ASCII punctuation mark as a character reference.

    MkDocs' Markdown would otherwise turn `[x](javascript:…)` into a link, `{: onclick=… }` into an
    attribute (attr_list), `![](https://…)` into a request to another host, and a line break
    into a new block.
    """
    return "".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in " ".join(text.split()))


_PUNCTUATION = frozenset(string.punctuation)
