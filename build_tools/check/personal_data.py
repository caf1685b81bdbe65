"""Personal data: identifiers that must never be published, and names an editor must look at.

Errors: email addresses (a role mailbox belongs in contact.via only), UK phone numbers, NHS numbers
(ten digits passing the modulus-11 check), National Insurance numbers and full UK postcodes.
Warnings: a titled person's name ("Dr Sarah Jones"), a first name followed by a surname ("Sarah Jones"),
and, in an anonymous lesson, an organisation's name ("... County Council"). An editor can accept a specific
reported string in the lesson's ``editorial.accepted`` list, with a reason; the acceptance is part of the
file, so it is reviewed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files

from ..findings import Code, Severity


@dataclass(frozen=True)
class Match:
    """Something found at ``text[start:end]``; ``text`` is what was found, on one line."""

    start: int
    end: int
    text: str
    message: str
    severity: Severity
    code: Code


def _words(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
# Starts with a digit so the scan skips text quickly; the character before is checked by hand.
_NHS = re.compile(r"(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d%/])")
# Prefixes never issued (D, F, I, Q, U, V first; D, F, I, O, Q, U, V second; BG, GB, KN, NK, NT, TN, ZZ).
_NINO = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]) ?\d[ABD-HJLNP-UW-Z]{2})\b"
)
# Up to five capitalised words, then a kind of organisation. The words before are checked afterwards: "The
# County Council" and "Our Integrated Care Board" name no particular one.
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][\w'&-]*\s+){1,5})(?:County Council|Borough Council|City Council|District Council|Metropolitan Borough Council"
    r"|Council|NHS Foundation Trust|NHS Trust|Foundation Trust|Integrated Care Board|Clinical Commissioning Group|Health Board"
    r"|Police|Constabulary|Fire and Rescue Service|Fire and Rescue Authority|Combined Authority|Housing Association"
    r"|Academy Trust|College|Primary School|Secondary School|High School)\b"
)


# Names. A name word is capitalised and then lower case, in Latin-1 letters, perhaps joined by a hyphen or an
# apostrophe (Mary-Jane, O'Neill, Smith-Patel) or after Mc, Mac, O' or D' (McDonald, MacLeod, D'Souza).
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff"
_NAME_WORD = rf"(?:Mc|Mac|O['\u2019]|D['\u2019])?[{_UPPER}][{_LOWER}]+(?:[-'\u2019][{_UPPER}][{_LOWER}]+)*"
_INITIAL = rf"[{_UPPER}](?:\.[ \t]*|[ \t]+)"
_TITLES = _words("Mr Mrs Ms Miss Mx Dr Cllr Councillor Sir Dame Prof Professor Lord Lady Baron Baroness Rev Revd Reverend")
_TITLE = rf"(?:{'|'.join(sorted(_TITLES, key=lambda title: (-len(title), title)))})\.?"
# A title (or several: "Professor Sir"), initials, then up to four name words; words that cannot be part of a
# name ("the Dr Jones Centre") are trimmed off afterwards. Tried only where a title starts a capitalised pair.
_TITLED = re.compile(rf"{_TITLE}(?:[ \t]+{_TITLE}){{0,3}}[ \t]+((?:{_INITIAL}){{0,3}}{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})")
_NAME_PART = re.compile(rf"{_NAME_WORD}|[{_UPPER}]\.?")


# Words for places, buildings and organisations: after a name they make it the name of a place or an
# organisation ("Mary Seacole House", "Victoria Road"), and they are never part of a person's name.
_PLACE_WORDS = _words(
    "Abbey Academy Agency Airport Alliance Arena Assembly Association Authority Authorities Avenue Barracks Bay Beach",
    "Boards Board Borough Bridge Building Buildings Camp Campus Castle Cathedral Center Centre Centres Chapel Church",
    "Cinema Circus City Clinic Clinics Close Club Coast College Commission Committee Community Company Constabulary",
    "Corporation Council Councils County Court Courts Crescent Department Depot Directorate District Division Dock",
    "Drive Estate Estates Farm Federation Forum Foundation Gallery Garden Gardens Government Group Gurdwara Hospice Hospital",
    "Hospitals House Houses Hub Hubs Infirmary Institute Island Isle Library Limited Lodge Ltd Mall Mandir Manor",
    "Market Medical Mews Minster Ministry Mosque Museum Network Nursery Office Offices Parade Park Parks Parliament",
    "Partners Partnership Pier Place Plc Police Port Practice Primary Prison Priory Quay Road Row School Schools",
    "Secondary Service Services Society Square Stadium Station Street Suite Surgery Synagogue Team Teams Temple",
    "Terrace Theatre Tower Towers Town Trust Trusts Union Unit Units University Valley Village Walk Way Wharf Wing",
    "Works Zoo",
)
# Words often capitalised in titles and names of things that are not people's names: after a first name they
# mean it is not a person ("Grace Period", "Mark Scheme"), and a titled name ends before them.
_COMMON_WORDS = _words(
    "A About Across Act Acts Action Active Acute Adult Adults After Against Agreement Aid Alcohol All Also An And",
    "Annual Another Any App Approach Are Area Areas As Assessment Assessments At Audit Autumn Award Awards Be Been",
    "Before Behind Benefits Best Better Between Beyond Bill Bills Both Breakfast Budget Budgets But By Cafe Can Care",
    "Carer Carers Caring Central Champion Champions Charity Charter Children Christmas Clinical Clubs Code Codes",
    "Coffee Commissioning Competence Contract Contracts Could Data Day Days Dementia Did Digital Dinner Director",
    "Directors Disability Disabilities Disease Do Does Down Drug Drugs During Each Early East Eastern Easter Education",
    "Effect Emergency Employment Even Evening Every Evidence Executive Family Families Few Final First For Framework",
    "Frameworks From Full Fund Funding Funds General Good Great Greater Groups Guidance Had Has Have He Health",
    "Healthy Her Here His Holiday Holidays Home Homes Homeless Homelessness Hour Hours Housing How I In Independent",
    "Index Initiative Initiatives Integrated Interim International Into Is It Its Joint Just Law Lead Leader Leaders",
    "Leadership Learning Less Level Levels Line Lines Local Lower Lunch Making Management Manager Managers Many May",
    "Measure Measures Meeting Meetings Member Members Men Mental Method Mid Might Model Models Month Months More",
    "Morning Most Must My National Neighbourhood Neighbourhoods New Night No North Northern Not Now Nurse Nurses",
    "Nursing Of Off Officer Officers Often Old On Once Only Open Or Other Our Out Over Own Panel Panels Parent",
    "Parents Pathway Pathways Period Phase Physical Pilot Pilots Plan Planning Plans Platform Point Points Policies",
    "Policy Portal Practitioner Practitioners Prize Probation Procedure Procedures Process Processes Programme",
    "Programmes Program Project Projects Protection Protocol Protocols Public Pupils Rapid Record Records Recovery",
    "Region Regional Register Regulations Report Reports Research Review Reviews Room Rooms Royal Rule Rules Safe",
    "Safer Safeguarding Same Scheme Schemes Season Second Shall She Should Since Site Sites Skills So Social Some",
    "South Southern Special Specialist Spring Staff Stage Standard Standards Statutory Still Strategic Strategies",
    "Strategy Students Studies Study Such Summer Support Supported Supporting Survey Syndrome System Systems Tea Term",
    "Terms Test Tests Than That The Their Then There These They Third This Those Through Tier Tiers Time Times To",
    "Toolkit Training Trial Trials Under Until Up Upper Urgent Values Very Virtual Volunteer Volunteers Voluntary Was We",
    "Week Weekend Weeks Welfare Wellbeing Were West Western What When Where Which Who Why Will Winter With Within",
    "Without Work Worker Workers Workforce Working Would Year Years Yes You Your Youth Zone",
    "January February March April June July August September October November December",
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "Alert Alerts Appeal Conversations Rated Rating Ratings Status Warning Warnings",
)
_NOT_A_NAME = _PLACE_WORDS | _COMMON_WORDS


def _name_end(text: str, start: int, end: int) -> int | None:
    """Where the name in ``text[start:end]`` (initials and name words) ends once words that cannot be part of a
    name are trimmed off, or None if no name word is left."""
    name_end = None
    for part in _NAME_PART.finditer(text, start, end):
        word = part.group()
        if len(word.rstrip(".")) > 1:  # not an initial
            if word in _NOT_A_NAME:
                break
            name_end = part.end()
    return name_end


# Names without a title: a first name (from data/first_names.txt, with its sources) followed by one to four
# capitalised name words: "Sarah Jones", "Mohammed Khan".
_FIRST_NAMES = frozenset(
    line.strip()
    for line in files(__package__).joinpath("data", "first_names.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
# The candidates for both kinds of name: a capitalised word followed by another ("Dr. Okafor", "Sarah Jones").
# The pattern starts with a character class, never backtracks into a word (++) and looks no further than the
# next word, so one pass over a lesson is quick and finds every candidate, overlapping ones included ("Chief
# Executive Sarah Jones").
_CAPITALISED_PAIR = re.compile(rf"[{_UPPER}][{_LOWER}]++(?:-[{_UPPER}][{_LOWER}]+)?(?=\.?(?:[ \t]{{1,4}}|[ \t]*\n[ \t]{{0,4}})[{_UPPER}])")
_NEXT_NAME_WORD = re.compile(rf"(?:[ \t]{{1,4}}|[ \t]*\n[ \t]{{0,4}})({_NAME_WORD})")
_WORD_BEFORE = re.compile(r"(\S+)[ \t]*\n?[ \t]*$")
# Place words that are also common surnames: they make a place only after a first name that is also a word or a
# place ("Victoria Hall", but "Sarah Hall"), or after a surname ("Mary Seacole Ward").
_SURNAME_PLACE_WORDS = _words(
    "Bank Banks Brook Brooks Chase Croft Cross Dale Field Fields Ford Gate Gates Green Grove Hall Heath Hill Hurst",
    "Lane Law Lea Marsh Mill Mills Moor Moore Vale Ward Wells Wood Woods",
)
# First names that are also ordinary words, months, seasons or places: "Will", "May", "Grace", "Victoria".
# Never after an article or a possessive ("the Mark Scheme") or after another capitalised word, and a place word
# that is also a surname after them makes a place ("Victoria Hall").
_WORD_NAMES = _words(
    "Ailsa Amber April August Bailey Basil Beverley Bill Bob Bonnie Carol Carter Chelsea Chester Christian Clare",
    "Daisy Dale Dawn Dean Douglas Faith Florence Frank Fraser Georgia Glen Glenn Grace Guy Harley Hazel Heather",
    "Holly Hope Iona Iris Ivy Jack Jade Jasmine Jay Jean Jordan Joy June Kay Ken Kerry Lee Leigh Les Lily Marina",
    "Mark Mason Max May Miles Morgan Morris Nick Norman Olive Pat Poppy Rob Robin Rose Rosemary Royston Ruby",
    "Shannon Sienna Stanley Sue Summer Sydney Taylor Teddy Tyrone Victoria Violet Warren Will Willow",
)
# Months, seasons and "Will": at the start of a sentence ("Will Ofsted ...?") or after a word of time ("in May
# Cabinet ...") they are not names. Other first names that are words name a person there ("Nick Goodwin said").
_MODAL_NAMES = _words("April August June May Summer Will")
_ARTICLES = _words("a an the this that these those our their its his her my your every each no some any which whose")
_TIME_WORDS = _words("in on by from until till since during before after of last next early late mid end between and or to")
# Words before a first name that make it part of a place's or a royal's name ("St George Street").
_PLACE_BEFORE = _words("St St. Saint Santa San King Queen Prince Princess Duke Duchess Port Fort Mount Lake Cape")
# People long dead whose names are organisations' and programmes' names.
_PUBLIC_NAMES = frozenset({"Marie Curie", "Florence Nightingale", "Mary Seacole", "Anna Freud"})


def _plain(word: str) -> str:
    """A name without its accents, as the list writes it: Siân -> Sian."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _names(text: str) -> Iterator[tuple[int, int, Code]]:
    """Titled names (PERSON_NAME) and first names followed by a surname (POSSIBLE_PERSON_NAME), as (start, end, code)."""
    for pair in _CAPITALISED_PAIR.finditer(text):
        start, word = pair.start(), pair.group()
        if start and (text[start - 1].isalnum() or text[start - 1] in "'\u2019"):
            continue  # the end of a longer word: "McSarah", "O'Sarah"
        if word in _TITLES:
            titled = _TITLED.match(text, start)
            end = _name_end(text, titled.start(1), titled.end(1)) if titled else None
            if end is not None:
                yield start, end, Code.PERSON_NAME
        elif _plain(word.split("-")[0]) in _FIRST_NAMES:
            end = _surname_end(text, start, pair.end(), word)
            if end is not None:
                yield start, end, Code.POSSIBLE_PERSON_NAME


def _surname_end(text: str, start: int, end: int, first: str) -> int | None:
    """Where the name that starts with the first name ``text[start:end]`` ends, or None if it is no name: a
    first name that is also a word at the start of a sentence, a place's or an organisation's name, and so on."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    word_before = before.group(1) if before else ""
    if word_before in _PLACE_BEFORE:
        return None
    word_name = first in _WORD_NAMES
    # A sentence, a list item, a table cell or a quotation starts: "Will Ofsted accept it?", "- May Cabinet ..."
    sentence_start = not word_before or word_before[-1] in ".!?:;\"'\u201c\u2018(|*#>-" or word_before[-1].isdigit()
    if word_name and (
        (sentence_start and first in _MODAL_NAMES)
        or word_before[:1].isupper()  # in a run of capitalised words: a title or a name of something
        or word_before.lower() in _ARTICLES
        or (first in _MODAL_NAMES and word_before.lower() in _TIME_WORDS)
    ):
        return None
    words = 0
    while words < 4:
        following = _NEXT_NAME_WORD.match(text, end)
        if following is None:
            break
        word = following.group(1)
        if word in _PLACE_WORDS or (word in _SURNAME_PLACE_WORDS and (word_name or words)):
            return None  # "Mary Seacole House", "Victoria Hall", "Mary Seacole Ward" (but "Sarah Ward")
        if word in _COMMON_WORDS:
            break
        end, words = following.end(), words + 1
    return end if words and _one_line(text[start:end]) not in _PUBLIC_NAMES else None


# Words that open a sentence or a phrase before an organisation's name: "The", "Our", "In", "And".
_LEADING_WORDS = frozenset(word.capitalize() for word in _ARTICLES | _TIME_WORDS | _words("both all then when if as so with for at but"))


def _organisation_start(m: re.Match[str]) -> int | None:
    """Where an organisation's name found by _ORGANISATION starts once words such as "The" or "In" before it are
    left out, or None when the words before name no particular organisation ("The County Council")."""
    words = list(re.finditer(r"\S+", m.group(1)))
    if all(word.group() in _NOT_A_NAME or word.group() == "NHS" for word in words):
        return None
    first = next((word for word in words if word.group() not in _LEADING_WORDS), None)
    return None if first is None else m.start(1) + first.start()


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
_GUARD_DIGITS = re.compile(r"[0-9][0-9\s().\-\u2010-\u2013]{8,}[0-9]")
_GUARD_NINO = re.compile(r"\d\d ?\d\d ?\d\d ?[A-D]\b")
_GUARD_POSTCODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}\b")
_GUARD_ORGANISATION = re.compile(r"Council|Trust|Board|Group|Police|Constabulary|Service|Authority|Association|College|School")


# One pass over the digits rules out most prose for all the number-shaped identifiers at once.
# [0-9] rather than \d, which also matches other scripts' digits and is slower to look for.
_ANY_NUMBER = re.compile(r"[0-9](?:[0-9\s().\-\u2010-\u2013]{7,}[0-9]|[0-9] ?[0-9]{2} ?[0-9]{2} ?[A-D]\b|[ABD-HJLNP-UW-Z]{2}\b)")


def scan(text: str, *, anonymous: bool, email_allowed: bool = False) -> Iterator[Match]:
    """Every personal identifier (errors) and every name to look at (warnings) in ``text``."""
    numbers = _ANY_NUMBER.search(text) is not None
    # What has been reported, as spans that never overlap, sorted: a place is reported once, by the first check
    # to find something there. Kept sorted so that a file full of matches is not checked in quadratic time.
    starts: list[int] = []
    ends: list[int] = []

    def found(start: int, end: int, message: str, severity: Severity, code: Code) -> Iterator[Match]:
        index = bisect_right(starts, start)
        if (index and ends[index - 1] > start) or (index < len(starts) and starts[index] < end):
            return
        starts.insert(index, start)
        ends.insert(index, end)
        yield Match(start, end, _one_line(text[start:end]), message, severity, code)

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
    for start, end, code in _names(text):
        if code is Code.PERSON_NAME:
            message = "a titled person's name: describe the role instead, or an editor can accept it"
        else:
            message = "what may be a person's name: describe the role instead, or an editor can accept it"
        yield from found(start, end, message, Severity.WARNING, code)
    if anonymous and _GUARD_ORGANISATION.search(text):
        for m in _ORGANISATION.finditer(text):
            organisation_start = _organisation_start(m)
            if organisation_start is None:
                continue
            yield from found(
                organisation_start,
                m.end(),
                "an organisation's name in an anonymous lesson: remove it, or an editor can accept it",
                Severity.WARNING,
                Code.ORGANISATION_NAME,
            )


def _one_line(text: str) -> str:
    """What was found as it is reported and accepted: on one line, with single spaces ("Sarah\\nJones" is "Sarah Jones")."""
    return " ".join(text.split())


def accepted(matches: Iterable[Match], allow: set[str]) -> list[Match]:
    """The matches an editor has not accepted."""
    allow = {_one_line(text) for text in allow}
    return [m for m in matches if m.text not in allow]
