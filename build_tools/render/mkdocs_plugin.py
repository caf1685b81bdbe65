"""The MkDocs adapter: hands the handbook core's pages to MkDocs. The only module that imports MkDocs.

Lessons are not in ``docs_dir``: the plugin validates them itself and adds each page as a
generated file holding only the lesson body, so MkDocs never parses lesson front matter (it would
publish broken front matter as page text) and an invalid lesson stops the build.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..derive.pages import PageSpec, Site, build_site
from ..model.dates import today
from ..pipeline import LESSONS_DIR, SCHEMA_PATH, Layout, check
from ..reporters import format_finding, summary
from .pagefind import BackgroundIndex, SearchIndexError
from .sanitize import clean_body

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


# MkDocs' Config.__init_subclass__ and BasePlugin.__init_subclass__ carry no annotations.
class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    # Relative to mkdocs.yml; MkDocs checks they exist and hands them over as absolute paths.
    lessons_dir = c.Dir(exists=True, default=LESSONS_DIR)
    schema = c.File(exists=True, default=SCHEMA_PATH)
    # Preview builds include drafts and lessons in review, each with a banner. Production never does.
    preview = c.Type(bool, default=False)


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site: Site | None = None
        self.pages: dict[str, PageSpec] = {}
        self.search: BackgroundIndex | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        layout = Layout(root=root, lessons_dir=self.config.lessons_dir, schema_path=self.config.schema)
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
        site_url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
        self.site = build_site(result.handbook, site_url=site_url, preview=self.config.preview, today=today())
        self.pages = self.site.by_src()
        # Indexing runs in its own process while MkDocs renders the pages.
        if self.search is not None:
            self.search.close()
        try:
            self.search = BackgroundIndex(self.site.search_pages)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in files:
            if file.src_uri in self.pages:
                raise PluginError(f"{config.docs_dir}/{file.src_uri} would replace a page the handbook generates; rename or remove it")
            if file.is_documentation_page():
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        for spec in self.pages.values():
            # Lesson and term pages are reached from the index pages, not the navigation.
            file = File.generated(config, spec.src_uri, content=spec.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = spec.source_path
            files.append(file)
        for static in self.site.files if self.site else ():
            files.append(File.generated(config, static.path, content=static.text))
        return files

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
        elif page.is_homepage and self.site is not None:
            variables["home"] = self.site.home
        return context

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
