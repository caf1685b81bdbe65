"""The editors' tools: ``status`` (what waits for review) and ``publish`` (the publish step), on real lessons."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess

from build_tools.editors.publish import a_year_after
from build_tools.model.dates import today

from .conftest import ROOT, front_matter, line_of, run_in_process

ANONYMOUS = "falls-prevention-fire-visits"
PLACE = "Wigan"  # a town: an identifying place in an anonymous lesson


def as_state(text: str, state: str) -> str:
    """A real lesson's text with its editorial record replaced by a bare state, as a draft or lesson in review has."""
    return re.sub(r"^editorial:\n(?:  .*\n)+", f"editorial:\n  state: {state}\n", text, count=1, flags=re.MULTILINE)


def lesson(scratch, name: str = ANONYMOUS):
    return scratch.root / "lessons" / f"{name}.md"


def draft(scratch, state: str = "in-review", change=lambda text: text):
    scratch.copy_lessons()
    path = lesson(scratch)
    path.write_text(change(as_state(path.read_text(encoding="utf-8"), state)), encoding="utf-8")
    return path


def tool(scratch, *args: str):
    return run_in_process(*args, "--root", str(scratch.root), cwd=scratch.root)


def with_place(text: str) -> str:
    heading = "## What happened\n\n"
    return text.replace(heading, f"{heading}The pilot covered {PLACE} first. ", 1)


# status


def test_status_lists_lessons_by_state_with_their_waiting_time_and_says_where_it_comes_from(scratch):
    draft(scratch)
    result = tool(scratch, "status")
    assert result.returncode == 0, result.stderr
    assert "1 draft" not in result.stdout and "0 draft, 1 in-review, " in result.stdout
    entry = next(line for line in result.stdout.splitlines() if ANONYMOUS in line)
    # The scratch handbook has no git history: the file's modification date is used, and the report says so.
    assert f"waiting 0 days (file modified {today().isoformat()})" in entry


def test_status_waits_from_the_commit_that_last_changed_the_state(scratch):
    path = draft(scratch)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-05T12:00:00Z", "GIT_COMMITTER_DATE": "2026-01-05T12:00:00Z"}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "lessons"]):
        subprocess.run([*git, *args], cwd=scratch.root, env=env, check=True, capture_output=True)
    # A later change that leaves the state alone does not restart the wait.
    path.write_text(path.read_text(encoding="utf-8").replace("## What happened", "## What happened\n\nMore.", 1), encoding="utf-8")
    env |= {"GIT_COMMITTER_DATE": "2026-03-01T12:00:00Z"}
    subprocess.run([*git, "commit", "-qam", "wording"], cwd=scratch.root, env=env, check=True, capture_output=True)
    entry = next(line for line in tool(scratch, "status").stdout.splitlines() if ANONYMOUS in line)
    assert "(last state change committed 2026-01-05)" in entry


def test_status_lists_reviews_passed_or_due_soon(scratch):
    scratch.copy_lessons()
    on = today()
    for name, due in (("mash-front-door-triage", on + dt.timedelta(days=30)), ("one-stop-hub-colocation", on + dt.timedelta(days=90))):
        path = lesson(scratch, name)
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^  review_by: .*\n", "", text, flags=re.MULTILINE)
        path.write_text(text.replace("editorial:\n", f"editorial:\n  review_by: {due.isoformat()}\n", 1), encoding="utf-8")
    out = tool(scratch, "status").stdout
    assert f"- mash-front-door-triage: review due {(on + dt.timedelta(days=30)).isoformat()} (in 30 days)" in out
    assert "one-stop-hub-colocation" not in out  # not due for 90 days
    assert "- key-worker-families-multiple-needs: review was due 2025-06-01" in out  # the real lesson's date, passed


def test_status_lists_drafts_with_sections_to_write(scratch):
    def empty_section(text: str) -> str:
        return re.sub(r"(## Why it went wrong\n\n)[^#]*", r"\1<!-- Prompt: Why did it go wrong? -->\n\n", text)

    path = draft(scratch, "draft", empty_section)
    text = path.read_text(encoding="utf-8")
    result = tool(scratch, "status")
    assert result.returncode == 0
    assert (
        f"- {ANONYMOUS} (draft): 1 empty section, 1 prompt (lines {line_of(text, '## Why')}, {line_of(text, 'Prompt:')})" in result.stdout
    )


def test_status_gives_warnings_to_accept_by_code_and_place_never_the_text(scratch):
    path = draft(scratch, change=with_place)
    text = path.read_text(encoding="utf-8")
    for form in ("text", "markdown"):
        result = tool(scratch, "status", "--format", form)
        assert result.returncode == 0
        assert PLACE not in result.stdout + result.stderr
        tick = "`" if form == "markdown" else ""
        line, column = line_of(text, PLACE), text.split("\n")[line_of(text, PLACE) - 1].index(PLACE) + 1
        assert f"- {tick}{ANONYMOUS}{tick} (in-review): {tick}identifying-place{tick} at {line}:{column}" in result.stdout
    assert tool(scratch, "status", "--format", "markdown").stdout.startswith("## Editorial status, ")


# publish


def test_publish_a_valid_draft_edits_only_the_editorial_lines(scratch):
    path = draft(scratch, "draft")
    before = path.read_text(encoding="utf-8")
    result = tool(scratch, "publish", ANONYMOUS, "--reviewer", "handbook-editors")
    assert result.returncode == 0, result.stderr
    on = today()
    meta = front_matter(path)
    assert meta["editorial"] == {
        "state": "published",
        "reviewed_by": "handbook-editors",
        "reviewed_on": on,
        "review_by": a_year_after(on),
    }
    assert meta["published"] == on
    after = path.read_text(encoding="utf-8")
    review = f"  reviewed_by: handbook-editors\n  reviewed_on: {on.isoformat()}\n  review_by: {a_year_after(on).isoformat()}\n"
    expected = re.sub(r"^published: .*$", f"published: {on.isoformat()}", before, flags=re.MULTILINE).replace(
        "  state: draft\n", f"  state: published\n{review}"
    )
    assert after == expected
    assert tool(scratch, "validate").returncode == 0


def test_publish_keeps_comments_and_takes_a_review_date(scratch):
    path = draft(scratch, change=lambda text: text.replace("  state: in-review\n", "  state: in-review  # ready\n"))
    assert tool(scratch, "publish", ANONYMOUS, "--reviewer", "handbook-editors", "--review-by", "2099-01-31").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "  state: published  # ready\n" in text and "  review_by: 2099-01-31\n" in text


def test_publish_refuses_an_invalid_lesson_and_leaves_it_unchanged(scratch):
    path = draft(scratch, "draft", lambda text: re.sub(r"(## Why it went wrong\n\n)[^#]*", r"\1", text))
    before = path.read_bytes()
    result = tool(scratch, "publish", ANONYMOUS, "--reviewer", "handbook-editors")
    assert result.returncode == 1
    assert "was not published, and is unchanged: published, it would not be valid" in result.stderr
    # Placed on the file as the editor has it, without the lines publish would have added.
    line = line_of(before.decode(), "## Why it went wrong")
    assert f"lessons/{ANONYMOUS}.md:{line}:1: error: the section '## Why it went wrong' is empty" in result.stderr
    assert path.read_bytes() == before


def test_publish_refuses_an_anonymous_lesson_with_a_warning_to_accept_then_publishes_once_accepted(scratch):
    path = draft(scratch, change=with_place)
    before = path.read_bytes()
    text = before.decode()
    result = tool(scratch, "publish", ANONYMOUS, "--reviewer", "handbook-editors")
    assert result.returncode == 1
    line = line_of(text, PLACE)
    assert f"identifying-place at {line}:" in result.stderr
    assert PLACE not in result.stdout + result.stderr
    assert path.read_bytes() == before

    accepted = f'  accepted:\n    - {{text: {PLACE}, reason: "Many councils ran this pilot here; it names no one body."}}\n'
    path.write_text(text.replace("  state: in-review\n", f"  state: in-review\n{accepted}"), encoding="utf-8")
    result = tool(scratch, "publish", ANONYMOUS, "--reviewer", "handbook-editors")
    assert result.returncode == 0, result.stderr
    meta = front_matter(path)
    assert meta["editorial"]["state"] == "published" and meta["editorial"]["accepted"][0]["text"] == PLACE


def test_publish_an_already_published_lesson_needs_again_which_keeps_the_published_date(scratch):
    scratch.copy_lessons()
    path = lesson(scratch, "mash-front-door-triage")
    before = path.read_bytes()
    result = tool(scratch, "publish", "mash-front-door-triage", "--reviewer", "handbook-editors")
    assert result.returncode == 2 and "already published" in result.stderr and "--again" in result.stderr
    assert path.read_bytes() == before
    result = tool(scratch, "publish", "mash-front-door-triage", "--reviewer", "review-team", "--again")
    assert result.returncode == 0, result.stderr
    meta = front_matter(path)
    assert meta["published"] == front_matter(ROOT / "lessons" / "mash-front-door-triage.md")["published"]
    assert meta["editorial"]["reviewed_by"] == "review-team" and meta["editorial"]["reviewed_on"] == today()


def test_publish_usage_errors(scratch):
    scratch.copy_lessons()
    assert tool(scratch, "publish", "no-such-lesson", "--reviewer", "handbook-editors").returncode == 2
    assert tool(scratch, "publish", "../escape", "--reviewer", "handbook-editors").returncode == 2
    result = tool(scratch, "publish", ANONYMOUS, "--reviewer", "handbook-editors", "--review-by", "2001-01-01")
    assert result.returncode == 2 and "--review-by" in result.stderr
