"""``python -m build_tools publish ID --reviewer NAME``: the editors' publish step.

It records the review in the lesson's front matter by editing those lines only, so the rest of the file stays as
its author wrote it, then checks the whole handbook. The lesson is published only if it is valid and, when it is
anonymous, has no warning an editor has still to accept; otherwise the file is put back exactly as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..exit_codes import ExitCode
from ..findings import Finding
from ..model.dates import parse_date, today
from ..pipeline import Layout, check, read_lesson
from ..reporters import format_finding
from .status import NEEDS_ACCEPTANCE

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The editorial fields publish writes, in the order they are written when missing.
EDITORIAL_ORDER = ("state", "reviewed_by", "reviewed_on", "review_by")


class EditError(Exception):
    """The front matter is written in a way publish cannot edit line by line."""


@dataclass(frozen=True)
class Review:
    reviewer: str
    on: dt.date
    review_by: dt.date
    again: bool


def a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _set(line: str, key: str, indent: str, value: str) -> str | None:
    """``line`` with the value of ``key`` replaced (a comment after it kept), or None if it is not that key's line."""
    match = re.fullmatch(rf"({re.escape(indent)}{key}:[ \t]*)([^#\r\n]*?)([ \t]+#[^\r\n]*)?(\r?\n)?", line)
    if match is None:
        return None
    lead, _, comment, end = match.groups()
    if not lead.endswith((" ", "\t")):
        lead += " "
    return f"{lead}{value}{comment or ''}{end or ''}"


def edit_front_matter(text: str, values: dict[str, str], editorial: dict[str, str]) -> tuple[str, list[int]]:
    """The lesson's text with top-level ``values`` and ``editorial`` fields set, every other line unchanged, and the
    0-based indexes of the lines it inserted, in the new text."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise EditError("the file does not start with a '---' line")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---"), None)
    if end is None:
        raise EditError("the front matter has no closing '---' line")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"

    for key, value in values.items():
        for i in range(1, end):
            replaced = _set(lines[i], key, "", value)
            if replaced is not None:
                lines[i] = replaced
                break
        else:
            raise EditError(f"there is no '{key}:' line at the top level of the front matter")

    start = next((i for i in range(1, end) if re.match(r"editorial:[ \t]*(#.*)?$", lines[i].rstrip("\r\n"))), None)
    if start is None:
        raise EditError("there is no 'editorial:' block (written as one field a line) in the front matter")
    block_end = start + 1
    while block_end < end and (lines[block_end].startswith((" ", "\t")) or not lines[block_end].strip()):
        block_end += 1
    children = [line for line in lines[start + 1 : block_end] if line.strip() and not line.lstrip().startswith("#")]
    indent = re.match(r"[ ]*", children[0]).group(0) if children else "  "  # type: ignore[union-attr]

    inserted: list[int] = []
    found: dict[str, int] = {}
    for i in range(start + 1, block_end):
        for key in EDITORIAL_ORDER:
            if key in editorial and _set(lines[i], key, indent, "") is not None:
                found[key] = i
    for key in EDITORIAL_ORDER:
        if key not in editorial:
            continue
        if key in found:
            replaced = _set(lines[found[key]], key, indent, editorial[key])
            assert replaced is not None
            lines[found[key]] = replaced
            continue
        # After the fields before it in EDITORIAL_ORDER that the block has, else first in the block.
        after = max((found[k] for k in EDITORIAL_ORDER[: EDITORIAL_ORDER.index(key)] if k in found), default=start)
        lines.insert(after + 1, f"{indent}{key}: {editorial[key]}{newline}")
        found = {k: (i + 1 if i > after else i) for k, i in found.items()}
        inserted = [i + 1 if i > after else i for i in inserted] + [after + 1]
        found[key] = after + 1
    return "".join(lines), sorted(inserted)


def as_in_original(finding: Finding, inserted: list[int]) -> Finding:
    """A finding on the edited file placed on the file as it was: a line publish inserted is given as the line
    before it, where it would go."""
    before = sum(1 for i in inserted if i + 1 < finding.line)
    on_inserted = (finding.line - 1) in inserted
    return replace(finding, line=finding.line - before - on_inserted, column=1 if on_inserted else finding.column)


def _refuse(layout: Layout, path: Path, original: bytes, why: str, findings: list[Finding]) -> ExitCode:
    path.write_bytes(original)
    print(f"{layout.lesson_name(path)} was not published, and is unchanged: {why}", file=sys.stderr)
    for finding in findings:
        # Codes, places and messages only: what was found stays out of any log this is run in.
        print(format_finding(finding, excerpt=False), file=sys.stderr)
    return ExitCode.INVALID


def publish(layout: Layout, lesson_id: str, review: Review) -> ExitCode:
    if not _ID.fullmatch(lesson_id):
        print(f"error: '{lesson_id}' is not a lesson id (lower-case words joined by hyphens)", file=sys.stderr)
        return ExitCode.USAGE
    path = layout.lessons / f"{lesson_id}.md"
    if not path.is_file():
        print(f"error: there is no lesson {layout.lesson_name(path)}", file=sys.stderr)
        return ExitCode.USAGE
    original = path.read_bytes()
    src = read_lesson(layout, path)
    if src.data is None:
        return _refuse(layout, path, original, "its front matter cannot be read", [f for f in src.findings if f.is_error])
    editorial = src.data.get("editorial")
    state = editorial.get("state") if isinstance(editorial, dict) else None
    if state == "published" and not review.again:
        print(
            f"error: {layout.lesson_name(path)} is already published; to record a new review, run publish again with --again",
            file=sys.stderr,
        )
        return ExitCode.USAGE

    fields = {
        "state": "published",
        "reviewed_by": review.reviewer,
        "reviewed_on": review.on.isoformat(),
        "review_by": review.review_by.isoformat(),
    }
    top = {} if state == "published" else {"published": review.on.isoformat()}
    try:
        text = original.decode("utf-8")
        edited, inserted = edit_front_matter(text, top, fields)
    except (UnicodeDecodeError, EditError) as exc:
        return _refuse(layout, path, original, f"its front matter cannot be edited line by line: {exc}", [])

    path.write_bytes(edited.encode("utf-8"))
    try:
        result = check(layout, model=False, on=review.on)
    except BaseException:
        path.write_bytes(original)
        raise
    name = layout.lesson_name(path)
    # Positions as in the file the editor has, which is what they see once it is put back.
    mine = [as_in_original(f, inserted) for f in result.findings if f.path == name]
    errors = [f for f in mine if f.is_error]
    if errors:
        return _refuse(layout, path, original, "published, it would not be valid", errors)
    if not result.ok:
        others = sorted({f.path for f in result.findings if f.is_error})
        return _refuse(layout, path, original, "other lessons are invalid: " + ", ".join(others), [])
    anonymous = not (isinstance(src.data.get("organisation"), dict) and src.data["organisation"].get("name"))
    unaccepted = [f for f in mine if anonymous and f.code in NEEDS_ACCEPTANCE]
    if unaccepted:
        places = ", ".join(f"{f.code} at {f.line}:{f.column}" for f in unaccepted)
        print(
            f"{name} was not published, and is unchanged: it is anonymous and has warnings an editor must accept "
            f"first: {places}. Check each (python -m build_tools validate {name} shows them in full) and, if it may "
            "be published, add its text to editorial.accepted with the reason; otherwise reword it.",
            file=sys.stderr,
        )
        path.write_bytes(original)
        return ExitCode.INVALID
    verb = "re-reviewed" if state == "published" else "published"
    print(
        f"{name}: {verb} by {review.reviewer} on {review.on.isoformat()}, next review by {review.review_by.isoformat()}. "
        f'Commit it: git add {name} && make bot-commit MESSAGE="Publish {lesson_id}"'
    )
    return ExitCode.OK


def run(args: argparse.Namespace) -> ExitCode:
    layout = Layout(root=Path(args.root))
    if not layout.schema.is_file():
        print(f"error: no schema at {layout.schema}; run from the handbook's folder or pass --root", file=sys.stderr)
        return ExitCode.USAGE
    on = today()
    review_by = a_year_after(on)
    if args.review_by is not None:
        given = parse_date(args.review_by)
        if given is None or given <= on:
            print(f"error: --review-by must be a date after today, as YYYY-MM-DD, not '{args.review_by}'", file=sys.stderr)
            return ExitCode.USAGE
        review_by = given
    return publish(layout, args.lesson_id, Review(reviewer=args.reviewer, on=on, review_by=review_by, again=args.again))
