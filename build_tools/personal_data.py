"""Personal data: identifiers that must never be published, and names an editor must look at.

Errors: email addresses (a role mailbox belongs in contact.via only), UK phone numbers, NHS numbers
(ten digits passing the modulus-11 check), National Insurance numbers and full UK postcodes.
Warnings: a titled person's name ("Dr Smith"), and, in an anonymous lesson, an organisation's name
("... County Council"). An editor can accept a specific reported string in the lesson's
``editorial.accepted`` list, with a reason; the acceptance is part of the file, so it is reviewed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import phonenumbers

from .findings import Severity


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    message: str
    severity: Severity
    code: str


_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
_NHS = re.compile(r"(?<![\d£$.,/-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d%/])")
# Prefixes never issued (D, F, I, Q, U, V first; D, F, I, O, Q, U, V second; BG, GB, KN, NK, NT, TN, ZZ).
_NINO = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]) ?\d[ABD-HJLNP-UW-Z]{2})\b"
)
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Prof|Professor)\.? +[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\b")
_ORGANISATION = re.compile(
    r"\b(?:[A-Z][\w'&-]*\s+){1,5}(?:County Council|Borough Council|City Council|District Council|Metropolitan Borough Council"
    r"|Council|NHS Foundation Trust|NHS Trust|Foundation Trust|Integrated Care Board|Clinical Commissioning Group|Health Board"
    r"|Police|Constabulary|Fire and Rescue Service|Fire and Rescue Authority|Combined Authority|Housing Association"
    r"|Academy Trust|College|Primary School|Secondary School|High School)\b"
)


def _nhs_checksum(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def scan(text: str, *, anonymous: bool, email_allowed: bool = False) -> Iterator[Match]:
    """Every personal identifier (errors) and every name to look at (warnings) in ``text``."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def found(start: int, end: int, message: str, severity: Severity, code: str) -> Iterator[Match]:
        if free(start, end):
            taken.append((start, end))
            yield Match(start, end, text[start:end], message, severity, code)

    error = Severity.ERROR
    if not email_allowed:
        for m in _EMAIL.finditer(text):
            yield from found(m.start(), m.end(), "an email address; remove it (a team's role mailbox goes in contact.via)", error, "email")
    for m in _NHS.finditer(text):
        digits = "".join(m.groups())
        if _nhs_checksum(digits):
            yield from found(m.start(), m.end(), "what looks like an NHS number; remove it", error, "nhs-number")
    for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
        yield from found(m.start, m.end, "a phone number; remove it (peers can be reached through contact.via)", error, "phone")
    for m in _NINO.finditer(text):
        yield from found(m.start(), m.end(), "what looks like a National Insurance number; remove it", error, "ni-number")
    for m in _POSTCODE.finditer(text):
        yield from found(m.start(), m.end(), "a full postcode; remove it or give only the area", error, "postcode")
    for m in _TITLED.finditer(text):
        yield from found(
            m.start(),
            m.end(),
            "a titled person's name: describe the role instead, or an editor can accept it",
            Severity.WARNING,
            "person-name",
        )
    if anonymous:
        for m in _ORGANISATION.finditer(text):
            yield from found(
                m.start(),
                m.end(),
                "an organisation's name in an anonymous lesson: remove it, or an editor can accept it",
                Severity.WARNING,
                "organisation-name",
            )


def accepted(matches: Iterable[Match], allow: set[str]) -> list[Match]:
    """The matches an editor has not accepted."""
    return [m for m in matches if m.text not in allow]
