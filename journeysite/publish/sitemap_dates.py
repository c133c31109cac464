"""Page dates from content, so the sitemap does not change with the day of the build.

MkDocs stamps every page with the build date (`Page.update_date`, shown as `<lastmod>` in
sitemap.xml and used as the timestamp inside sitemap.xml.gz) unless SOURCE_DATE_EPOCH is set.
That makes two builds of the same content on different days differ, and tells crawlers that every
page changed today. A journey's page takes the day the map was last reviewed; any other page gets
no `<lastmod>`, which the sitemap protocol allows. Dates another plugin has set are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from journeysite.content.portal import Portal, journey_model


def content_date(portal: Portal, src_uri: str) -> str:
    """The ISO date a page's content gives it, or '' when its content has none."""
    definition = portal.by_uri.get(src_uri)
    if definition is None or definition.type != "journey":
        return ""
    reviewed = journey_model(definition).reviewed
    return reviewed.isoformat() if reviewed else ""


def date_pages(pages: Iterable[Page], portal: Portal) -> None:
    """Replace MkDocs' build date with content dates, when at least one page has one.

    With no date anywhere in the content MkDocs keeps its own (it cannot write sitemap.xml.gz
    without one); set SOURCE_DATE_EPOCH to make such a portal reproducible across days.
    """
    build_date = get_build_date()
    pages = list(pages)
    ours = [page for page in pages if page.update_date == build_date]
    dates = [content_date(portal, page.file.src_uri) for page in ours]
    if not any(dates) and len(ours) == len(pages):
        return
    for page, date in zip(ours, dates, strict=True):
        page.update_date = date
