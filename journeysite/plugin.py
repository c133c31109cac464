"""MkDocs events only: load and check everything in on_files, then render each page from page data."""

from __future__ import annotations

import dataclasses
import html
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from journeysite.build_date import BuildDateError, resolve_build_date
from journeysite.config import JourneysiteConfig
from journeysite.content import heap
from journeysite.content.cache import LoadCache, memoise
from journeysite.content.checks import unowned_touchpoints
from journeysite.content.load import SourceFile, display_path
from journeysite.content.paths import SiteFile, check_links, project_roots
from journeysite.content.selection import loaded_pages
from journeysite.content.tree import Content, load_content
from journeysite.format import i18n
from journeysite.project import Project
from journeysite.publish.export_folder import ExportFolder
from journeysite.publish.locales import translator_for
from journeysite.publish.navigation import SectionIndexPage, build_nav, prune_when_grouped
from journeysite.publish.pages import GeneratedPage, Settings, generated_files, generated_pages
from journeysite.publish.render import Renderer, theme_dir
from journeysite.publish.safeguards import safe_features
from journeysite.publish.search import search_html, write_streamed
from journeysite.publish.sitemap_dates import date_pages
from journeysite.publish.staging import StagedSite
from journeysite.publish.toc import extend_toc
from journeysite.publish.translated_files import (
    Translation,
    UnsupportedStructure,
    translation_of,
)
from journeysite.views.journey import journey_page
from journeysite.views.markup import literal_markdown
from journeysite.views.persona import persona_page
from journeysite.views.stakeholder import stakeholder_page

log = get_plugin_logger(__name__)

ASSETS = "assets/journeysite"
STYLESHEET = f"{ASSETS}/journeysite.css"
SCRIPTS = (f"{ASSETS}/vendor/echarts/echarts.min.js", f"{ASSETS}/journeysite.js")
SCRIPTS += (
    f"{ASSETS}/vendor/tablesort/tablesort.min.js",
    f"{ASSETS}/vendor/tablesort/sorts/tablesort.number.min.js",
    f"{ASSETS}/tables.js",
)
_LEADING_H1 = re.compile(r"^\s*(<h1[^>]*>.*?</h1>)", re.DOTALL)

_VIEWS = {
    "journey": (journey_page, "journey.html"),
    "persona": (persona_page, "persona.html"),
    "stakeholder": (stakeholder_page, "stakeholder.html"),
}


class JourneysitePlugin(BasePlugin[JourneysiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.content: Content | None = None
        self.project: Project | None = None
        """What `journeysite check` reads from mkdocs.yml too (journeysite/project.py)."""
        self.renderer: Renderer | None = None
        self.settings = Settings()
        self.pages: dict[str, GeneratedPage] = {}
        self.made: set[str] = set()
        self.stage_builds = False
        self.staged: StagedSite | None = None
        self.mkdocs_config: Any = None
        self.files: Files | None = None
        self.rendered: dict[str, tuple[str, str, Callable[[], None]]] = {}
        """(Markdown HTML, full HTML, undo of its toc entries) of the page being written."""
        self.load_cache = LoadCache()
        """Files parsed and validated by earlier builds of this serve session."""
        self.exports = ExportFolder()
        """Where this build's exports are written before MkDocs copies them into the site."""
        self.muted_search: Any = None
        """Material's search plugin while its own index write is skipped (journeysite.publish.search)."""
        self.translation: Translation | None = None
        """The language mkdocs-static-i18n is building, when it is there (publish/translated_files)."""
        self.untranslated: set[str] = set()
        """Languages already reported as having no catalog (one INFO line each, not one a build)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        # A dirty build keeps the old site's files on purpose: it cannot start from an empty folder.
        self.stage_builds = command in ("build", "gh-deploy") and not dirty
        memoise(self.serving)

    def on_config(self, config: Any) -> Any:
        theme = str(theme_dir())
        if theme not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme)
        if self.config.offline:
            config.theme["font"] = False
        features, unsafe = safe_features(config.theme.get("features") or [])
        if unsafe:
            config.theme["features"] = features
            log.info("turned off %s: it shows writers' text as HTML", ", ".join(unsafe))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        present = {str(script) for script in config.extra_javascript}
        config.extra_javascript.extend(s for s in SCRIPTS if s not in present)
        self.renderer = Renderer(list(config.theme.dirs))
        self.project = Project.of_build(config, self.config)
        try:
            build_date = resolve_build_date(self.config.build_date, os.environ)
        except BuildDateError as err:
            raise PluginError(f"journeysite: {err}") from None
        self.settings = Settings(
            journeys_index=self.config.journeys_index,
            nav_title=self.config.nav_title,
            build_date=build_date,
            portfolio_title=self.config.portfolio_title,
            nav_grouping=self.config.nav_grouping,
            nav_group_threshold=self.config.nav_group_threshold,
            matrix_rows=self.config.ownership_matrix_rows,
            table_rows=self.config.portfolio_table_rows,
        )
        try:
            translated = translation_of(config)
        except UnsupportedStructure as err:
            raise PluginError(f"journeysite: {err}") from None
        if translated is None:
            self._stage(config)
        else:  # it builds each language into the site itself, after ours: swap nothing
            self.staged, self.mkdocs_config = None, config
        return config

    def on_pre_build(self, *, config: Any) -> None:
        # After every plugin's on_config: mkdocs-static-i18n sets this build's language in its own.
        self._activate_language(config)
        self.translation = translation_of(config)
        self.settings = dataclasses.replace(
            self.settings,
            # The default titles are catalog messages; a portal's own title passes through as is.
            nav_title=i18n.gettext(self.config.nav_title),
            portfolio_title=i18n.gettext(self.config.portfolio_title),
        )

    def _activate_language(self, config: Any) -> None:
        """Generated text in the theme's language (mkdocs-static-i18n sets it for each language)."""
        language = str(config.theme.get("language") or config.theme.get("locale") or "en")
        translator, locale, found = translator_for(language, self.config.labels)
        i18n.activate(translator, locale)
        if found is None and language not in self.untranslated:
            self.untranslated.add(language)
            log.info(f"no catalog for language {language!r}: generated text is in English")

    def _stage(self, config: Any) -> None:
        """Build into a folder beside site_dir; on_post_build swaps it in (journeysite/publish/staging.py)."""
        self.staged, self.mkdocs_config = None, config
        if not self.stage_builds:
            return
        staged = StagedSite(config.site_dir)
        try:
            config.site_dir = str(staged.begin())
        except OSError as exc:
            log.warning(f"building in place: cannot create {staged.staging} ({exc.strerror})")
            return
        self.staged = staged
        log.info(f"building into {staged.staging.name}; it replaces {staged.site} on success")

    @event_priority(100)  # first: instead of the search plugin's own write of its index
    def _write_search_index(self, *, config: Any) -> None:
        self.muted_search = write_streamed(config)

    @event_priority(-100)  # last: after every other plugin wrote its files into the staged site
    def _commit(self, *, config: Any) -> None:
        self._unmute_search()
        heap.thaw()
        self.exports.clear()  # copied into the site by now
        if self.staged is None:
            return
        if _strict_warnings(config):
            return  # MkDocs aborts right after this event; on_build_error drops the staged site
        self.staged.commit()
        config.site_dir = str(self.staged.site)
        self.staged = None

    on_post_build = CombinedEvent(_write_search_index, _commit)

    def _unmute_search(self) -> None:
        if self.muted_search is not None:
            self.muted_search.config.enabled = True
            self.muted_search = None

    def on_build_error(self, *, error: Exception) -> None:
        self._unmute_search()
        heap.thaw()
        self.exports.clear()
        if self.staged is not None:
            self.staged.abandon()
            self.mkdocs_config.site_dir = str(self.staged.site)
            self.staged = None

    @event_priority(50)  # before other plugins look at pages, so they see the generated ones
    def _files(self, files: Files, *, config: Any) -> Files:
        return files if self.translation is not None else self._load_files(files, config)

    @event_priority(-110)  # after mkdocs-static-i18n (-100) chose this language's files
    def _files_of_language(self, files: Files, *, config: Any) -> Files:
        return files if self.translation is None else self._load_files(files, config)

    on_files = CombinedEvent(_files, _files_of_language)

    def _load_files(self, files: Files, config: Any) -> Files:
        site = [_site_file(f, config) for f in files if not f.inclusion.is_excluded()]
        links = check_links(site, Path(config.docs_dir), _project_roots(config))
        for file in [f for f in files if f.src_uri in links.unsafe]:
            files.remove(file)  # never read, never published
        assert self.project is not None
        translation = self.translation

        def name(file: File) -> str | None:
            return translation.page_name(file.src_uri) if translation else None

        sources = [
            (SourceFile(f.src_uri, display_path(Path(_abs_path(f, config))), name(f)), _source(f))
            for f in loaded_pages(files)
        ]
        unowned = "error" if self.project.require_owner else None
        self.load_cache.retain({source.src_uri for source, _ in sources})
        self.content = content = load_content(
            sources,
            self.project.limits,
            unowned,
            site=[s for s in site if s.src_uri not in links.unsafe],
            problems=links.diagnostics,
            load=self.load_cache.load,
        )
        self._report(content)
        if not self.project.require_owner and (count := len(unowned_touchpoints(content.portal))):
            # Not a warning: `--strict` would fail portals that list them on purpose.
            log.info(f"{count} unowned touchpoint{'s' if count != 1 else ''}, listed on ownership/")
        for file in files.documentation_pages():
            loaded = content.files.get(file.src_uri)
            if loaded is not None and loaded.is_definition:
                source = file.abs_src_path
                file.content_string = loaded.body  # MkDocs never re-reads our front matter
                # Setting the content unsets the path; plugins that read the source file (git
                # dates) need it back. MkDocs reads the content set here, not the file.
                file.abs_src_path = source
        self.pages = {p.src_uri: p for p in generated_pages(content.portal, self.settings)}
        self.made = set()
        for generated in self.pages.values():
            if files.get_file_from_path(generated.src_uri) is None:  # a writer's own page wins
                title = literal_markdown(generated.title)
                page = File.generated(config, generated.src_uri, content=f"# {title}\n")
                files.append(self._in_language(page))
                self.made.add(generated.src_uri)
        self.exports.clear()
        for output in generated_files(content.portal, self.settings):
            path = self.exports.write(output.src_uri, output.content(content.portal))
            files.append(
                self._in_language(File.generated(config, output.src_uri, abs_src_path=str(path)))
            )
        heap.freeze()  # the portfolio and MkDocs' files live until the build ends
        return files

    def _in_language(self, file: File) -> File:
        """A generated file of a translated build goes where that language's pages go (`de/`)."""
        if self.translation is not None:
            file.dest_uri = self.translation.dest_uri(file.dest_uri)
        return file

    def _report(self, content: Content) -> None:
        for diagnostic in content.diagnostics:
            (log.error if diagnostic.severity == "error" else log.warning)(diagnostic.format_text())
        errors = sum(d.severity == "error" for d in content.diagnostics)
        if errors and not self.serving:
            raise PluginError(
                f"{errors} error{'s' if errors != 1 else ''} in journey maps; fix the lines above "
                "(run `journeysite check` to see them without building)"
            )

    def on_nav(self, nav: Navigation, *, config: Any, files: Files) -> Navigation:
        assert self.content is not None
        self.files = files
        portal = self.content.portal
        pages = {
            d.file.src_uri: files.get_file_from_path(d.file.src_uri).page for d in portal.all()
        }
        for persona in portal.personas.values():  # a persona's page opens its journeys' section
            pages[persona.file.src_uri] = SectionIndexPage(
                None, files.get_file_from_path(persona.file.src_uri), config
            )
        generated = [(g, files.get_file_from_path(uri).page) for uri, g in self.pages.items()]
        prune_when_grouped(config, self.pages.values())
        return build_nav(
            nav,
            portal,
            pages,
            generated,
            # The default titles are catalog messages; a portal's own title passes through as is.
            i18n.gettext(self.config.nav_title),
            i18n.gettext(self.config.stakeholders_title),
            i18n.gettext(self.config.ownership_title),
            self.settings,
        )

    def on_page_markdown(self, markdown: str, *, page: Page, config: Any, files: Files) -> str:
        assert self.content is not None
        if page.file.src_uri in self.made:
            # Without a meta title Material writes `page.title | striptags` into <title>, which
            # unescapes the heading: a writer's `</title><script>` in a name would run.
            page.meta["title"] = html.escape(self.pages[page.file.src_uri].title)
            return markdown
        loaded = self.content.files.get(page.file.src_uri)
        if loaded is None or not loaded.is_definition:
            return markdown
        definition = loaded.definition
        if definition is None:
            stem = os.path.splitext(os.path.basename(page.file.src_uri))[0]
            page.meta.update({"title": html.escape(stem)})
            return markdown
        model = definition.model
        # MkDocs and Material treat titles and descriptions as HTML: writers' text must be escaped.
        meta: dict[str, Any] = {"title": html.escape(definition.title)}
        if model.description:
            meta["description"] = html.escape(model.description)
        if model.hide:
            meta["hide"] = list(model.hide)
        page.meta.update(meta)  # keeps what other plugins added (git dates)
        return markdown

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        assert self.content is not None
        pages = (f.page for f in files.documentation_pages() if f.page is not None)
        date_pages(pages, self.content.portal)  # before MkDocs writes sitemap.xml
        heap.freeze()  # and now every page's Markdown, toc and navigation
        return env

    def render_content(self, html: str, page: Page, files: Files) -> str | None:
        """The page's full HTML around the writer's `html`, or None for pages that are not ours."""
        assert self.content is not None and self.renderer is not None
        uri = page.file.src_uri
        portal = self.content.portal

        def url_for(target_uri: str) -> str:
            target = files.src_uris.get(target_uri)  # a dict: get_file_from_path parses a path
            return target.url_relative_to(page.file) if target else "#"

        lead, body = _split_lead(html)
        if (generated := self.pages.get(uri)) is not None:
            out = self.renderer.render(
                generated.template,
                page_data=generated.view(portal, url_for),
                as_of=self.settings.build_date,
                body=_markup(html),
            )
        elif (definition := portal.by_uri.get(uri)) is not None:
            view, template = _VIEWS[definition.type]
            out = self.renderer.render(
                template,
                page_data=view(definition, portal, url_for),
                lead=_markup(lead),
                body=_markup(body),
            )
            if problems := self.content.problems_of(uri):  # serve mode: e.g. a dangling reference
                out = self.renderer.render("_problems.html", diagnostics=problems) + out
        elif uri in self.content.files and self.content.files[uri].is_definition:
            problems = self.content.problems_of(uri)
            out = self.renderer.render("errors.html", diagnostics=problems, body=_markup(html))
        else:
            return None
        return out

    # A page's generated HTML exists only while that page is written: rendered just before its
    # template (after every page's Markdown has been read, so the portal is complete) and dropped,
    # with its table-of-contents entries, once it is written. MkDocs keeps every page's `content`
    # until the build ends, which at 10 000 journeys would hold about a gigabyte of HTML.

    @event_priority(100)  # before the search plugin reads page.content
    def _render_page(self, context: Any, *, page: Page, config: Any, nav: Navigation) -> Any:
        assert self.files is not None
        markdown_html = page.content or ""
        full = self.render_content(markdown_html, page, self.files)
        if full is not None:
            self.rendered[page.file.src_uri] = (markdown_html, full, extend_toc(page.toc, full))
            page.content = search_html(full) or full  # what the search plugin indexes
            if hasattr(page, "html"):
                # mkdocs-print-site-plugin kept the Markdown's HTML (on_page_content) for its print
                # page, which would hold none of the maps' generated content. It wants a leading
                # <h1>: the page title, escaped by on_page_markdown.
                page.html = full if _LEADING_H1.match(full) else f"<h1>{page.title}</h1>{full}"
        return context

    @event_priority(-100)  # after every plugin has indexed it, before the theme renders it
    def _restore_full_html(self, context: Any, *, page: Page, config: Any, nav: Navigation) -> Any:
        if (rendered := self.rendered.get(page.file.src_uri)) is not None:
            page.content = rendered[1]
        return context

    on_page_context = CombinedEvent(_render_page, _restore_full_html)

    def on_post_page(self, output: str, *, page: Page, config: Any) -> str:
        if (rendered := self.rendered.pop(page.file.src_uri, None)) is not None:
            page.content, _, remove_generated_headings = rendered
            remove_generated_headings()  # until the page is built again
        return output


def _split_lead(html: str) -> tuple[str, str]:
    """A leading <h1> written by the writer stays first; the generated header follows it."""
    match = _LEADING_H1.match(html)
    if match is None:
        return "", html
    return match.group(1), html[match.end() :]


def _markup(html: str) -> Markup:
    return Markup(html)


def _abs_path(file: File, config: Any) -> str:
    return file.abs_src_path or os.path.join(config.docs_dir, file.src_path)


def _source(file: File) -> bytes | Path:
    """A file on disk is read by journeysite with a size bound; one made in memory is taken as is."""
    if file.generated_by is None and file.abs_src_path:
        return Path(file.abs_src_path)
    return file.content_bytes


def _site_file(file: File, config: Any) -> SiteFile:
    on_disk = file.abs_src_path if file.generated_by is None else None
    shown = display_path(Path(on_disk)) if on_disk else file.src_uri
    return SiteFile(file.src_uri, file.dest_uri, shown, on_disk)


def _project_roots(config: Any) -> list[Path]:
    start = os.path.dirname(config.config_file_path) if config.config_file_path else "."
    return project_roots(Path(start))


def _strict_warnings(config: Any) -> bool:
    """Whether MkDocs counted warnings it will abort on in strict mode (its own counter)."""
    return bool(config.strict) and any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )
