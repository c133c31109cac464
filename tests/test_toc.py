"""Generated headings join a page's table of contents while it is written, and only then."""

from __future__ import annotations

import markdown
from mkdocs.structure.toc import TableOfContents, get_toc

from journeysite.publish.toc import extend_toc

GENERATED = (
    '<h2 id="jm-map">Journey map<a class="headerlink" href="#jm-map">¶</a></h2>'
    '<h3 id="tp-web-form-name"><span>Web form</span><a class="headerlink" href="#">¶</a></h3>'
    '<h2 id="jm-sources">Sources<a class="headerlink" href="#jm-sources">¶</a></h2>'
)


def writer_toc(text: str) -> TableOfContents:
    md = markdown.Markdown(extensions=["toc"])
    md.convert(text)
    return get_toc(md.toc_tokens)


def outline(toc: TableOfContents) -> list[tuple[str, list]]:
    def walk(items: list) -> list:
        return [(i.title, walk(i.children)) for i in items]

    return walk(toc.items)


def test_headings_under_a_single_h1_are_removed_after_the_page_is_written() -> None:
    toc = writer_toc("# Onboarding\n\n## Notes\n")
    remove = extend_toc(toc, GENERATED)
    assert outline(toc) == [
        ("Onboarding", [("Notes", []), ("Journey map", [("Web form", [])]), ("Sources", [])])
    ]
    remove()
    assert outline(toc) == [("Onboarding", [("Notes", [])])]


def test_headings_after_a_page_without_h1_are_removed_too() -> None:
    toc = writer_toc("## Notes\n")
    remove = extend_toc(toc, GENERATED)
    assert [title for title, _ in outline(toc)] == ["Notes", "Journey map", "Sources"]
    remove()
    assert outline(toc) == [("Notes", [])]
