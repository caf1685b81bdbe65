"""Editorial review: only published lessons reach the production site; previews show the rest, marked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import VALID, Scratch, search_fragments, site_bytes

CANARY = "Zanzibarquux"  # a word that appears only in the unpublished lessons


# A team to talk to and a national barrier, so that the lesson is on the peers and barriers pages too.
EXTRAS = (
    "contact:\n  offers: [conversation]\n  via: https://example.org/contact/joint-assessments\n"
    "national_barriers:\n  - type: data-sharing\n    description: A national data-sharing rule got in the way.\n"
)
# What an unpublished lesson says was its publication date: a placeholder never shown, even in a preview.
PLACEHOLDER = "2023-01-20"
STATES = {"draft-lesson": "Draft", "review-lesson": "In review"}


def unpublished(state: str, lesson_id: str) -> str:
    return (
        VALID.replace("id: sample-lesson", f"id: {lesson_id}")
        .replace("state: published\n  reviewed_by: handbook-editors\n  reviewed_on: 2023-01-10", f"state: {state}")
        .replace("published: 2023-01-15", f"published: {PLACEHOLDER}")
        .replace("example: true\n", f"example: true\n{EXTRAS}")
        .replace("Shared assessments stalled", f"{CANARY} assessments stalled")
        .replace("One assessment for people", f"One {CANARY} assessment for people")
    )


def handbook(tmp_path) -> Scratch:
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.write("sample-lesson.md", VALID)
    scratch.write("draft-lesson.md", unpublished("draft", "draft-lesson"))
    scratch.write("review-lesson.md", unpublished("in-review", "review-lesson"))
    return scratch


def search_meta(site: Path) -> dict[str, dict[str, str]]:
    """The metadata each page's search result shows, by URL, read from Pagefind's fragments."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(site_bytes(fragment).removeprefix(b"pagefind_dcd"))
        pages[record["url"]] = record["meta"]
    return pages


def test_production_has_nothing_of_drafts_or_lessons_in_review(tmp_path):
    scratch = handbook(tmp_path)
    out = tmp_path / "out"
    result = scratch.build(out)
    assert result.returncode == 0, result.stderr
    assert (out / "lessons" / "sample-lesson" / "index.html").is_file()
    leaks = [
        str(path.relative_to(out))
        for path in out.rglob("*")
        if path.is_file()
        and path.suffix != ".gz"
        and any(word in path.read_bytes() for word in (CANARY.encode(), b"draft-lesson", b"review-lesson"))
    ]
    assert leaks == []
    assert set(search_fragments(out)) == {"/lessons/sample-lesson/"}


def test_preview_shows_every_lesson_with_a_banner_on_unpublished_ones(tmp_path):
    scratch = handbook(tmp_path)
    out = tmp_path / "out"
    result = scratch.build(out, env={"HANDBOOK_PREVIEW": "true"})
    assert result.returncode == 0, result.stderr
    for lesson_id, label in (("draft-lesson", "Draft"), ("review-lesson", "In review")):
        soup = BeautifulSoup((out / "lessons" / lesson_id / "index.html").read_text(), "html.parser")
        banner = soup.select_one(".handbook-unpublished .admonition-title")
        assert banner is not None and banner.get_text(strip=True) == f"{label}: not published"
    published = BeautifulSoup((out / "lessons" / "sample-lesson" / "index.html").read_text(), "html.parser")
    assert published.select_one(".handbook-unpublished") is None
    listing = BeautifulSoup((out / "lessons" / "index.html").read_text(), "html.parser")
    tags = [[t.get_text() for t in card.select("strong.handbook-tag")] for card in listing.select(".handbook-card")]
    assert sorted(tags) == [[], ["Draft"], ["In review"]]


def card_marks(page: Path) -> dict[str, tuple[str | None, bool]]:
    """Each lesson card on a page, by lesson id: its state mark, and whether it shows a publication date."""
    soup = BeautifulSoup(page.read_text(), "html.parser")
    marks = {}
    for card in soup.select(".handbook-card"):
        link = card.select_one(".handbook-card__title a")
        assert link is not None
        mark = card.select_one("strong.handbook-tag")
        meta = card.get_text(" ", strip=True)
        marks[link["href"].rstrip("/").split("/")[-1]] = (mark.get_text() if mark else None, re.search(r"published \d", meta) is not None)
    return marks


def test_every_listing_in_a_preview_marks_unpublished_lessons_and_gives_them_no_date(tmp_path):
    scratch = handbook(tmp_path)
    out = tmp_path / "out"
    result = scratch.build(out, env={"HANDBOOK_PREVIEW": "true"})
    assert result.returncode == 0, result.stderr
    listings = [
        "index.html",
        "lessons/index.html",
        "service-areas/health/index.html",
        "failure-types/technology-and-systems/index.html",
        "lessons/sample-lesson/index.html",  # related lessons
        "updates/index.html",
        "peers/index.html",
    ]
    for page in listings:
        marks = card_marks(out / page)
        for lesson_id, label in STATES.items():
            assert marks[lesson_id] == (label, False), (page, lesson_id)
        if "sample-lesson" in marks and page != "peers/index.html":  # the peers page shows no dates at all
            assert marks["sample-lesson"][0] is None, page
    # The updates page gives no date of activity for them either, only that they are not yet published.
    updates = BeautifulSoup((out / "updates" / "index.html").read_text(), "html.parser")
    for card in updates.select(".handbook-card"):
        if card.select_one("strong.handbook-tag"):
            assert card.select_one("time") is None and "Not yet published" in card.get_text()
    # No page shows the placeholder date, in any form.
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert PLACEHOLDER not in text and "20 January 2023" not in text, page
    # The lesson page says its state where a published lesson gives its date.
    panel = BeautifulSoup((out / "lessons" / "draft-lesson" / "index.html").read_text(), "html.parser").select_one("dl")
    assert panel is not None and "Published" not in panel.get_text() and "Draft" in panel.get_text()
    # The barriers page names the lesson with its state, not a date.
    barriers = (out / "barriers" / "index.html").read_text()
    assert '<strong class="handbook-tag">In review</strong>' in barriers
    # Browse without JavaScript: apart from the years published, each marked.
    browse = BeautifulSoup((out / "browse" / "index.html").read_text(), "html.parser")
    heading = browse.find(id="not-published")
    assert heading is not None
    items = {li.a["href"].rstrip("/").split("/")[-1]: li.select_one("strong.handbook-tag") for li in heading.find_next("ul").select("li")}
    assert {lesson: tag.get_text() for lesson, tag in items.items() if tag} == STATES
    # Browse search results: the template drops the date when a result has none, and shows the state when it has one.
    template = browse.select_one("template#browse-card")
    assert template is not None
    card = BeautifulSoup(template.decode_contents(), "html.parser")
    assert card.select_one('[data-part="published"] [data-slot="published"]') is not None
    assert card.select_one('[data-part="unpublished"] [data-slot="unpublished"]') is not None
    # ... and the search index carries each unpublished lesson's state and no date, a published one's date and no state.
    meta = search_meta(out)
    for lesson_id, label in STATES.items():
        assert meta[f"/lessons/{lesson_id}/"].get("unpublished") == label
        assert "published" not in meta[f"/lessons/{lesson_id}/"]
    assert "unpublished" not in meta["/lessons/sample-lesson/"] and meta["/lessons/sample-lesson/"]["published"] == "15 January 2023"
    # Feeds and exports are for readers and reusers: only published lessons, even in a preview.
    for data in ("feed.xml", "lessons.json", "lessons.csv", "barriers.csv", "service-areas/health/feed.xml"):
        text = (out / data).read_text()
        assert "draft-lesson" not in text and "review-lesson" not in text and CANARY not in text, data
        assert data == "barriers.csv" or "sample-lesson" in text, data  # the published lesson records no barrier


def test_production_html_and_search_index_carry_no_state_marks(tmp_path):
    scratch = handbook(tmp_path)
    out = tmp_path / "out"
    assert scratch.build(out).returncode == 0
    for page in out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert soup.select(".handbook-unpublished, #not-published") == [], page
        assert {tag.get_text() for tag in soup.select("strong.handbook-tag")} <= {"Example"}, page
    meta = search_meta(out)
    assert set(meta) == {"/lessons/sample-lesson/"}
    assert "unpublished" not in meta["/lessons/sample-lesson/"]


def test_a_lesson_past_its_review_date_says_so(tmp_path):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.write("sample-lesson.md", VALID.replace("reviewed_on: 2023-01-10", "reviewed_on: 2023-01-10\n  review_by: 2024-01-10"))
    validated = scratch.validate()
    assert validated.returncode == 0
    assert "warning: the review date 2024-01-10 has passed" in validated.stdout
    out = tmp_path / "out"
    assert scratch.build(out).returncode == 0
    soup = BeautifulSoup((out / "lessons" / "sample-lesson" / "index.html").read_text(), "html.parser")
    notice = soup.find(class_="admonition-title", string="This lesson may be out of date")
    assert notice is not None
    text = notice.find_parent("div").get_text(" ", strip=True)
    assert "due for another review" in text
    # The editorial record stays with the editors: neither the review date nor the date it was due is shown.
    assert "2023" not in text and "2024" not in text


def test_retired_terms_are_reported_with_their_replacement(tmp_path):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    schema_path = scratch.root / "schema" / "lesson.schema.json"
    schema = json.loads(schema_path.read_text())
    for option in schema["$defs"]["failure_type"]["oneOf"]:
        if option["const"] == "technology-and-systems":
            option["deprecated"] = True
            option["x-replaced-by"] = "data-and-information-sharing"
    schema_path.write_text(json.dumps(schema))
    scratch.write("sample-lesson.md", VALID)
    result = scratch.validate()
    assert result.returncode == 1
    assert (
        "failure_types[0]: 'technology-and-systems' is a retired failure type: use 'data-and-information-sharing' instead"
    ) in result.stdout
    # Once the lesson moves to the replacement, the retired term has no page.
    scratch.write(
        "sample-lesson.md", VALID.replace("[technology-and-systems, data-and-information-sharing]", "[data-and-information-sharing]")
    )
    out = tmp_path / "out"
    assert scratch.build(out).returncode == 0, scratch.build(out).stderr
    assert not (out / "failure-types" / "technology-and-systems").exists()
    assert "Technology and systems" not in (out / "failure-types" / "index.html").read_text()
    shutil.rmtree(out)
