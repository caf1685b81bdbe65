"""A preview to open from disk: `make preview-build` writes `.html` addresses, and every internal link finds its file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from build_tools.render.mkdocs_plugin import file_url

from .conftest import PREVIEW_BUILD_ENV, PREVIEW_BUILD_OPTIONS, PREVIEW_DRAFT, ROOT, search_fragments

# The error page is served by a web server for any missing address, so its links are from the site's root on purpose.
SERVED_ONLY = {"404.html"}


def internal_links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = []
    for tag in soup.find_all(["a", "link", "script", "img", "source", "iframe"]):
        for attribute in ("href", "src"):
            url = tag.get(attribute)
            if url and not urlsplit(url).scheme and not url.startswith("//"):
                links.append(url)
    return links


def test_every_internal_link_in_a_preview_resolves_to_a_file_on_disk(preview_site):
    missing = {}
    checked = 0
    for page in sorted(preview_site.rglob("*.html")):
        name = page.relative_to(preview_site).as_posix()
        if name in SERVED_ONLY:
            continue
        for url in internal_links(page):
            path = unquote(urlsplit(url).path)
            if not path:  # a fragment or query on the page itself
                continue
            checked += 1
            target = (page.parent / path).resolve()
            if path.startswith("/") or not target.is_file():
                missing.setdefault(url, name)
    assert checked > 1000
    assert missing == {}


def test_a_preview_from_disk_has_its_lessons_and_their_search_results_as_html_files(preview_site):
    assert (preview_site / "lessons" / f"{PREVIEW_DRAFT}.html").is_file()
    assert not (preview_site / "lessons" / PREVIEW_DRAFT).exists()
    # Each term page, the browse page and the listings link to lessons as files, not folders.
    index = (preview_site / "lessons" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PREVIEW_DRAFT}.html"' in index
    assert all(url.endswith(".html") for url in search_fragments(preview_site)), sorted(search_fragments(preview_site))
    assert f"/lessons/{PREVIEW_DRAFT}.html" in search_fragments(preview_site)


def test_directory_addresses_become_the_files_written_without_directory_urls():
    files = frozenset({"lessons/x.html", "browse/index.html", "index.html", "service-areas/index.html"})
    assert file_url("lessons/x/", files) == "lessons/x.html"
    assert file_url("browse/?service_area=health&failure_type=x", files) == "browse/index.html?service_area=health&failure_type=x"
    assert file_url("service-areas/#top", files) == "service-areas/index.html#top"
    for unchanged in ("https://example.org/a/", "mailto:a@example.org", "/lessons/x/", ".", "feed.xml", "#x", "../"):
        assert file_url(unchanged, files) == unchanged


def test_make_preview_build_builds_as_the_tests_do():
    recipe = re.search(r"^preview-build:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe is not None
    commands = recipe.group(1)
    assert all(f"{name}={value}" in commands for name, value in PREVIEW_BUILD_ENV.items())
    assert "mkdocs build --strict" in commands and all(option in commands for option in PREVIEW_BUILD_OPTIONS)
