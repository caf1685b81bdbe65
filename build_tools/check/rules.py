"""Rules for one lesson beyond the schema: real dates, the file name, the body's sections and markup, personal data."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from ..findings import Code, Finding, Severity, field_name
from ..model.dates import month_key, parse_date
from ..model.lesson_format import SUMMARY_PLACEHOLDER
from .body import check_body, check_markup
from .personal_data import accepted, scan
from .source import DataPath, SourceFile

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# firstname.lastname@, f.lastname@: the usual shapes of a person's work address.
_PERSONAL_MAILBOX = re.compile(r"^[A-Za-z]+[._][A-Za-z]+[0-9]*@", re.ASCII)


def check_lesson(src: SourceFile, today: dt.date) -> list[Finding]:
    """Rules for one lesson that the schema cannot express. Assumes ``src.data`` is a mapping."""
    data = src.data or {}
    findings: list[Finding] = []

    def at(path: DataPath, message: str, code: Code, severity: Severity = Severity.ERROR) -> None:
        findings.append(src.finding_for(path, message, code, severity))

    stem = PurePath(src.path).stem
    lesson_id = data.get("id")
    if not _ID.match(stem):
        at(
            ("id",),
            f"the file name '{PurePath(src.path).name}' must be the lesson id followed by .md"
            f" (lowercase words and digits joined by hyphens, e.g. {lesson_id or 'weekend-discharge-assessments'}.md)",
            Code.FILE_NAME,
        )
    elif isinstance(lesson_id, str) and _ID.match(lesson_id) and lesson_id != stem:
        at(
            ("id",),
            f"id '{lesson_id}' must equal the file name '{stem}': rename the file to {lesson_id}.md or change the id",
            Code.ID_FILE_NAME,
        )

    def real_date(path: DataPath, value: Any, not_future: bool) -> dt.date | None:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return None  # the schema reports the format
        date = parse_date(value)
        if date is None:
            at(path, f"{field_name(path)}: '{value}' is not a real calendar date", Code.DATE)
        elif not_future and date > today:
            at(path, f"{field_name(path)}: {value} is in the future (today is {today.isoformat()})", Code.DATE_FUTURE)
        return date

    real_date(("published",), data.get("published"), not_future=True)
    editorial = data.get("editorial") if isinstance(data.get("editorial"), dict) else {}
    draft = editorial.get("state") == "draft"
    real_date(("editorial", "reviewed_on"), editorial.get("reviewed_on"), not_future=True)
    review_by = real_date(("editorial", "review_by"), editorial.get("review_by"), not_future=False)
    if review_by is not None and review_by < today and editorial.get("state") == "published":
        at(
            ("editorial", "review_by"),
            f"the review date {review_by.isoformat()} has passed: an editor should review the lesson and set a new review_by;"
            " until then the page says it may be out of date",
            Code.REVIEW_DUE,
            Severity.WARNING,
        )

    for index, update in enumerate(data.get("updates") or []):
        if isinstance(update, dict):
            real_date(("updates", index, "date"), update.get("date"), not_future=True)

    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    keys = {}
    for part in ("started", "ended"):
        value = period.get(part)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            keys[part] = month_key(value)
            if keys[part] is None:
                at(("period", part), f"period.{part}: '{value}' is not a real month or date", Code.DATE)
    if keys.get("started") and keys.get("ended"):
        started, ended = keys["started"], keys["ended"]
        # A month-only value covers the whole month, so compare at the coarser of the two.
        if ended[2] == 0 or started[2] == 0:
            started, ended = started[:2], ended[:2]
        if ended < started:
            at(("period", "ended"), f"period.ended ({period['ended']}) is before period.started ({period['started']})", Code.PERIOD_ORDER)
    if data.get("status") == "ongoing" and "ended" in period:
        at(
            ("period", "ended"),
            "an ongoing lesson has no end date: remove period.ended, or set status to concluded or stopped",
            Code.ONGOING_ENDED,
        )

    contact = data.get("contact") if isinstance(data.get("contact"), dict) else {}
    via = contact.get("via")
    if isinstance(via, str) and _PERSONAL_MAILBOX.match(via):
        at(
            ("contact", "via"),
            f"contact.via '{via}' looks like a person's own address: use a team or role mailbox, or a web page",
            Code.PERSONAL_MAILBOX,
            Severity.WARNING,
        )

    related = data.get("related")
    if isinstance(related, list) and isinstance(lesson_id, str) and lesson_id in related:
        at(("related", related.index(lesson_id)), "a lesson cannot be related to itself", Code.RELATED_SELF)

    if not draft and isinstance(data.get("summary"), str) and SUMMARY_PLACEHOLDER in data["summary"]:
        at(
            ("summary",),
            "replace the placeholder summary with your own one or two sentences (only drafts may keep it)",
            Code.SUMMARY_PLACEHOLDER,
        )

    findings.extend(check_body(src, allow_empty=draft))
    findings.extend(check_markup(src, draft))
    findings.extend(check_personal_data(src))
    return findings


# The front-matter text a person writes, where personal data could hide: (path, may hold a role mailbox).
def _text_fields(data: dict[str, Any]) -> Iterator[tuple[DataPath, str, bool]]:
    for key in ("title", "summary"):
        if isinstance(data.get(key), str):
            yield (key,), data[key], False
    organisation = data.get("organisation")
    if isinstance(organisation, dict) and isinstance(organisation.get("name"), str):
        yield ("organisation", "name"), organisation["name"], False
    for field, part in (("national_barriers", "description"), ("updates", "text"), ("sources", "title")):
        items = data.get(field)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(part), str):
                yield (field, index, part), item[part], False
    contact = data.get("contact")
    if isinstance(contact, dict) and isinstance(contact.get("via"), str):
        yield ("contact", "via"), contact["via"], True


def check_personal_data(src: SourceFile) -> list[Finding]:
    """Personal identifiers anywhere in the text fields or the body, each with its line and the text found."""
    data = src.data or {}
    editorial = data.get("editorial") if isinstance(data.get("editorial"), dict) else {}
    allow = {item["text"] for item in editorial.get("accepted") or [] if isinstance(item, dict) and isinstance(item.get("text"), str)}
    organisation = data.get("organisation")
    anonymous = not (isinstance(organisation, dict) and organisation.get("name"))
    findings: list[Finding] = []
    fields = list(_text_fields(data))
    # One scan of all the fields together rules out the usual case, nothing to report, cheaply.
    together = "\n".join(text for _, text, mailbox in fields if not mailbox)
    if not any(True for _ in scan(together, anonymous=anonymous)):
        fields = [field for field in fields if field[2]]
    for path, text, mailbox in fields:
        # The organisation's own name is not a leak; anything else in it still is.
        for match in accepted(scan(text, anonymous=anonymous and path != ("organisation", "name"), email_allowed=mailbox), allow):
            findings.append(src.finding_for(path, f"{field_name(path)}: {match.message}: '{match.text}'", match.code, match.severity))
    line_starts: list[int] = []
    for match in accepted(scan(src.body, anonymous=anonymous), allow):
        if not line_starts:  # only for lessons with something to report
            line_starts = [0, *(m.end() for m in re.finditer("\n", src.body))]
        line = bisect_right(line_starts, match.start) - 1
        column = match.start - line_starts[line] + 1
        findings.append(src.finding_at(src.body_line + line, column, f"{match.message}: '{match.text}'", match.code, match.severity))
    return findings
