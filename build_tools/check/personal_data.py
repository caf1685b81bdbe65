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

from ..findings import Code, Severity


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    message: str
    severity: Severity
    code: Code


_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
# Starts with a digit so the scan skips text quickly; the character before is checked by hand.
_NHS = re.compile(r"(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d%/])")
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


# Where a UK number could start: 0 or +44 followed by enough digits. libphonenumber's matcher is exact but slow
# over a whole lesson, so it only looks at a short window around each of these.
_PHONE_START = re.compile(r"(?:\+\s?44|\(?\b0)[\d\s().-]{8,}")


def _phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    seen: set[tuple[int, int]] = set()
    for candidate in _PHONE_START.finditer(text):
        offset = max(0, candidate.start() - 4)
        window = text[offset : candidate.end() + 4]
        for m in phonenumbers.PhoneNumberMatcher(window, "GB", leniency=phonenumbers.Leniency.VALID):
            span = (offset + m.start, offset + m.end)
            if span not in seen:
                seen.add(span)
                yield span


# Cheap tests that rule most text out before the exact patterns run (a lesson is mostly prose).
_GUARD_DIGITS = re.compile(r"\d[\d\s().-]{8,}\d")
_GUARD_NINO = re.compile(r"\d\d ?\d\d ?\d\d ?[A-D]\b")
_GUARD_POSTCODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}\b")
_GUARD_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Prof|Professor)\.? +[A-Z]")
_GUARD_ORGANISATION = re.compile(r"Council|Trust|Board|Group|Police|Constabulary|Service|Authority|Association|College|School")


# One pass over the digits rules out most prose for all the number-shaped identifiers at once.
_ANY_NUMBER = re.compile(r"\d(?:[\d\s().-]{7,}\d|\d ?\d\d ?\d\d ?[A-D]\b|[ABD-HJLNP-UW-Z]{2}\b)")


def scan(text: str, *, anonymous: bool, email_allowed: bool = False) -> Iterator[Match]:
    """Every personal identifier (errors) and every name to look at (warnings) in ``text``."""
    numbers = _ANY_NUMBER.search(text) is not None
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def found(start: int, end: int, message: str, severity: Severity, code: Code) -> Iterator[Match]:
        if free(start, end):
            taken.append((start, end))
            yield Match(start, end, text[start:end], message, severity, code)

    error = Severity.ERROR
    if not email_allowed and "@" in text:
        for m in _EMAIL.finditer(text):
            yield from found(
                m.start(), m.end(), "an email address; remove it (a team's role mailbox goes in contact.via)", error, Code.EMAIL
            )
    if numbers and _GUARD_DIGITS.search(text):
        for m in _NHS.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            if before not in "0123456789£$.,/-" and _nhs_checksum("".join(m.groups())):
                yield from found(m.start(), m.end(), "what looks like an NHS number; remove it", error, Code.NHS_NUMBER)
        for start, end in _phone_numbers(text):
            yield from found(start, end, "a phone number; remove it (peers can be reached through contact.via)", error, Code.PHONE)
    if numbers and _GUARD_NINO.search(text):
        for m in _NINO.finditer(text):
            yield from found(m.start(), m.end(), "what looks like a National Insurance number; remove it", error, Code.NI_NUMBER)
    if numbers and _GUARD_POSTCODE.search(text):
        for m in _POSTCODE.finditer(text):
            yield from found(m.start(), m.end(), "a full postcode; remove it or give only the area", error, Code.POSTCODE)
    for m in _TITLED.finditer(text) if _GUARD_TITLED.search(text) else ():
        yield from found(
            m.start(),
            m.end(),
            "a titled person's name: describe the role instead, or an editor can accept it",
            Severity.WARNING,
            Code.PERSON_NAME,
        )
    if anonymous and _GUARD_ORGANISATION.search(text):
        for m in _ORGANISATION.finditer(text):
            yield from found(
                m.start(),
                m.end(),
                "an organisation's name in an anonymous lesson: remove it, or an editor can accept it",
                Severity.WARNING,
                Code.ORGANISATION_NAME,
            )


def accepted(matches: Iterable[Match], allow: set[str]) -> list[Match]:
    """The matches an editor has not accepted."""
    return [m for m in matches if m.text not in allow]
