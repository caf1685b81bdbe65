"""Editorial review: only published lessons reach the production site; previews show the rest, marked."""

from __future__ import annotations

import json
import shutil

from bs4 import BeautifulSoup

from .conftest import VALID, Scratch, search_fragments

CANARY = "Zanzibarquux"  # a word that appears only in the unpublished lessons


def unpublished(state: str, lesson_id: str) -> str:
    return (
        VALID.replace("id: sample-lesson", f"id: {lesson_id}")
        .replace("state: published\n  reviewed_by: handbook-editors\n  reviewed_on: 2023-01-10", f"state: {state}")
        .replace("Shared assessments stalled", f"{CANARY} assessments stalled")
        .replace("One assessment for people", f"One {CANARY} assessment for people")
    )


def handbook(tmp_path) -> Scratch:
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.write("sample-lesson.md", VALID)
    scratch.write("draft-lesson.md", unpublished("draft", "draft-lesson"))
    scratch.write("review-lesson.md", unpublished("in-review", "review-lesson"))
    return scratch


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
