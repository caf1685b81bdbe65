"""Rules for one lesson beyond the schema: real dates, the file name, the body's sections and markup, personal data.

Each rule is a function of the lesson's file and a RuleContext; RULES runs them in order, and the
order is kept: findings at one place in a file are reported in the order the rules made them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from ..findings import Code, Finding, Severity, field_name
from ..model.dates import month_key, parse_date
from ..model.lesson_format import SUMMARY_PLACEHOLDER
from .body import check_body, check_markup
from .personal_data import accepted, scan
from .source import DataPath, SourceFile

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_OR_DAY = re.compile(r"\d{4}-\d{2}(-\d{2})?")
# firstname.lastname@, f.lastname@: the usual shapes of a person's work address.
_PERSONAL_MAILBOX = re.compile(r"^[A-Za-z]+[._][A-Za-z]+[0-9]*@", re.ASCII)


@dataclass(frozen=True)
class RuleContext:
    """What the rules share about one lesson, worked out once."""

    today: dt.date
    data: dict[str, Any]  # the front matter
    editorial: dict[str, Any]  # the editorial group, or {} when it is missing or not a group
    draft: bool  # drafts may keep prompts, the placeholder summary, comments and empty sections

    @classmethod
    def of(cls, src: SourceFile, today: dt.date) -> RuleContext:
        data = src.data or {}
        editorial = _group(data.get("editorial"))
        return cls(today=today, data=data, editorial=editorial, draft=editorial.get("state") == "draft")


Rule = Callable[[SourceFile, RuleContext], Iterable[Finding]]


def check_lesson(src: SourceFile, today: dt.date) -> list[Finding]:
    """Rules for one lesson that the schema cannot express. Assumes ``src.data`` is a mapping."""
    context = RuleContext.of(src, today)
    return [finding for rule in RULES for finding in rule(src, context)]


def file_name_is_id(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    stem = PurePath(src.path).stem
    lesson_id = context.data.get("id")
    if not _ID.match(stem):
        yield src.finding_for(
            ("id",),
            f"the file name '{PurePath(src.path).name}' must be the lesson id followed by .md"
            f" (lowercase words and digits joined by hyphens, e.g. {lesson_id or 'weekend-discharge-assessments'}.md)",
            Code.FILE_NAME,
        )
    elif isinstance(lesson_id, str) and _ID.match(lesson_id) and lesson_id != stem:
        yield src.finding_for(
            ("id",),
            f"id '{lesson_id}' must equal the file name '{stem}': rename the file to {lesson_id}.md or change the id",
            Code.ID_FILE_NAME,
        )


def published_date_is_real(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    yield from _real_date(src, ("published",), context.data.get("published"), context.today, not_future=True)


def editorial_dates_are_real(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    editorial = context.editorial
    yield from _real_date(src, ("editorial", "reviewed_on"), editorial.get("reviewed_on"), context.today, not_future=True)
    yield from _real_date(src, ("editorial", "review_by"), editorial.get("review_by"), context.today, not_future=False)


def review_not_due(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    review_by = parse_date(context.editorial.get("review_by"))
    if review_by is not None and review_by < context.today and context.editorial.get("state") == "published":
        yield src.finding_for(
            ("editorial", "review_by"),
            f"the review date {review_by.isoformat()} has passed: an editor should review the lesson and set a new review_by;"
            " until then the page says it may be out of date",
            Code.REVIEW_DUE,
            Severity.WARNING,
        )


def update_dates_are_real(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    updates = context.data.get("updates")
    # Anything but a list is the schema's to report.
    for index, update in enumerate(updates if isinstance(updates, list) else []):
        if isinstance(update, dict):
            yield from _real_date(src, ("updates", index, "date"), update.get("date"), context.today, not_future=True)


def period_is_real_and_in_order(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    period = _group(context.data.get("period"))
    keys: dict[str, tuple[int, int, int]] = {}
    for part in ("started", "ended"):
        value = period.get(part)
        if isinstance(value, str) and _MONTH_OR_DAY.fullmatch(value):
            key = month_key(value)
            if key is None:
                yield src.finding_for(("period", part), f"period.{part}: '{value}' is not a real month or date", Code.DATE)
            else:
                keys[part] = key
    if "started" in keys and "ended" in keys:
        started, ended = keys["started"], keys["ended"]
        # A month-only value covers the whole month, so compare at the coarser of the two.
        precision = 2 if 0 in (started[2], ended[2]) else 3
        if ended[:precision] < started[:precision]:
            yield src.finding_for(
                ("period", "ended"),
                f"period.ended ({period['ended']}) is before period.started ({period['started']})",
                Code.PERIOD_ORDER,
            )


def ongoing_has_no_end(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    if context.data.get("status") == "ongoing" and "ended" in _group(context.data.get("period")):
        yield src.finding_for(
            ("period", "ended"),
            "an ongoing lesson has no end date: remove period.ended, or set status to concluded or stopped",
            Code.ONGOING_ENDED,
        )


def contact_is_not_personal(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    via = _group(context.data.get("contact")).get("via")
    if isinstance(via, str) and _PERSONAL_MAILBOX.match(via):
        finding = src.finding_for(
            ("contact", "via"),
            "contact.via looks like a person's own address: use a team or role mailbox, or a web page",
            Code.PERSONAL_MAILBOX,
            Severity.WARNING,
        )
        yield replace(finding, excerpt=via)  # the address itself is for the author's eyes only


def not_related_to_itself(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    related, lesson_id = context.data.get("related"), context.data.get("id")
    if isinstance(related, list) and isinstance(lesson_id, str) and lesson_id in related:
        yield src.finding_for(("related", related.index(lesson_id)), "a lesson cannot be related to itself", Code.RELATED_SELF)


def summary_is_not_placeholder(src: SourceFile, context: RuleContext) -> Iterator[Finding]:
    summary = context.data.get("summary")
    if not context.draft and isinstance(summary, str) and SUMMARY_PLACEHOLDER in summary:
        yield src.finding_for(
            ("summary",),
            "replace the placeholder summary with your own one or two sentences (only drafts may keep it)",
            Code.SUMMARY_PLACEHOLDER,
        )


def body_has_its_sections(src: SourceFile, context: RuleContext) -> list[Finding]:
    return check_body(src, allow_empty=context.draft)


def body_markup_is_safe(src: SourceFile, context: RuleContext) -> list[Finding]:
    return check_markup(src, context.draft)


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


def no_personal_data(src: SourceFile, context: RuleContext) -> list[Finding]:
    """Personal identifiers anywhere in the text fields or the body, each with its line, and the text found as the
    finding's excerpt (never in its message: see Finding)."""
    data = context.data
    accepted_texts = context.editorial.get("accepted")
    accepted_texts = accepted_texts if isinstance(accepted_texts, list) else []
    allow = {item["text"] for item in accepted_texts if isinstance(item, dict) and isinstance(item.get("text"), str)}
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
            finding = src.finding_for(path, f"{field_name(path)}: {match.message}", match.code, match.severity)
            findings.append(replace(finding, excerpt=match.text))
    line_starts: list[int] = []
    for match in accepted(scan(src.body, anonymous=anonymous), allow):
        if not line_starts:  # only for lessons with something to report
            line_starts = [0, *(m.end() for m in re.finditer("\n", src.body))]
        line = bisect_right(line_starts, match.start) - 1
        column = match.start - line_starts[line] + 1
        finding = src.finding_at(src.body_line + line, column, match.message, match.code, match.severity)
        findings.append(replace(finding, excerpt=match.text))
    return findings


RULES: tuple[Rule, ...] = (
    file_name_is_id,
    published_date_is_real,
    editorial_dates_are_real,
    review_not_due,
    update_dates_are_real,
    period_is_real_and_in_order,
    ongoing_has_no_end,
    contact_is_not_personal,
    not_related_to_itself,
    summary_is_not_placeholder,
    body_has_its_sections,
    body_markup_is_safe,
    no_personal_data,
)


def _real_date(src: SourceFile, path: DataPath, value: Any, today: dt.date, not_future: bool) -> Iterator[Finding]:
    """A YYYY-MM-DD value that is not on the calendar or, ``not_future``, is after today."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return  # the schema reports the format
    date = parse_date(value)
    if date is None:
        yield src.finding_for(path, f"{field_name(path)}: '{value}' is not a real calendar date", Code.DATE)
    elif not_future and date > today:
        yield src.finding_for(path, f"{field_name(path)}: {value} is in the future (today is {today.isoformat()})", Code.DATE_FUTURE)


def _group(value: Any) -> dict[str, Any]:
    """A group of fields (a mapping) from the front matter, or {} for anything else."""
    return value if isinstance(value, dict) else {}
