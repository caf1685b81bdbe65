"""The search index: Pagefind, run over the built site.

Pagefind splits the index into small chunks fetched as a reader types, so a page view that does not
search downloads nothing, and a first search downloads only the chunks it needs. Only lesson pages
are indexed (they carry ``data-pagefind-body``), with filters for every facet.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path) -> None:
    """Write the search index into ``site_dir/pagefind/``."""
    # Heading permalinks ("¶") are not words a reader searches for.
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", ".headerlink", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}") from exc
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind failed to index the site: {(result.stderr or result.stdout).strip()}")
