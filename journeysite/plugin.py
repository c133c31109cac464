"""MkDocs events only: load and check everything in on_files, then render each page from page data."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from journeysite.builddate import BuildDateError, resolve_build_date
from journeysite.checks import unowned_touchpoints
from journeysite.config import JourneysiteConfig
from journeysite.content import Content, load_content
from journeysite.generated import GeneratedPage, Settings, generated_files, generated_pages
from journeysite.load import SourceFile, display_path
from journeysite.nav import build_nav
from journeysite.render import Renderer, theme_dir
from journeysite.safeguards import safe_features
from journeysite.toc import extend_toc
from journeysite.views.journey import journey_page
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
        self.renderer: Renderer | None = None
        self.settings = Settings()
        self.pages: dict[str, GeneratedPage] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

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
        try:
            build_date = resolve_build_date(self.config.build_date, os.environ)
        except BuildDateError as err:
            raise PluginError(f"journeysite: {err}") from None
        self.settings = Settings(
            journeys_index=self.config.journeys_index,
            nav_title=self.config.nav_title,
            build_date=build_date,
            portfolio_title=self.config.portfolio_title,
        )
        return config

    @event_priority(50)  # before other plugins look at pages, so they see the generated ones
    def on_files(self, files: Files, *, config: Any) -> Files:
        sources = [
            (SourceFile(f.src_uri, display_path(Path(_abs_path(f, config)))), f.content_bytes)
            for f in files.documentation_pages()
            if f.src_uri.endswith(".md")
        ]
        unowned = "error" if self.config.require_owner else None
        self.content = content = load_content(sources, self.config.limits.to_limits(), unowned)
        self._report(content)
        if not self.config.require_owner and (count := len(unowned_touchpoints(content.portal))):
            # Not a warning: `--strict` would fail portals that list them on purpose.
            log.info(f"{count} unowned touchpoint{'s' if count != 1 else ''}, listed on ownership/")
        for file in files.documentation_pages():
            loaded = content.files.get(file.src_uri)
            if loaded is not None and loaded.is_definition:
                file.content_string = loaded.body  # MkDocs never re-reads our front matter
        self.pages = {p.src_uri: p for p in generated_pages(content.portal, self.settings)}
        for generated in self.pages.values():
            if files.get_file_from_path(generated.src_uri) is None:  # a writer's own page wins
                title = html.escape(generated.title)
                files.append(File.generated(config, generated.src_uri, content=f"# {title}\n"))
        for output in generated_files(content.portal, self.settings):
            files.append(
                File.generated(config, output.src_uri, content=output.content(content.portal))
            )
        return files

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
        portal = self.content.portal
        pages = {
            d.file.src_uri: files.get_file_from_path(d.file.src_uri).page for d in portal.all()
        }
        generated = [(g, files.get_file_from_path(uri).page) for uri, g in self.pages.items()]
        return build_nav(
            nav,
            portal,
            pages,
            generated,
            self.config.nav_title,
            self.config.stakeholders_title,
            self.config.ownership_title,
        )

    def on_page_markdown(self, markdown: str, *, page: Page, config: Any, files: Files) -> str:
        assert self.content is not None
        loaded = self.content.files.get(page.file.src_uri)
        if loaded is None or not loaded.is_definition:
            return markdown
        definition = loaded.definition
        if definition is None:
            stem = os.path.splitext(os.path.basename(page.file.src_uri))[0]
            page.meta = {"title": html.escape(stem)}
            return markdown
        model = definition.model
        # MkDocs and Material treat titles and descriptions as HTML: writers' text must be escaped.
        meta: dict[str, Any] = {"title": html.escape(definition.title)}
        if model.description:
            meta["description"] = html.escape(model.description)
        if model.hide:
            meta["hide"] = list(model.hide)
        page.meta = meta
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: Any, files: Files) -> str:
        assert self.content is not None and self.renderer is not None
        uri = page.file.src_uri
        portal = self.content.portal

        def url_for(target_uri: str) -> str:
            target = files.get_file_from_path(target_uri)
            return target.url_relative_to(page.file) if target else "#"

        lead, body = _split_lead(html)
        if (generated := self.pages.get(uri)) is not None:
            out = self.renderer.render(
                generated.template, body=_markup(html), **generated.view(portal, url_for)
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
            return html
        extend_toc(page.toc, out)
        return out


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
