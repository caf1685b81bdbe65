"""What a motivated intruder can read in the built site: no editorial record, no unpublished lesson.

Each test builds a real site into a temporary folder and reads every file in it, decompressing gzip
(sitemaps, the search index), the way someone who downloads the whole site would.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, VALID, Scratch, html_page, site_bytes

# Distinctive values an editor records, none of which a reader may see anywhere.
ACCEPTED_TEXT = "Dr Quillon Marrowby"
ACCEPTED_REASON = "Zanzibar ledger note, the registrar is named in the published national inquiry report."
REVIEWED_BY = "quokka-review-panel"
REVIEWED_ON = ("2023-02-07", "7 February 2023", "07/02/2023")
REVIEW_BY = ("2024-03-19", "19 March 2024", "19/03/2024")  # passed, so the page says the lesson may be out of date

# A draft that a published lesson names as related: its id and title must not leak either.
DRAFT_ID = "marmalade-draft-not-for-readers"
DRAFT_TITLE = "Marmalade partnership draft that no reader may see"


def built_texts(site: Path) -> dict[str, str]:
    """Every file of the built site as text, by its path in the site."""
    return {path.relative_to(site).as_posix(): site_bytes(path).decode("utf-8", "replace") for path in site.rglob("*") if path.is_file()}


def editorial_lesson() -> str:
    return VALID.replace(
        "  reviewed_by: handbook-editors\n  reviewed_on: 2023-01-10\n",
        f"  reviewed_by: {REVIEWED_BY}\n"
        f"  reviewed_on: {REVIEWED_ON[0]}\n"
        f"  review_by: {REVIEW_BY[0]}\n"
        "  accepted:\n"
        f"    - text: {ACCEPTED_TEXT}\n"
        f"      reason: {ACCEPTED_REASON}\n",
    ).replace("example: true\n", f"related: [{DRAFT_ID}]\nexample: true\n")


def draft_lesson() -> str:
    return (
        VALID.replace("id: sample-lesson", f"id: {DRAFT_ID}")
        .replace("title: Shared assessments stalled between two case systems", f"title: {DRAFT_TITLE}")
        .replace("state: published\n  reviewed_by: handbook-editors\n  reviewed_on: 2023-01-10", "state: draft")
    )


def test_no_editorial_record_or_unpublished_lesson_reaches_any_built_file(tmp_path):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.write("sample-lesson.md", editorial_lesson())
    scratch.write(f"{DRAFT_ID}.md", draft_lesson())
    out = tmp_path / "out"
    result = scratch.build(out)
    assert result.returncode == 0, result.stderr
    texts = built_texts(out)
    assert "lessons/sample-lesson/index.html" in texts and "lessons.json" in texts
    secrets = (ACCEPTED_TEXT, ACCEPTED_REASON, REVIEWED_BY, *REVIEWED_ON, *REVIEW_BY, DRAFT_ID, DRAFT_TITLE)
    leaks = [(path, secret) for path, text in texts.items() for secret in secrets if secret in text]
    assert leaks == []
    # The editorial fields' names belong only in the published lesson schema, which describes them.
    for path, text in texts.items():
        if path != "schema/lesson.schema.json":
            for name in ('"editorial"', "reviewed_by", "reviewed_on", "review_by", '"accepted"'):
                assert name not in text, (path, name)


# A repository address that must not reach a site whose source is private.
REPO_URL = "https://github.com/quince-trust-internal/marrowby-lessons-private"
REPO_NAME = "marrowby-lessons-private"
EDITORS = "handbook-editors@example.org"


def site_with_repository(tmp_path: Path, **options: str) -> Scratch:
    """A handbook whose mkdocs.yml names a repository, with Material's edit and view buttons on."""
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    config = scratch.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^repo_url: .*$", f"repo_url: {REPO_URL}", text, flags=re.MULTILINE)
    text = re.sub(r"^repo_name: .*$", f"repo_name: {REPO_NAME}", text, flags=re.MULTILINE)
    text = re.sub(r"^  features:\n", "  features:\n    - content.action.edit\n    - content.action.view\n", text, flags=re.MULTILINE)
    config.write_text(text, encoding="utf-8")
    assert f"repo_url: {REPO_URL}" in text and "edit_uri: edit/main/" in text
    scratch.configure(**options)
    scratch.write("sample-lesson.md", VALID)
    return scratch


def test_with_a_private_source_no_page_links_to_the_repository_and_lessons_offer_the_editors(tmp_path):
    scratch = site_with_repository(tmp_path)  # mkdocs.yml as the handbook ships it: public_source is false
    out = tmp_path / "out"
    result = scratch.build(out)
    assert result.returncode == 0, result.stderr
    texts = built_texts(out)
    leaks = [(path, part) for path, text in texts.items() for part in ("quince-trust-internal", REPO_NAME, "edit/main") if part in text]
    assert leaks == []
    for path, text in texts.items():
        if path.endswith(".html"):
            soup = BeautifulSoup(text, "html.parser")
            assert soup.select(".md-source, a.md-content__button, [rel=edit]") == [], path
            assert "Propose a change" not in text and "(file " not in soup.get_text(), path
    lesson = html_page(out, "lessons/sample-lesson/")
    link = lesson.find("a", string="Suggest a change to this lesson")
    href = urlsplit(link["href"])
    assert href.scheme == "mailto" and href.path == EDITORS
    # The subject names the lesson, and the message asks nothing else: nothing about whoever writes.
    assert parse_qs(href.query) == {"subject": ["Suggested change: Shared assessments stalled between two case systems (sample-lesson)"]}
    assert "by email to the handbook's editors" in link.parent.get_text(" ", strip=True)


def test_with_a_public_source_lessons_link_to_their_files(tmp_path):
    scratch = site_with_repository(tmp_path, public_source="true")
    out = tmp_path / "out"
    result = scratch.build(out)
    assert result.returncode == 0, result.stderr
    lesson = html_page(out, "lessons/sample-lesson/")
    link = lesson.find("a", string="Propose a change to this lesson")
    assert link["href"] == f"{REPO_URL}/edit/main/lessons/sample-lesson.md"
    assert "(file lessons/sample-lesson.md)" in link.parent.get_text()
    assert lesson.find("a", string="Suggest a change to this lesson") is None
    about = html_page(out, "about/")
    assert about.select_one("a.md-content__button[rel=edit]")["href"] == f"{REPO_URL}/edit/main/docs/about.md"
    assert about.select_one("a.md-source")["href"] == REPO_URL


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"editors_email": "null"}, "editors_email"),
        ({"editors_email": "'editors@example.org?cc=someone@example.net'"}, "editors_email"),
        ({"editors_email": "'not an address'"}, "editors_email"),
    ],
)
def test_a_private_source_needs_the_editors_role_mailbox(tmp_path, options, message):
    scratch = site_with_repository(tmp_path, **options)
    result = scratch.build(tmp_path / "out")
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_the_editors_address_is_configured_once_and_the_guides_agree():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (configured,) = re.findall(r"^      editors_email: (\S+)$", config, flags=re.MULTILINE)
    assert re.search(r"^      public_source: false$", config, flags=re.MULTILINE)
    for name in ("CONTRIBUTING.md", "SECURITY.md", "docs/accessibility.md"):
        addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", (ROOT / name).read_text(encoding="utf-8")))
        assert addresses == {configured}, name
