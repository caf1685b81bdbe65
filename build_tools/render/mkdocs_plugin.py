"""The MkDocs adapter: hands the handbook core's pages to MkDocs. The only module that imports MkDocs.

Lessons are not in ``docs_dir``: the plugin validates them itself and adds each page as a
generated file holding only the lesson body, so MkDocs never parses lesson front matter (it would
publish broken front matter as page text) and an invalid lesson stops the build.
"""

from __future__ import annotations

import html
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, cast
from urllib.parse import quote, urlsplit

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext, url_filter

from ..derive.pages import PageSpec, Site, build_site
from ..model.dates import today
from ..pipeline import LESSONS_DIR, REGISTER_DIR, SCHEMA_PATH, Layout, check
from ..reporters import format_finding, summary
from .pagefind import BackgroundIndex, SearchIndexError
from .sanitize import clean_body

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


# MkDocs' Config.__init_subclass__ and BasePlugin.__init_subclass__ carry no annotations.
class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    # Relative to mkdocs.yml; MkDocs checks they exist and hands them over as absolute paths.
    lessons_dir = c.Dir(exists=True, default=LESSONS_DIR)
    schema = c.File(exists=True, default=SCHEMA_PATH)
    register = c.Dir(exists=True, default=REGISTER_DIR)  # the register of public bodies, for disclosure control
    # Preview builds include drafts and lessons in review, each with a banner. Production never does.
    preview = c.Type(bool, default=False)
    # Whether the handbook's source repository is public. Unless it is, no page links to the repository, its files
    # or its history (repo_url, edit_uri and Material's edit and view buttons are dropped), and each lesson offers
    # "Suggest a change" by email to the editors instead.
    public_source = c.Type(bool, default=False)
    # The editors' role mailbox, where readers send suggested changes: the one place the site takes it from.
    editors_email = c.Optional(c.Type(str))


# A role mailbox and nothing else: no second address, no query that would add headers or a message.
_MAILBOX = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# Material's buttons that link into the repository: edit this page, view its source.
_SOURCE_FEATURES = ("content.action.edit", "content.action.view")


@dataclass(frozen=True, slots=True)
class ChangeLink:
    """How a lesson page asks for a change (``lesson.html`` draws it as ``change``)."""

    url: str  # the file's edit page in a public repository, or a mailto: link to the editors
    source_file: str | None  # the lesson's file, named only when the source is public


def suggestion_link(editors_email: str, lesson_id: str, title: str) -> ChangeLink:
    """An email to the editors whose subject names the lesson, and nothing about whoever writes."""
    subject = f"Suggested change: {' '.join(title.split())} ({lesson_id})"
    return ChangeLink(f"mailto:{editors_email}?subject={quote(subject, safe='')}", None)


def file_url(url: str, dest_uris: frozenset[str]) -> str:
    """A site-relative directory address ('lessons/x/', 'browse/?q=y') as the file MkDocs writes for it when
    ``use_directory_urls`` is false: 'lessons/x.html' for a page, else the folder's 'index.html'. Other addresses
    (absolute, a file, '.', a fragment) are returned as they are.

    The handbook's views give every page's address in directory form; without this, a site opened from disk, as a
    preview is, would link to folders.
    """
    parts = urlsplit(url)
    path = parts.path
    if parts.scheme or parts.netloc or path.startswith("/") or not path.endswith("/") or path.startswith("."):
        return url
    page = f"{path[:-1]}.html"
    path = page if page in dest_uris else f"{path}index.html"
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site: Site | None = None
        self.pages: dict[str, PageSpec] = {}
        self.search: BackgroundIndex | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        layout = Layout(root=root, lessons_dir=self.config.lessons_dir, schema_path=self.config.schema, register_dir=self.config.register)
        result = check(layout)
        for finding in result.findings:
            # Warnings (a review date passed) must not fail a --strict build, so they are logged as info.
            # In CI the log is read by others and kept: personal data found is shown by kind and place only.
            (log.info if not finding.is_error else log.error)(format_finding(finding, excerpt=not os.environ.get("CI")))
        if result.handbook is None:
            raise PluginError(
                f"{summary(result.findings, len(result.checked))} The handbook is not built until every lesson is valid; "
                "fix the errors above (run 'make validate' to see them again)."
            )
        if self.config.preview:
            log.info("Preview build: drafts and lessons in review are included. Do not publish this site.")
        self._configure_source(config)
        site_url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
        self.site = build_site(result.handbook, site_url=site_url, preview=self.config.preview, today=today())
        self.pages = self.site.by_src()
        # Indexing runs in its own process while MkDocs renders the pages.
        if self.search is not None:
            self.search.close()
        search_pages = self.site.search_pages
        if not config.use_directory_urls:
            # A lesson's page is written as lessons/x.html, not lessons/x/index.html: its search result links there.
            search_pages = {f"{path.removesuffix('/index.html')}.html": text for path, text in search_pages.items()}
        try:
            self.search = BackgroundIndex(search_pages)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        return config

    def _configure_source(self, config: MkDocsConfig) -> None:
        """Keep every trace of a private repository out of the site, and check the editors' address."""
        email = self.config.editors_email
        if email is not None and not _MAILBOX.fullmatch(email):
            raise PluginError(f"handbook plugin: editors_email must be one role mailbox, such as editors@example.org, not {email!r}")
        if self.config.public_source:
            return
        if email is None:
            raise PluginError(
                "handbook plugin: set editors_email to the editors' role mailbox: with public_source false, each lesson "
                "offers 'Suggest a change' by email to the editors instead of a link into the repository"
            )
        config.repo_url = config.repo_name = config.edit_uri = config.edit_uri_template = None
        features = config.theme.get("features") or []
        config.theme["features"] = [feature for feature in features if feature not in _SOURCE_FEATURES]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        public = self.config.public_source
        for file in files:
            if file.src_uri in self.pages:
                raise PluginError(f"{config.docs_dir}/{file.src_uri} would replace a page the handbook generates; rename or remove it")
            if file.is_documentation_page():
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}" if public else None
        for spec in self.pages.values():
            # Lesson and term pages are reached from the index pages, not the navigation.
            file = File.generated(config, spec.src_uri, content=spec.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = spec.source_path if public else None
            files.append(file)
        for static in self.site.files if self.site else ():
            files.append(File.generated(config, static.path, content=static.text))
        return files

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if config.use_directory_urls:
            return env
        dest_uris = frozenset(file.dest_uri for file in files)

        @jinja2.pass_context
        def url(context: TemplateContext, value: str) -> str:
            return url_filter(context, file_url(str(value), dest_uris))

        env.filters["url"] = url
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            # Material writes page.meta values into HTML unescaped (in <title> and a <meta> attribute among others).
            page.meta = {"title": html.escape(spec.title), "template": spec.template}
            if spec.description:
                page.meta["description"] = html.escape(" ".join(spec.description.split()))
            if spec.wide:
                page.meta["hide"] = ["navigation", "toc"]
        return markdown

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is not None and spec.source_path is not None:
            return clean_body(html_text)  # a lesson body: untrusted input
        return html_text

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        # The handbook's template variables sit beside MkDocs' own, which are all that TemplateContext declares.
        variables = cast(dict[str, Any], context)
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            variables.update(spec.context)
            if spec.source_path is not None:  # a lesson
                variables["change"] = self._change_link(spec, page)
        elif page.is_homepage and self.site is not None:
            variables["home"] = self.site.home
        return context

    def _change_link(self, spec: PageSpec, page: Page) -> ChangeLink | None:
        if self.config.public_source:
            return ChangeLink(page.edit_url, spec.source_path) if page.edit_url else None
        assert self.config.editors_email is not None  # on_config refuses a private source without it
        return suggestion_link(self.config.editors_email, PurePosixPath(spec.src_uri).stem, spec.title)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        search, self.search = self.search, None
        if search is None:
            return
        try:
            search.finish(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc

    def on_build_error(self, *, error: Exception) -> None:
        if self.search is not None:
            self.search.close()
            self.search = None
