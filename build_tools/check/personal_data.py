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


# UK phone numbers, found by their shape rather than by the ranges in use, so that drama ranges (0161 496 0000,
# 07700 900000), unallocated ranges and odd groupings are all found. A run of digits joined by spaces, hyphens,
# dots or brackets is split into its groups of digits; a number starts at a group that begins with 0 and another
# digit (or with +44 or 0044) and takes whole groups until it has the ten digits after the trunk 0 that every UK
# number has (nine for 01 numbers such as 01xxx xxxxx and for 0800 xxxxxx). Since it must start and end at the
# edges of groups, digits run into it through a separator (a year before it, a count after it) do not hide it,
# and dates (01.04.2023), decimals (0.5) and lists of short numbers never make one.
_PHONE_RUN = re.compile(r"[+\d][\d \t\n\u00a0\u2009\u202f().+\-\u2010-\u2013]{8,}")
_DIGITS = re.compile(r"\d+")
_SPACES = frozenset(" \t\u00a0\u2009\u202f")
_DASHES = frozenset("-.\u2010\u2011\u2012\u2013")
_SEPARATORS = _SPACES | _DASHES | frozenset("()\n")
# An ISBN-10 can look like an 01 number (ISBN 0198526636).
_ISBN_BEFORE = re.compile(r"ISBN(?:-1[03])?:?\s*$", re.IGNORECASE)


def _after_isbn(text: str, start: int) -> bool:
    return _ISBN_BEFORE.search(text, max(0, start - 12), start) is not None


def _joins(separator: str) -> bool:
    """Whether the text between two groups of digits joins them into one number: a space, a hyphen or a dot,
    with brackets and spaces around it, on at most two lines."""
    return (
        0 < len(separator) <= 4
        and set(separator) <= _SEPARATORS
        and sum(c in _DASHES for c in separator) <= 1
        and separator.count("(") <= 1
        and separator.count(")") <= 1
        and separator.count("\n") <= 1
    )


def _national_length_ok(national: str) -> bool:
    """The digits after the trunk 0: ten, or nine for 01 numbers and 0800 freephone numbers."""
    return len(national) == 10 or (len(national) == 9 and (national[0] == "1" or national.startswith("800")))


def _phone_at(text: str, groups: list[tuple[int, int]], first: int) -> tuple[int, int, int] | None:
    """A UK number starting at ``groups[first]``: (start, end, index of the group after it), or None."""
    start, end = groups[first]
    digits = text[start:end]
    following = first + 1
    international = (digits.startswith("44") and text[start - 1 : start] == "+") or digits.startswith("0044")
    if international or (digits == "0" and text[start - 1 : start] == "(" and text[end : end + 1] == ")"):
        # +44 or 0044, then the number without its trunk 0: "+44 (0)161 ...", "+44 161 ...", "+441614960000";
        # or "(0)161 ..." on its own.
        start -= text[start - 1 : start] in ("+", "(")
        national = digits[4:] if digits.startswith("0044") else digits[2:] if international else ""
        if not national and following < len(groups) and text[slice(*groups[following])] == "0":
            if not _joins(text[end : groups[following][0]]):
                return None
            end = groups[following][1]  # the "(0)" written for callers in the UK
            following += 1
        if not national:
            if following >= len(groups) or not _joins(text[end : groups[following][0]]):
                return None
            end = groups[following][1]
            national = text[groups[following][0] : end].removeprefix("0")
            following += 1
    elif len(digits) >= 3 and digits[0] == "0" and digits[1] != "0":
        national = digits[1:]
        start -= text[start - 1 : start] == "("  # "(0161) 496 0000"
    else:
        return None
    if not national or national[0] == "0":
        return None
    best = (start, end, following) if _national_length_ok(national) else None
    while len(national) < 10 and following < len(groups):
        group_start, group_end = groups[following]
        if group_end - group_start < 2 or not _joins(text[end:group_start]):
            break
        national += text[group_start:group_end]
        end, following = group_end, following + 1
        if _national_length_ok(national):
            best = (start, end, following)
    return best


def _phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    for run in _PHONE_RUN.finditer(text):
        if _after_isbn(text, run.start()):
            continue
        groups = [m.span() for m in _DIGITS.finditer(text, run.start(), run.end())]
        index = 0
        while index < len(groups):
            phone = _phone_at(text, groups, index)
            if phone is None:
                index += 1
            else:
                start, end, index = phone
                yield start, end


# Cheap tests that rule most text out before the exact patterns run (a lesson is mostly prose).
_GUARD_DIGITS = re.compile(r"\d[\d\s().\-\u2010-\u2013]{8,}\d")
_GUARD_NINO = re.compile(r"\d\d ?\d\d ?\d\d ?[A-D]\b")
_GUARD_POSTCODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}\b")
_GUARD_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Prof|Professor)\.? +[A-Z]")
_GUARD_ORGANISATION = re.compile(r"Council|Trust|Board|Group|Police|Constabulary|Service|Authority|Association|College|School")


# One pass over the digits rules out most prose for all the number-shaped identifiers at once.
_ANY_NUMBER = re.compile(r"\d(?:[\d\s().\-\u2010-\u2013]{7,}\d|\d ?\d\d ?\d\d ?[A-D]\b|[ABD-HJLNP-UW-Z]{2}\b)")


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
        # Phone numbers first: the end of one and a year after it can pass the NHS number's check.
        for start, end in _phone_numbers(text):
            yield from found(start, end, "a phone number; remove it (peers can be reached through contact.via)", error, Code.PHONE)
        for m in _NHS.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            # An ISBN-10 passes the same modulus-11 check.
            if before not in "0123456789£$.,/-" and _nhs_checksum("".join(m.groups())) and not _after_isbn(text, m.start()):
                yield from found(m.start(), m.end(), "what looks like an NHS number; remove it", error, Code.NHS_NUMBER)
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
