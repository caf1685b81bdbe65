"""Readers in a real browser: search, facets, links, keyboard, no JavaScript, print."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from ..conftest import ROOT, split_lesson

LESSONS = {path.stem: split_lesson(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "lessons").glob("*.md"))}
PUBLISHED = {k: v for k, v in LESSONS.items() if v[0]["editorial"]["state"] == "published"}


def matching(**facets: list[str]) -> set[str]:
    """Lesson ids a filter should give: OR within a facet, AND across facets (computed from the files)."""
    out = set()
    for lesson_id, (meta, _) in PUBLISHED.items():
        values = {
            "service_area": meta["service_areas"],
            "failure_type": meta["failure_types"],
            "region": [meta["organisation"]["region"]],
            "status": [meta["status"]],
            "organisation_type": [meta["organisation"]["type"]],
            "year": [str(meta["published"])[:4]],
        }
        if all(set(chosen) & set(values[facet]) for facet, chosen in facets.items()):
            out.add(lesson_id)
    return out


def result_ids(page) -> set[str]:
    page.wait_for_function("document.getElementById('browse-status').textContent.includes('match')")
    while page.locator("#browse-more").is_visible():
        page.click("#browse-more")
    return {href.rstrip("/").rsplit("/", 1)[1] for href in page.locator("#browse-results a").evaluate_all("els => els.map(e => e.href)")}


def wait_for_count(page, count: int) -> None:
    text = "1 lesson matches." if count == 1 else f"{count} lessons match."
    expect(page.locator("#browse-status")).to_have_text(text)


def body_only_word() -> tuple[str, str]:
    """A word that appears in exactly one lesson, in its body but not its title or summary."""
    counts: dict[str, set[str]] = {}
    for lesson_id, (_meta, body) in PUBLISHED.items():
        for word in set(re.findall(r"\b[a-z]{8,}\b", body.lower())):
            counts.setdefault(word, set()).add(lesson_id)
    for word, ids in sorted(counts.items()):
        (lesson_id,) = ids if len(ids) == 1 else (None,)
        if lesson_id:
            meta = PUBLISHED[lesson_id][0]
            text = " ".join(str(v) for v in meta.values()).lower()
            if word not in text:
                return word, lesson_id
    raise AssertionError("no distinctive body word")


def test_header_search_finds_a_lesson_by_a_word_only_in_its_body(page):
    word, lesson_id = body_only_word()
    page.goto("./")
    page.get_by_label("Search lessons").fill(word)
    page.get_by_label("Search lessons").press("Enter")
    page.wait_for_url(re.compile(r"/browse/\?q="))
    wait_for_count(page, 1)
    link = page.locator("#browse-results a").first
    assert link.get_attribute("href").rstrip("/").endswith(lesson_id)
    expect(page.locator("#browse-results mark").first).to_have_text(re.compile(word, re.I))
    link.click()
    expect(page.locator("h1")).to_have_text(PUBLISHED[lesson_id][0]["title"])


def test_facets_narrow_widen_and_survive_a_reload(page):
    page.goto("browse/")
    wait_for_count(page, len(PUBLISHED))
    page.get_by_label(re.compile(r"^Health \(")).check()
    expected = matching(service_area=["health"])
    wait_for_count(page, len(expected))
    assert result_ids(page) == expected
    page.get_by_label(re.compile(r"^Culture and relationships \(")).check()
    narrowed = matching(service_area=["health"], failure_type=["culture-and-relationships"])
    wait_for_count(page, len(narrowed))
    assert result_ids(page) == narrowed and len(narrowed) < len(expected)
    page.get_by_label(re.compile(r"^Leadership \(")).check()
    widened = matching(service_area=["health"], failure_type=["culture-and-relationships", "leadership"])
    wait_for_count(page, len(widened))
    assert result_ids(page) == widened
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"service_area": ["health"], "failure_type": ["culture-and-relationships", "leadership"]}
    page.reload()
    wait_for_count(page, len(widened))
    assert page.get_by_label(re.compile(r"^Leadership \(")).is_checked()
    assert result_ids(page) == widened


def test_counts_show_what_each_choice_would_give(page):
    page.goto("browse/?service_area=health")
    expected = matching(service_area=["health"])
    wait_for_count(page, len(expected))
    # Within the chosen facet, counts ignore its own choice (choosing more widens).
    housing = len(matching(service_area=["housing-and-homelessness"]))
    expect(page.locator('[data-count="service_area:housing-and-homelessness"]')).to_have_text(f"({housing})")
    # In another facet, counts are within the current results.
    stopped = len(matching(service_area=["health"], status=["stopped"]))
    expect(page.locator('[data-count="status:stopped"]')).to_have_text(f"({stopped})")


def test_text_and_facets_combine_in_one_result_list(page):
    word, lesson_id = body_only_word()
    meta = PUBLISHED[lesson_id][0]
    other_area = next(a for a in ("health", "education-and-skills", "public-health") if a not in meta["service_areas"])
    page.goto(f"browse/?q={word}&service_area={meta['service_areas'][0]}")
    wait_for_count(page, 1)
    page.goto(f"browse/?q={word}&service_area={other_area}")
    wait_for_count(page, 0)


def test_keyboard_alone(page):
    page.goto("browse/")
    wait_for_count(page, len(PUBLISHED))
    page.locator("#browse-q").focus()
    page.keyboard.type("hospital")
    expect(page.locator("#browse-status")).not_to_have_text(f"{len(PUBLISHED)} lessons match.")
    page.keyboard.press("Tab")  # to the first facet's summary
    page.keyboard.press("Tab")  # to its first checkbox
    focused = page.evaluate("document.activeElement.id")
    assert focused == "f-service_area-health"
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"service_area=health"))
    assert "q=hospital" in page.url
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # closes the facet
    assert page.evaluate("document.querySelector('details.handbook-facet').open") is False


def test_without_javascript_browse_lists_every_lesson(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("browse/")
    assert not page.locator("#browse-form").is_visible()
    links = {href.rstrip("/").rsplit("/", 1)[1] for href in page.locator("#browse-all li a").evaluate_all("els => els.map(e => e.href)")}
    assert links == set(PUBLISHED)
    context.close()


def test_lesson_term_and_related_links_work(page):
    lesson_id, (meta, _) = next((i, v) for i, v in PUBLISHED.items() if v[0].get("related"))
    page.goto(f"lessons/{lesson_id}/")
    label = page.locator(".handbook-panel .handbook-terms a").first
    term = label.inner_text()
    label.click()
    expect(page.locator("h1")).to_have_text(term)
    page.get_by_role("link", name=meta["title"]).first.click()
    expect(page.locator("h1")).to_have_text(meta["title"])
    related = meta["related"][0]
    page.locator("section[aria-labelledby=related] a").first.click()
    expect(page.locator("h1")).to_have_text(PUBLISHED[related][0]["title"])


def test_matrix_cells_open_browse_with_both_filters(page):
    page.goto("matrix/")
    cell = page.locator("td.handbook-matrix__cell a").first
    count = int(cell.inner_text())
    cell.click()
    wait_for_count(page, count)
    query = parse_qs(urlsplit(page.url).query)
    assert set(query) == {"service_area", "failure_type"}
    assert page.locator(f"#f-service_area-{query['service_area'][0]}").is_checked()


def test_pages_that_do_not_search_download_no_index(page, base_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for url in ("./", f"lessons/{next(iter(PUBLISHED))}/", "lessons/", "service-areas/health/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url or url.endswith("sitemap.xml")]
    assert [url for url in requests if not url.startswith(base_url)] == []  # nothing from other sites


def test_a_lesson_prints_without_navigation_and_with_link_targets(page):
    lesson_id = next(i for i, v in PUBLISHED.items() if v[0].get("sources") or v[0].get("contact"))
    page.goto(f"lessons/{lesson_id}/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".handbook-search", ".md-footer"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none", selector
    external = page.locator(".handbook-lesson a[href^='http']").first
    after = external.evaluate("el => getComputedStyle(el, '::after').content")
    assert external.get_attribute("href") in after


def test_results_are_drawn_with_the_lesson_card(page):
    page.goto("browse/")
    wait_for_count(page, len(PUBLISHED))
    result = page.locator("#browse-results .handbook-card").first
    href = result.locator(".handbook-card__title a").get_attribute("href")
    meta = result.locator(".handbook-card__meta").inner_text()
    published = result.locator(".handbook-card__meta time").inner_text()
    assert page.locator("#browse-results :is([data-slot], [data-part], [data-url])").count() == 0
    lesson_id = href.rstrip("/").rsplit("/", 1)[1]
    page.goto("lessons/")
    card = page.locator(f".handbook-card:has(a[href='{lesson_id}/'])")
    assert published == card.locator("time").inner_text()
    # The search index carries no example flag, so a result lacks only the Example badge.
    assert meta == card.locator(".handbook-card__meta").inner_text().removesuffix(" · Example")
