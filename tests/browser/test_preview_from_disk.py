"""A preview opened from disk (file: addresses), as a reviewer opens the pull request's artifact: no server, no search."""

from __future__ import annotations

from playwright.sync_api import expect

from ..conftest import LESSONS, PREVIEW_DRAFT, PUBLISHED


def test_browse_from_disk_lists_every_lesson_and_its_links_open_files(browser, preview_site):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto((preview_site / "browse" / "index.html").as_uri())
    page.wait_for_load_state("load")
    # Search cannot load from disk: the plain listing of every lesson stays, drafts marked, and the filters stay hidden.
    expect(page.locator("#browse-all")).to_be_visible()
    assert not page.locator("#browse-ui").is_visible()
    links = page.locator("#browse-all li a").evaluate_all("els => els.map(e => e.href)")
    assert {href.rsplit("/", 1)[1].removesuffix(".html") for href in links} == {*LESSONS, PREVIEW_DRAFT}
    expect(page.locator("#not-published ~ ul strong.handbook-tag")).to_have_text("Draft")
    title = next(iter(PUBLISHED.values()))["title"]
    page.locator("#browse-all li a", has_text=title).first.click()
    expect(page.locator("h1")).to_have_text(title)
    assert page.url.startswith("file:") and page.url.endswith(".html")
    context.close()
