"""MkDocs events only: load and check everything in on_files, then render each page from page data."""

from __future__ import annotations

import dataclasses
import functools
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
from mkdocs.structure.files import File, Files, InclusionLevel
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
from journeysite.publish import incremental, page_workers
from journeysite.publish.export_folder import ExportFolder, write_pieces
from journeysite.publish.locales import translator_for
from journeysite.publish.navigation import SectionIndexPage, build_nav, prune_when_grouped
from journeysite.publish.pages import GeneratedPage, Settings, generated_files, generated_pages
from journeysite.publish.render import COMPILED, Renderer, theme_dir
from journeysite.publish.safeguards import safe_features
from journeysite.publish.search import (
    entries_text,
    search_html,
    search_plugin,
    write_pages,
    write_streamed,
)
from journeysite.publish.sitemap_dates import date_pages
from journeysite.publish.staging import StagedSite
from journeysite.publish.toc import extend_toc
from journeysite.publish.translated_files import (
    Translation,
    UnsupportedStructure,
    translation_of,
)
from journeysite.views.journey import journey_page
from journeysite.views.lifecycle import framework_page
from journeysite.views.markup import literal_markdown
from journeysite.views.opportunities import opportunity_page
from journeysite.views.persona import persona_page
from journeysite.views.solutions import solution_page
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
SCRIPTS += (f"{ASSETS}/vendor/html-to-image/html-to-image.min.js",)  # journey maps as PNG
CANVAS_HIDES = ("navigation", "toc")
"""What Material hides on a journey page, so its grid gets the window's width."""
_LEADING_H1 = re.compile(r"^\s*(<h1[^>]*>.*?</h1>)", re.DOTALL)

_VIEWS = {
    "journey": (journey_page, "journey.html"),
    "persona": (persona_page, "persona.html"),
    "stakeholder": (stakeholder_page, "stakeholder.html"),
    "framework": (framework_page, "framework.html"),
    "opportunity": (opportunity_page, "opportunity.html"),
    "solution": (solution_page, "solution.html"),
}
_DATED = frozenset({"journey", "opportunity", "solution"})
"""Views that flag overdue solutions against the build's day (settings.build_date), not the clock."""


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
        self.child: page_workers.Child | None = None
        """The process writing this build's last pages, if any (journeysite.publish.page_workers)."""
        self.child_pages: list[tuple[File, InclusionLevel]] = []
        self.all_pages: list[File] = []
        self.parent_last: File | None = None
        self.child_private_mb = 0.0
        self.nav: Navigation | None = None
        self.dirty_serve = False
        """`journeysite serve`: rebuild only the pages an edit touches (journeysite.publish.incremental)."""
        self.last_build: incremental.Build | None = None
        self.build: incremental.Build | None = None
        self.page_order: list[str] = []
        self.first: set[str] = set()
        """The edited pages of a dirty serve build: shown as soon as they are written."""
        self.preview: Any = None
        """`journeysite serve`'s server (journeysite.publish.serve.PreviewServer), once serving."""
        self.show_next = False
        self.search: Any = None
        """Material's search plugin of a dirty serve build, if on."""
        self.search_start: dict[str, int] = {}
        """Where each page's entries start in the search plugin's list (dirty serve only)."""
        self.translation: Translation | None = None
        """The language mkdocs-static-i18n is building, when it is there (publish/translated_files)."""
        self.untranslated: set[str] = set()
        """Languages already reported as having no catalog (one INFO line each, not one a build)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.dirty_serve = self.serving and dirty
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
        if self.child is not None:  # its anchor checks follow the parent's, as in one process
            page_workers.replay(self.child.wait().anchor_records)
            self._end_child()
        if self.build is not None:
            self._finish_dirty_build(config)
            return
        self.muted_search = write_streamed(config)

    def _finish_dirty_build(self, config: Any) -> None:
        """Exports, the search index from every page's entries, and deleted pages' files gone."""
        assert self.build is not None and self.content is not None and self.files is not None
        build, portal = self.build, self.content.portal
        for output in generated_files(portal, self.settings):
            write_pieces(os.path.join(config.site_dir, output.src_uri), output.content(portal))
            build.outputs.add(output.src_uri)
        build.outputs |= {f.dest_uri for f in self.files}
        if self.search is not None:
            write_pages(config, self.search, (build.search.get(uri, "") for uri in self.page_order))
            self.muted_search = self.search
        if self.last_build is not None:
            incremental.remove_gone(config.site_dir, self.last_build, build)
        self.last_build, self.build = build, None

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

    def _end_child(self) -> None:
        if self.child is not None and self.child.result is None:
            self.child.stop()
        for file, inclusion in self.child_pages:
            file.inclusion = inclusion
        self.child, self.child_pages, self.all_pages, self.parent_last = None, [], [], None

    def on_build_error(self, *, error: Exception) -> None:
        self._end_child()
        self._unmute_search()
        self.last_build = self.build = None  # the next build of the serve session builds everything
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
            (SourceFile(f.src_uri, _shown(_abs_path(f, config), os.getcwd()), name(f)), _source(f))
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
        if self.dirty_serve and self.translation is not None:
            # mkdocs-static-i18n builds every language into one site in one rebuild: what one
            # language's build leaves alone is not known here, so each rebuild writes every page.
            incremental.rebuild_only(files.documentation_pages(), {f.src_uri for f in files})
        elif self.dirty_serve:
            self.build = incremental.build_of(
                content, self.pages.values(), incremental.config_stamp(config, self.settings)
            )
            self.search = search_plugin(config)
        for output in (
            [] if self.build is not None else generated_files(content.portal, self.settings)
        ):
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
        nav = build_nav(
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
        if self.build is not None:
            self._rebuild_touched(nav, files)
        self.nav = nav
        return nav

    def _rebuild_touched(self, nav: Navigation, files: Files) -> None:
        """Under `journeysite serve`, leave every page alone that this edit does not touch."""
        assert self.build is not None and self.content is not None
        build, last = self.build, self.last_build
        build.navigation = incremental.navigation_key(nav, self._nav_title)
        changed = set() if last is None else incremental.changed(last, build)
        touched = None if last is None else incremental.touched(last, build, changed)
        pages = files.documentation_pages()
        self.page_order = [f.src_uri for f in pages]  # the search index's, as in a full build
        if touched is not None:
            touched |= {f.src_uri for f in pages if f.src_uri not in last.pages}
            self.first = changed & touched & {f.src_uri for f in pages}
            incremental.edited_first(files, self.first)
        incremental.rebuild_only(pages, {f.src_uri for f in pages} if touched is None else touched)
        for file in pages:
            if touched is not None and file.src_uri not in touched and file.page is not None:
                incremental.keep_page(file.page, last.pages[file.src_uri])
                build.pages[file.src_uri] = last.pages[file.src_uri]
                build.search[file.src_uri] = last.search.get(file.src_uri, "")
        log.info(
            "rebuilding %s",
            "every page" if touched is None else f"{len(touched)} of {len(pages)} pages",
        )

    def _nav_title(self, uri: str) -> str | None:
        """A page's title as the navigation shows it, when journeysite decides it."""
        assert self.content is not None
        if (generated := self.pages.get(uri)) is not None:
            return generated.title
        if (definition := self.content.portal.by_uri.get(uri)) is not None:
            return definition.title
        return "" if uri in self.content.files else None

    def on_template_context(self, context: Any, *, template_name: str, config: Any) -> Any:
        """sitemap.xml lists pages in the site's order, not the edited-first order of a rebuild,
        and every page, also those a second process writes."""
        if self.all_pages and "pages" in context:
            context["pages"] = self.all_pages
        elif self.build is not None and "pages" in context:
            order = {uri: position for position, uri in enumerate(self.page_order)}
            context["pages"] = sorted(context["pages"], key=lambda f: order.get(f.src_uri, -1))
        return context

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
        hide = list(model.hide)
        if definition.type == "journey":  # a canvas: navigation and contents step aside
            hide += [h for h in CANVAS_HIDES if h not in hide]
        if hide:
            meta["hide"] = hide
        page.meta.update(meta)  # keeps what other plugins added (git dates)
        return markdown

    def _prepare_env(self, env: Any, *, config: Any, files: Files) -> Any:
        assert self.content is not None
        pages = (f.page for f in files.documentation_pages() if f.page is not None)
        date_pages(pages, self.content.portal)  # before MkDocs writes sitemap.xml
        if self.serving:  # MkDocs makes the theme's environment anew for every rebuild
            env.bytecode_cache = COMPILED
        heap.freeze()  # and now every page's Markdown, toc and navigation
        return env

    @event_priority(-100)  # last: the pages are shared once everything they need is ready
    def _share_pages(self, env: Any, *, config: Any, files: Files) -> Any:
        """A full build writes its last pages in a forked process (journeysite.publish.page_workers)."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        processes = self.config.build_processes
        if not self.stage_builds or not page_workers.usable(config, processes, len(pages)):
            return env
        start = page_workers.split(pages, set(self.pages))
        if 0 < start < len(pages):
            share = pages[start:]
            self.child = page_workers.fork(
                config, env, self.nav, files, pages, share, search_plugin(config)
            )
            self.child_pages = [(file, file.inclusion) for file in share]
            self.all_pages, self.parent_last = pages, pages[start - 1]
            log.info(f"writing {len(share)} of {len(pages)} pages in a second process")
            for file in share:  # MkDocs lists the pages it writes right after this event
                file.inclusion = InclusionLevel.DRAFT  # not written here; links to it still work
        return env

    on_env = CombinedEvent(_prepare_env, _share_pages)

    def _take_child_pages(self, config: Any) -> None:
        """After the parent's last page: the child's messages, pages and search entries."""
        assert self.child is not None and self.files is not None
        result = self.child.wait()
        self.child_private_mb = result.private_mb  # read by bench/run.py
        page_workers.replay(result.build_records)
        for file, inclusion in self.child_pages:
            file.inclusion = inclusion
        if result.error is not None:
            raise PluginError(
                f"journeysite: writing pages in a second process failed:\n{result.error}"
            )
        if (search := search_plugin(config)) is not None:
            search.search_index.entries.extend(result.search_entries)

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
            if definition.type not in _VIEWS:
                return None  # no page of its own yet: an ordinary Markdown page
            view, template = _VIEWS[definition.type]
            as_of = self.settings.build_date
            dated = {"as_of": as_of.day} if definition.type in _DATED else {}
            out = self.renderer.render(
                template,
                page_data=view(definition, portal, url_for, **dated),
                as_of=as_of,
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
        if self.show_next:  # the edited pages are written: readers see them while the rest builds
            self.show_next = False
            self.preview.show_written()
        if self.build is not None and self.search is not None:
            self.search_start[page.file.src_uri] = len(self.search.search_index.entries)
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
        if (start := self.search_start.pop(page.file.src_uri, None)) is not None:
            assert self.build is not None and self.search is not None
            entries = self.search.search_index.entries[start:]
            self.build.search[page.file.src_uri] = entries_text(entries)
        return context

    on_page_context = CombinedEvent(_render_page, _restore_full_html)

    def on_post_page(self, output: str, *, page: Page, config: Any) -> str:
        if (rendered := self.rendered.pop(page.file.src_uri, None)) is not None:
            page.content, _, remove_generated_headings = rendered
            remove_generated_headings()  # until the page is built again
        if self.parent_last is not None and page.file is self.parent_last:
            self._take_child_pages(config)
        if self.build is not None:
            self.build.pages[page.file.src_uri] = incremental.remember_page(page)
            self._show_when_edited_written(page.file.src_uri)
        return output

    def _show_when_edited_written(self, uri: str) -> None:
        """Once the last edited page is written (right after this event), show it."""
        if uri in self.first:
            self.first.discard(uri)
            self.show_next = not self.first and self.preview is not None

    def on_serve(self, server: Any, *, config: Any, builder: Callable[..., Any]) -> Any:
        self.preview = server if hasattr(server, "show_written") else None
        return server


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


@functools.lru_cache(maxsize=65536)  # a serve session asks again for every file on every rebuild
def _shown(path: str, cwd: str) -> str:
    """`display_path` of `path` from the working directory `cwd`."""
    return display_path(Path(path))


def _source(file: File) -> bytes | Path:
    """A file on disk is read by journeysite with a size bound; one made in memory is taken as is."""
    if file.generated_by is None and file.abs_src_path:
        return Path(file.abs_src_path)
    return file.content_bytes


def _site_file(file: File, config: Any) -> SiteFile:
    on_disk = file.abs_src_path if file.generated_by is None else None
    shown = _shown(on_disk, os.getcwd()) if on_disk else file.src_uri
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
