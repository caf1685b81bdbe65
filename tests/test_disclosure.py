"""What a motivated intruder can read in the built site: no editorial record, no unpublished lesson.

Each test builds a real site into a temporary folder and reads every file in it, decompressing gzip
(sitemaps, the search index), the way someone who downloads the whole site would.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import VALID, Scratch, site_bytes

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
