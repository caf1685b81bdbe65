"""The search index: Pagefind, run over the lessons' search documents while the site is being rendered.

Pagefind splits the index into small chunks fetched as a reader types, so a page view that does not
search downloads nothing, and a first search downloads only the chunks it needs. It filters on every
facet, so the browse page's facets and text search share one engine.

The documents come from the model (``derive.search_documents``), not from the rendered pages, so
Pagefind indexes them in a separate process that starts before rendering begins. On a machine with
two cores the indexing then costs little time on top of the build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INDEX_DIR = "pagefind"


class SearchIndexError(Exception):
    pass


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
