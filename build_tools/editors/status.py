"""``python -m build_tools status``: the editors' view of the handbook.

Lessons by editorial state and how long each has waited in it, review dates passed or coming, drafts with sections
still to write, and anonymous lessons with warnings an editor must accept before publishing. Warnings are given by
code and position only, never the text found: the markdown format goes into job summaries and issues, which more
people read than the editors, and are kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..exit_codes import ExitCode
from ..findings import Code, Finding
from ..model.dates import parse_date, today
from ..model.vocabulary import load_schema
from ..pipeline import Layout, check, read_lesson, unwritten

# Warnings an anonymous lesson may not be published with until an editor accepts the text in editorial.accepted.
NEEDS_ACCEPTANCE = frozenset(
    {
        Code.IDENTIFYING_NAME,
        Code.IDENTIFYING_PLACE,
        Code.IDENTIFYING_EVENT,
        Code.PERSON_NAME,
        Code.POSSIBLE_PERSON_NAME,
        Code.ORGANISATION_NAME,
    }
)
# ... and the warnings an editor should see before publishing one, though no acceptance can silence them.
TO_SEE = NEEDS_ACCEPTANCE | {Code.ATTRIBUTION_RECODED}

# Review dates this close are listed as due.
DUE_WITHIN = dt.timedelta(days=60)


@dataclass(frozen=True)
class Waiting:
    since: dt.date
    source: str  # "git" (the commit that last changed the state) or "file" (the file's modification date)


@dataclass
class Entry:
    name: str  # lessons/x.md
    id: str
    state: str  # an editorial state, or "unreadable" when the front matter cannot be read
    waiting: Waiting | None  # for lessons not yet published: a published lesson waits for nothing
    anonymous: bool = False
    review_by: dt.date | None = None
    errors: int = 0
    unwritten: list[Finding] = field(default_factory=list)
    to_accept: list[Finding] = field(default_factory=list)


@dataclass
class Status:
    on: dt.date
    states: tuple[str, ...]  # the schema's editorial states, in order: draft to published
    entries: list[Entry]

    def in_state(self, state: str) -> list[Entry]:
        return sorted((e for e in self.entries if e.state == state), key=lambda e: (e.waiting.since if e.waiting else self.on, e.id))

    @property
    def reviews(self) -> list[Entry]:
        """Published lessons whose review date has passed or falls within DUE_WITHIN, soonest first."""
        due = [e for e in self.entries if e.state == "published" and e.review_by and e.review_by <= self.on + DUE_WITHIN]
        return sorted(due, key=lambda e: (e.review_by or self.on, e.id))

    @property
    def drafts_unwritten(self) -> list[Entry]:
        return [e for state in self.states for e in self.in_state(state) if e.unwritten]

    @property
    def to_accept(self) -> list[Entry]:
        return sorted((e for e in self.entries if e.to_accept), key=lambda e: e.id)


def state_changed_on(root: Path, path: Path) -> dt.date | None:
    """The date of the last commit that changed the lesson's editorial state, or None without git history for it."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "-G", r"^[[:space:]]+state:", "--", str(path.resolve())],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_date(result.stdout.strip()) if result.returncode == 0 else None


def waiting_since(root: Path, path: Path) -> Waiting:
    changed = state_changed_on(root, path)
    if changed is not None:
        return Waiting(changed, "git")
    return Waiting(dt.datetime.fromtimestamp(path.stat().st_mtime).date(), "file")


def gather(layout: Layout, on: dt.date | None = None) -> Status:
    on = on or today()
    states = tuple(load_schema(layout.schema).vocabulary("editorial_state").ids)
    result = check(layout, model=False, on=on)
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, []).append(finding)
    entries = []
    for path in sorted(layout.lessons.glob("*.md")) if layout.lessons.is_dir() else []:
        src = read_lesson(layout, path)
        data: dict[str, Any] = src.data if isinstance(src.data, dict) else {}
        editorial = data.get("editorial") if isinstance(data.get("editorial"), dict) else {}
        organisation = data.get("organisation") if isinstance(data.get("organisation"), dict) else {}
        assert isinstance(editorial, dict) and isinstance(organisation, dict)
        state = editorial.get("state")
        found = by_file.get(src.path, [])
        anonymous = not organisation.get("name")
        entries.append(
            Entry(
                name=src.path,
                id=str(data.get("id") or path.stem),
                state=state if state in states else "unreadable",
                # One git look-up a lesson: only for those that wait, as published lessons are most of a handbook.
                waiting=None if state == "published" else waiting_since(layout.root, path),
                anonymous=anonymous,
                review_by=parse_date(str(editorial.get("review_by"))) if editorial.get("review_by") else None,
                errors=sum(1 for f in found if f.is_error),
                unwritten=unwritten(src) if state in states and state != "published" and src.data is not None else [],
                to_accept=[f for f in found if anonymous and not f.is_error and f.code in TO_SEE],
            )
        )
    return Status(on=on, states=states, entries=entries)


def _days(entry: Entry, on: dt.date) -> str:
    assert entry.waiting is not None
    days = (on - entry.waiting.since).days
    how = "last state change committed" if entry.waiting.source == "git" else "file modified"
    return f"{days} day{'s' * (days != 1)} ({how} {entry.waiting.since.isoformat()})"


def _review(entry: Entry, on: dt.date) -> str:
    assert entry.review_by is not None
    days = (entry.review_by - on).days
    if days < 0:
        return f"review was due {entry.review_by.isoformat()} ({-days} days ago)"
    return f"review due {entry.review_by.isoformat()} (in {days} days)"


def _places(findings: list[Finding]) -> str:
    """Codes and positions, never the text found or a message that could quote it."""
    return ", ".join(f"`{f.code}` at {f.line}:{f.column}" for f in findings)


def _counts(findings: list[Finding]) -> str:
    empty = sum(1 for f in findings if f.code is Code.BODY_EMPTY_SECTION)
    prompts = len(findings) - empty
    parts = [f"{n} {what}{'s' * (n != 1)}" for n, what in ((empty, "empty section"), (prompts, "prompt")) if n]
    return ", ".join(parts) + " (lines " + ", ".join(str(line) for line in sorted({f.line for f in findings})) + ")"


def _lines(status: Status, markdown: bool) -> list[str]:
    """The report, as markdown or as plain text (the same words, without the markup)."""

    def code(text: str) -> str:
        return f"`{text}`" if markdown else text

    def heading(text: str) -> list[str]:
        return [f"### {text}", ""] if markdown else [text, "-" * len(text)]

    def plain(text: str) -> str:
        return text if markdown else text.replace("`", "")

    on = status.on
    out = [f"## Editorial status, {on.isoformat()}" if markdown else f"Editorial status, {on.isoformat()}", ""]
    counts = ", ".join(f"{len(status.in_state(s))} {s}" for s in status.states)
    unreadable = status.in_state("unreadable")
    out += [f"{len(status.entries)} lessons: {counts}" + (f", {len(unreadable)} unreadable" if unreadable else "") + ".", ""]

    # The states before published, nearest to publication first, then files whose state cannot be read.
    waiting = [s for s in reversed(status.states) if s != "published"] + ["unreadable"]
    for state in waiting:
        entries = status.in_state(state)
        if not entries:
            continue
        out += heading(f"{code(state)} ({len(entries)}), longest waiting first")
        for e in entries:
            invalid = f"; {e.errors} error{'s' * (e.errors != 1)}" if e.errors else ""
            out.append(f"- {code(e.id)}: waiting {_days(e, on)}{invalid}")
        out.append("")

    out += heading(f"Reviews passed or due within {DUE_WITHIN.days} days ({len(status.reviews)})")
    out += [f"- {code(e.id)}: {_review(e, on)}" for e in status.reviews] or ["None."]
    out.append("")

    if status.drafts_unwritten:
        out += heading(f"Sections still to write ({len(status.drafts_unwritten)})")
        out += [f"- {code(e.id)} ({e.state}): {_counts(e.unwritten)}" for e in status.drafts_unwritten]
        out.append("")

    out += heading(f"Anonymous lessons with warnings an editor must see ({len(status.to_accept)})")
    for e in status.to_accept:
        out.append(plain(f"- {code(e.id)} ({e.state}): {_places(e.to_accept)}"))
    if not status.to_accept:
        out.append("None.")
    else:
        out += [
            "",
            plain(
                "Identifying details and names are accepted in `editorial.accepted`, with the reason; "
                "`attribution-recoded` says the site shows a broader attribution. Run `python -m build_tools validate` "
                "in your own terminal to see what was found."
            ),
        ]
    return out


def report_text(status: Status, out: TextIO) -> None:
    print("\n".join(_lines(status, markdown=False)).rstrip(), file=out)


def report_markdown(status: Status, out: TextIO) -> None:
    print("\n".join(_lines(status, markdown=True)).rstrip(), file=out)


FORMATS: dict[str, Callable[[Status, TextIO], None]] = {"text": report_text, "markdown": report_markdown}


def run(args: argparse.Namespace) -> ExitCode:
    layout = Layout(root=Path(args.root))
    if not layout.schema.is_file():
        print(f"error: no schema at {layout.schema}; run from the handbook's folder or pass --root", file=sys.stderr)
        return ExitCode.USAGE
    FORMATS[args.format](gather(layout), sys.stdout)
    return ExitCode.OK
