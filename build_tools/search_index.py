"""The search index: Pagefind, built from the lessons themselves while the site is being rendered.

Pagefind splits the index into small chunks fetched as a reader types, so a page view that does not
search downloads nothing, and a first search downloads only the chunks it needs. It filters on every
facet, so the browse page's facets and text search share one engine.

The index is derived from the model, not scraped from the rendered pages: each lesson becomes a
small stand-in page (its title, summary, text and facet filters), and Pagefind indexes those in a
separate process that starts before rendering begins. On a machine with two cores the indexing then
costs little time on top of the build.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .facets import lesson_filters
from .lesson import Lesson
from .views import Views

INDEX_DIR = "pagefind"


class SearchIndexError(Exception):
    pass


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>)\s+|[*_`~]{1,3}", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The words of a markdown body, for indexing: link text kept, markup dropped."""
    return _MARKUP.sub("", _LINK.sub(r"\1", markdown))


def stand_in_page(lesson: Lesson, views: Views) -> str:
    """The document Pagefind indexes for a lesson: what a search should match, and what a result shows."""
    e = html.escape
    card = views.card(lesson)
    filters = "".join(f'<span data-pagefind-filter="{e(name)}">{e(value)}</span>' for name, value in lesson_filters(lesson))
    meta = "".join(
        f'<span data-pagefind-meta="{name}">{e(value)}</span>'
        for name, value in (("who", card["who"]), ("status", card["status"]), ("published", card["published"]))
    )
    progress = "".join(f"<p>{e(update.text)}</p>" for update in lesson.updates)
    barriers = "".join(f"<p>{e(barrier.description)}</p>" for barrier in lesson.national_barriers)
    paragraphs = "".join(f"<p>{e(block)}</p>" for block in plain_text(lesson.body).split("\n\n") if block.strip())
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(lesson.title)}</title></head><body>'
        f"<main data-pagefind-body><div hidden data-pagefind-ignore>{filters}{meta}"
        f'<span data-pagefind-sort="published">{lesson.published.isoformat()}</span></div>'
        f'<h1 data-pagefind-meta="title">{e(lesson.title)}</h1><p data-pagefind-meta="summary">{e(lesson.summary)}</p>'
        f"{paragraphs}{progress}{barriers}</main></body></html>"
    )


class BackgroundIndex:
    """Runs Pagefind over stand-in pages in a separate process; ``finish`` waits and collects the result.

    ``pages`` maps each page's path on the site (e.g. "lessons/x/index.html") to its stand-in HTML.
    """

    def __init__(self, pages: dict[str, str]) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.work = Path(tempfile.mkdtemp(prefix="handbook-search-"))
        self.output = self.work / INDEX_DIR
        for path, text in pages.items():
            page = self.work / "pages" / path
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(text, encoding="utf-8")
        if not pages:  # nothing to search: the browse page falls back to its plain listing
            return
        command = [sys.executable, "-m", "pagefind", "--site", str(self.work / "pages"), "--output-path", str(self.output), "--silent"]
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            self.close()
            raise SearchIndexError(f"could not run Pagefind: {exc}") from exc

    def finish(self, site_dir: Path) -> None:
        """Wait for Pagefind and put the index into ``site_dir/pagefind/``."""
        try:
            if self.process is None:
                return
            try:
                output, _ = self.process.communicate(timeout=1800)
            except subprocess.TimeoutExpired as exc:
                raise SearchIndexError("Pagefind took more than 30 minutes to index the lessons") from exc
            if self.process.returncode != 0 or not (self.output / "pagefind.js").is_file():
                raise SearchIndexError(f"Pagefind failed to index the lessons: {output.strip()}")
            shutil.rmtree(site_dir / INDEX_DIR, ignore_errors=True)
            shutil.move(str(self.output), site_dir / INDEX_DIR)
        finally:
            self.close()

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None
        shutil.rmtree(self.work, ignore_errors=True)
