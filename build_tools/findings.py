"""Findings: what the checks report, as data with a location.

Checks return findings; reporters (see ``reporters``) decide how to show them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """A stable name for each kind of finding, so tools can filter findings without parsing messages.

    The values are public (``--format json``, GitHub annotation titles, the table in README.md): never
    change one. Members are listed by the stage that reports them.
    """

    description: str

    def __new__(cls, value: str, description: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # Reading the file
    UNREADABLE = "unreadable", "The file could not be read."
    TOO_LARGE = "too-large", "The file is far larger than a lesson can be."
    EMPTY = "empty", "The file is empty."
    BINARY = "binary", "The file contains a NUL byte, so it is not a text file."
    ENCODING = "encoding", "The file is not UTF-8 text."
    NO_FRONT_MATTER = "no-front-matter", "The file does not start with a `---` line opening the front matter."
    UNCLOSED_FRONT_MATTER = "unclosed-front-matter", "The front matter has no closing `---` line."
    TAB = "tab", "A tab character in the front matter, which is indented with spaces."
    FRONT_MATTER_SHAPE = "front-matter-shape", "The front matter is empty, or not a set of `field: value` lines."
    # Reading the YAML
    YAML_SYNTAX = "yaml-syntax", "The front matter is not valid YAML."
    YAML_DOCUMENTS = "yaml-documents", "The front matter holds more than one YAML document."
    ALIAS = "alias", "A YAML alias (`*name`): write the value out in full."
    ANCHOR = "anchor", "A YAML anchor (`&name`): write each value out in full."
    TAG = "tag", "A YAML tag (`!tag` or `!!type`): write the plain value."
    TOO_DEEP = "too-deep", "The front matter is nested too deeply."
    BAD_KEY = "bad-key", "A field name that is not a single plain word."
    DUPLICATE_KEY = "duplicate-key", "The same field is given twice."
    YAML_BOOLEAN = "yaml-boolean", "`yes`, `no`, `on` or `off`, which YAML may read as true or false: write `true` or `false`, or quote it."
    # The schema
    REQUIRED = "required", "A required field is missing."
    UNKNOWN_FIELD = "unknown-field", "A field the schema does not have, often a misspelt one."
    TYPE = "type", "A value of the wrong kind: a number where text belongs, text where a list belongs, and so on."
    VOCABULARY = "vocabulary", "A value that is not a term of its vocabulary (service areas, failure types, regions, ...)."
    RETIRED_TERM = "retired-term", "A vocabulary term that has been retired: the message says what replaces it."
    LENGTH = "length", "Text shorter or longer than the field allows."
    FORMAT = "format", "A value not written in the field's format: a date, an id, plain text, a web address or mailbox."
    COUNT = "count", "A list with too few or too many items."
    DUPLICATE = "duplicate", "A list that names the same item more than once."
    SCHEMA = "schema", "Any other way the front matter does not match the schema."
    # Rules for one lesson
    FILE_NAME = "file-name", "The file name is not a lesson id followed by .md."
    ID_FILE_NAME = "id-file-name", "The lesson's id is not its file name."
    DATE = "date", "A date or month that is not on the calendar, such as 2023-02-30."
    DATE_FUTURE = "date-future", "A date that cannot be in the future (published, reviewed, an update) is."
    REVIEW_DUE = "review-due", "A published lesson's `editorial.review_by` date has passed (a warning)."
    PERIOD_ORDER = "period-order", "`period.ended` is before `period.started`."
    ONGOING_ENDED = "ongoing-ended", "An ongoing lesson has an end date."
    PERSONAL_MAILBOX = "personal-mailbox", "`contact.via` looks like a person's own address rather than a team's (a warning)."
    RELATED_SELF = "related-self", "A lesson lists itself as related."
    SUMMARY_PLACEHOLDER = "summary-placeholder", "The summary is still the template's placeholder, which only drafts may keep."
    # The body
    BODY_PROMPT = "body-prompt", "A writing prompt from the template, which only drafts may keep."
    BODY_H1 = "body-h1", "A `# ` heading: the title comes from the front matter."
    BODY_PREAMBLE = "body-preamble", "Text before the first section."
    BODY_UNKNOWN_SECTION = "body-unknown-section", "A `## ` heading that is not one of the lesson's sections."
    BODY_DUPLICATE_SECTION = "body-duplicate-section", "A section that appears twice."
    BODY_ORDER = "body-order", "A section out of order."
    BODY_EMPTY_SECTION = "body-empty-section", "A section with nothing written under it, which only drafts may have."
    BODY_MISSING_SECTION = "body-missing-section", "A required section is missing."
    BODY_COMMENT = "body-comment", "An HTML comment, which only drafts may keep."
    BODY_HTML = "body-html", "Raw HTML: a lesson is written in markdown."
    BODY_LINK = "body-link", "A link or image to something other than `https:`, `http:`, `mailto:` or a page of the handbook."
    # Personal data, in the front matter's text and the body
    EMAIL = "email", "An email address (a team's role mailbox belongs in `contact.via`)."
    PHONE = "phone", "A UK phone number."
    NHS_NUMBER = "nhs-number", "What looks like an NHS number."
    NI_NUMBER = "ni-number", "What looks like a National Insurance number."
    POSTCODE = "postcode", "A full UK postcode."
    PERSON_NAME = "person-name", "A titled person's name, such as 'Dr Smith' (a warning; an editor can accept it)."
    POSSIBLE_PERSON_NAME = (
        "possible-person-name",
        "A first name followed by a surname, such as 'Sarah Jones', which may be a person's name (a warning; an editor can accept it).",
    )
    ORGANISATION_NAME = "organisation-name", "An organisation's name in an anonymous lesson (a warning; an editor can accept it)."
    # Disclosure control on an anonymous lesson's organisation
    ATTRIBUTION_IMPOSSIBLE = (
        "attribution-impossible",
        "No public body in the register matches the organisation's type, region, years and partners.",
    )
    ATTRIBUTION_RECODED = (
        "attribution-recoded",
        ("Too few bodies match an anonymous lesson's organisation: the site shows a broader kind or place instead (a warning)."),
    )
    ATTRIBUTION_TOO_NARROW = (
        "attribution-too-narrow",
        ("Even the broadest attribution points to too few bodies: publish the lesson named or as an editors' synthesis."),
    )
    REGISTER = "register", "The register of public bodies (register/) cannot be read."
    IDENTIFYING_NAME = (
        "identifying-name",
        "The name, short name or abbreviation of a public body in the register, in an anonymous lesson (a warning; an editor"
        " can accept it).",
    )
    IDENTIFYING_PLACE = (
        "identifying-place",
        "A town, city, county or council area in an anonymous lesson (a warning; an editor can accept it).",
    )
    IDENTIFYING_EVENT = (
        "identifying-event",
        "An event few bodies share and the public record names, such as a section 114 notice or special measures, in an"
        " anonymous lesson (a warning; an editor can accept it).",
    )
    IDENTIFYING_ID = "identifying-id", "A place or public body in an anonymous lesson's id, which is the page's address."
    OWN_DOMAIN = (
        "own-domain",
        "A contact, source or link on a public body's web domain in an anonymous lesson; for `contact.via`, on any public-sector domain.",
    )
    # Rules across lessons
    DUPLICATE_ID = "duplicate-id", "Another lesson already has this id."
    RELATED_MISSING = "related-missing", "A related lesson that does not exist."
    RELATED_UNPUBLISHED = "related-unpublished", "A related lesson that is not published yet, so no link appears (a warning)."


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. ``line`` and ``column`` are 1-based; 0 means unknown.

    ``excerpt`` is the text found, for personal data: never part of ``message``, so that reporters whose output
    others read (CI logs, annotations, JSON) can leave it out. Only the author's own terminal shows it.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR
    code: Code = field(kw_only=True)
    excerpt: str | None = field(default=None, kw_only=True)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def did_you_mean(value: str, options: Sequence[str]) -> str:
    """' (did you mean 'x'?)' for the closest option, or '' if none is close."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def field_name(path: Sequence[str | int]) -> str:
    """A path into the front matter as an author would write it: 'organisation.type', 'updates[0].date'."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the front matter"
