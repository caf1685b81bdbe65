"""Identifying details in anonymous lessons: the names of public bodies, places, events on the public record, and
addresses on a body's own web site.

An anonymous lesson says only what kind of organisation it is from and where ("a unitary authority in the North
West"); disclosure control counts how many bodies that could be. A name in the text undoes it. This check reads the
front matter's text fields and the body of every lesson without ``organisation.name`` and reports:

- the names, short names and abbreviations of bodies in the register (warnings, ``identifying-name``);
- places: towns and cities of 5,000 people or more (GeoNames, ``data/gb-places.txt``), counties, and council areas,
  which are the register's short names for councils (warnings, ``identifying-place``);
- events that few bodies share and the public record names: a section 114 notice, an "inadequate" inspection,
  special measures, commissioners or government intervention, a named safeguarding review, an improvement notice
  (warnings, ``identifying-event``);
- a place or body in the lesson's id, which is the page's address (errors, ``identifying-id``);
- a contact, source or link on a register body's web domain, or a contact on any public-sector domain (errors,
  ``own-domain``).

An editor can accept a reported warning, naming its exact text in ``editorial.accepted`` with the reason. Nothing
can accept an error: an address stays an address.

Bodies whose region spans a nation or the UK (the schema phrases such regions "across England", "across the UK")
say nothing about where a lesson is from, so their names are not looked for. Words that are also ordinary English,
first names or months are reported only where they can only be a place (``data/identifying.yml`` lists them).

Validation runs on every lesson at every build, so a lesson's texts are scanned together, once for capitalised words
(only those that begin a known name lead to a closer look) and once for each event's keyword, with a plain substring
test; no pattern of every name is ever run over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from ..findings import Code, Finding, Severity, field_name
from ..model.register import PublicBody, Register
from ..model.vocabulary import Schema
from .source import DataPath, SourceFile

DATA = Path(__file__).resolve().parent / "data"
LISTS_FILE = "identifying.yml"
PLACES_FILE = "gb-places.txt"

# Domains of the public sector as a whole: a mailbox or web page on one names the organisation behind it.
PUBLIC_SECTOR_DOMAINS = frozenset(
    {"gov.uk", "nhs.uk", "nhs.net", "police.uk", "gov.wales", "llyw.cymru", "nhs.wales", "gov.scot", "nhs.scot", "hscni.net", "sch.uk"}
)


@dataclass(frozen=True)
class Lists:
    """The reviewed lists in ``data/identifying.yml`` and the places in ``data/gb-places.txt``."""

    acronyms: frozenset[str]
    ordinary_words: frozenset[str]  # lower case
    rare_words: frozenset[str]
    first_names: frozenset[str]
    never_alone: frozenset[str]
    not_identifying: tuple[str, ...]
    not_places: frozenset[str]
    more_places: tuple[str, ...]
    places: tuple[str, ...]


# libyaml's loader when PyYAML has it: the lists are read for every chunk of lessons.
_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def load_lists(folder: Path = DATA) -> Lists:
    loaded = yaml.load((folder / LISTS_FILE).read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader either way

    def strings(key: str) -> list[str]:
        return [str(item) for item in loaded.get(key) or ()]

    places = [line.strip() for line in (folder / PLACES_FILE).read_text(encoding="utf-8").splitlines()]
    return Lists(
        acronyms=frozenset(strings("acronyms")),
        ordinary_words=frozenset(word.lower() for word in strings("ordinary_words")),
        rare_words=frozenset(strings("rare_words")),
        first_names=frozenset(strings("first_names")),
        never_alone=frozenset(strings("never_alone")),
        not_identifying=tuple(strings("not_identifying")),
        not_places=frozenset(strings("not_places")),
        more_places=tuple(strings("more_places")),
        places=tuple(line for line in places if line and not line.startswith("#")),
    )


class Kind(Enum):
    NAME = "name"  # a body's name, short name or abbreviation
    PLACE = "place"
    SKIP = "skip"  # a phrase that begins like a name but names nothing (see not_identifying)


class Usage(Enum):
    """Where a one-word name is reported; longer names are reported wherever they are written."""

    ANYWHERE = "anywhere"
    MID_SENTENCE = "mid-sentence"  # an ordinary word: only mid-sentence, standing alone
    AFTER_PLACE_WORD = "after-place-word"  # a first name: only after "in", "at", "near"...
    NEVER = "never"


# The words text is scanned for: a capital and the letters after it. A name is found through its first such word.
_KEY = re.compile(r"[A-Z][A-Za-z]*")
# The words of a name, as written in the register or a list: letters, with apostrophes inside ("King's"), or "&".
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|&")
# Small words a name may hold, matched in any case: "Newcastle upon Tyne", "Isle of Wight".
_CONNECTORS = frozenset({"and", "of", "on", "upon", "in", "under", "the", "le", "la", "de", "en", "by", "with", "for"})
# Before a first name that is also a place, these make it the place.
_PLACE_WORDS = frozenset({"in", "at", "near", "around", "across", "outside", "throughout", "within", "covering", "serving"})
# Capitalised words that start a sentence without being part of a name: "In Wells we...".
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "both", "by", "for", "from", "in", "into", "near", "of", "on", "or", "our", "outside"}
    | {"the", "their", "through", "throughout", "to", "unlike", "via", "we", "with", "within"}
)


def _words(phrase: str) -> list[str]:
    return _WORD.findall(phrase.replace("\u2019", "'"))


def _pattern(phrase: str, exact: bool) -> re.Pattern[str]:
    """A pattern for ``phrase`` at a position in text: its words in order, across spaces, line breaks, hyphens and
    commas ("Stoke-on-Trent", "Stoke on Trent"), "and" as "&" too, and small connecting words in any case (unless
    ``exact``, for abbreviations). It ends where a word ends, so "Kent" is found in "Kent's" but not in "Kentish"."""
    parts: list[str] = []
    for index, word in enumerate(_words(phrase)):
        if word == "&" or (word == "and" and not exact):
            parts.append(r"\s*(?:and|&)\s*" if index else "(?:and|&)")
            continue
        if index and not parts[-1].endswith(r"\s*"):
            parts.append(r"[\s,.\u2013-]+")
        escaped = re.escape(word).replace("'", "['\u2019]")
        parts.append(f"(?i:{escaped})" if not exact and word in _CONNECTORS else escaped)
    return re.compile("".join(parts) + r"(?!\w)")


@dataclass(slots=True)
class _Entry:
    phrase: str
    words: list[str]
    kind: Kind
    usage: Usage
    exact: bool = False  # an abbreviation: every letter's case must match
    compiled: re.Pattern[str] | None = field(default=None, repr=False)

    def match(self, text: str, start: int) -> re.Match[str] | None:
        if self.compiled is None:  # compiled when first needed: most names never occur
            self.compiled = _pattern(self.phrase, self.exact)
        return self.compiled.match(text, start)


@dataclass(frozen=True, slots=True)
class Hit:
    """Something found in a text: where, what, and how to report it."""

    start: int
    end: int
    text: str
    code: Code
    message: str
    severity: Severity = Severity.WARNING
    acceptable: bool = True  # an editor can accept it in editorial.accepted


_MESSAGES = {
    Kind.NAME: "the name of a public body in an anonymous lesson: describe it by its kind instead ('the county council',"
    " 'a neighbouring trust'), or an editor can accept it",
    Kind.PLACE: "a place name in an anonymous lesson, which can identify the organisation: describe the area instead"
    " ('a market town', 'the county'), or an editor can accept it",
}
_CODES = {Kind.NAME: Code.IDENTIFYING_NAME, Kind.PLACE: Code.IDENTIFYING_PLACE}


def national_regions(schema: Schema) -> frozenset[str]:
    """Regions that span a nation or the UK: the schema phrases them 'across England', 'across the UK'."""
    return frozenset(term.id for term in schema.vocabularies["region"].terms if (term.phrase or "").startswith("across "))


# Words that make a phrase the name of an organisation rather than of a place.
_ORGANISATION_WORDS = frozenset(
    {"Ambulance", "Assembly", "Authority", "Board", "Borough", "Care", "Commissioner", "Constabulary", "Corporation", "Council"}
    | {"Fire", "Health", "Healthcare", "Hospital", "Hospitals", "HSCP", "IJB", "Mayor", "NHS", "OPCC", "Partnership", "PCC"}
    | {"Police", "Probation", "Rescue", "Service", "Services", "Trust", "University"}
)
_LOCAL_GOVERNMENT = re.compile(r"\b(?:Council|Authority)\b|^(?:City|(?:Royal |London )?Borough) of ")


def _short_name_kind(body: PublicBody, short_name: str) -> Kind:
    """A council's or combined authority's short name is the name of its area, unless it names the organisation
    ("Sefton Council"); any other body's short name is a name."""
    if _LOCAL_GOVERNMENT.search(body.name) and _ORGANISATION_WORDS.isdisjoint(_words(short_name)):
        return Kind.PLACE
    return Kind.NAME


class IdentifyingIndex:
    """The names, places and domains to look for, built once from the register and the reviewed lists."""

    def __init__(self, schema: Schema, register: Register, lists: Lists | None = None) -> None:
        lists = lists or load_lists()
        self.acronyms = lists.acronyms
        labels = {term.label for name in ("region", "nation") for term in schema.vocabularies[name].terms}
        excluded = {phrase.lower() for phrase in (*lists.not_places, *labels)}
        national = national_regions(schema)
        bodies = [body for body in register.bodies if body.region not in national]

        found: dict[str, _Entry] = {}  # by the phrase as written

        def add(phrase: str, kind: Kind, exact: bool = False) -> None:
            phrase = re.sub(r"^[Tt]he\s+", "", phrase.strip())
            words = _words(phrase)
            if not words or not _KEY.match(phrase) or phrase.lower() in excluded:
                return
            known = found.get(phrase)
            if known is not None:
                # A phrase that is both a place and a body's short name is a place; nothing overrides a skip.
                if known.kind is Kind.NAME and kind is Kind.PLACE:
                    known.kind = kind
                return
            found[phrase] = _Entry(phrase, words, kind, self._usage(phrase, words, exact, lists), exact)

        for phrase in lists.not_identifying:
            add(phrase, Kind.SKIP)
        for phrase in (*lists.places, *lists.more_places):
            add(phrase, Kind.PLACE)
        for body in bodies:
            add(body.name, Kind.NAME)
            for short in body.short_names:
                add(short, _short_name_kind(body, short))
            for abbreviation in body.abbreviations:
                if abbreviation not in lists.acronyms:
                    add(abbreviation, Kind.NAME, exact=True)

        by_key: dict[str, list[_Entry]] = {}
        for entry in found.values():
            key = _KEY.match(entry.phrase)
            assert key is not None  # add() keeps only phrases that start with a capital
            by_key.setdefault(key.group(), []).append(entry)
        for entries in by_key.values():  # the longest name first: "North Tyneside Council" before "North Tyneside"
            entries.sort(key=lambda e: (-len(e.words), -len(e.phrase)))
        self.by_key = by_key
        self.keys = frozenset(by_key)

        # In an id every word is in lower case, so only names that cannot be ordinary words are looked for there.
        in_ids: dict[str, _Entry] = {}
        for entry in found.values():
            words = ["and" if w == "&" else w.lower().replace("'", "") for w in entry.words]
            if entry.kind is Kind.SKIP or not all(w.isalnum() for w in words):
                continue
            if len(words) == 1 and (entry.usage is not Usage.ANYWHERE or words[0] in lists.ordinary_words or len(words[0]) < 3):
                continue
            in_ids.setdefault("-".join(words), entry)
        self.in_ids = in_ids
        self.id_words = max((key.count("-") + 1 for key in in_ids), default=0)
        self.id_first_words = frozenset(key.split("-", 1)[0] for key in in_ids)

        domains = {domain for body in bodies for domain in body.domains}
        self.domains = frozenset(d for d in domains if d not in PUBLIC_SECTOR_DOMAINS)

    @staticmethod
    def _usage(phrase: str, words: list[str], exact: bool, lists: Lists) -> Usage:
        if exact or len(words) > 1:
            return Usage.ANYWHERE
        if phrase in lists.never_alone:
            return Usage.NEVER
        if phrase in lists.first_names:
            return Usage.AFTER_PLACE_WORD
        if phrase.lower() in lists.ordinary_words:
            return Usage.MID_SENTENCE
        return Usage.ANYWHERE

    # Names and places in text.

    def names(self, text: str) -> Iterator[Hit]:
        """The names of bodies and places in ``text``, longest first where they overlap."""
        if self.keys.isdisjoint(_KEY.findall(text)):
            return
        resume = 0
        for key in _KEY.finditer(text):
            start = key.start()
            entries = self.by_key.get(key.group())
            if entries is None or start < resume or (start and (text[start - 1].isalnum() or text[start - 1] == "_")):
                continue
            for entry in entries:
                found = entry.match(text, start)
                if found is None:
                    continue
                resume = found.end()
                if entry.kind is not Kind.SKIP and _may_report(entry.usage, text, start, found.end()):
                    yield Hit(start, found.end(), found.group(), _CODES[entry.kind], _MESSAGES[entry.kind])
                break

    # Ids.

    def in_id(self, lesson_id: str) -> Iterator[tuple[int, int]]:
        """Where a name or place is in an id (lowercase words joined by hyphens): (start, end) in the id."""
        words = lesson_id.split("-")
        if self.id_first_words.isdisjoint(words):
            return
        starts = [0]
        for word in words:
            starts.append(starts[-1] + len(word) + 1)
        index = 0
        while index < len(words):
            for size in range(min(self.id_words, len(words) - index), 0, -1):
                if "-".join(words[index : index + size]) in self.in_ids:
                    yield starts[index], starts[index + size] - 1
                    index += size
                    break
            else:
                index += 1

    # Domains.

    def register_domain(self, host: str) -> bool:
        """Whether ``host`` is a register body's domain or under it."""
        return not self.domains.isdisjoint(_domains_of(host))


def _domains_of(host: str) -> list[str]:
    """The host and each domain above it: 'www.kent.gov.uk', 'kent.gov.uk', 'gov.uk'."""
    parts = host.lower().rstrip(".").split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def _public_sector(host: str) -> bool:
    return not PUBLIC_SECTOR_DOMAINS.isdisjoint(_domains_of(host))


# What may stand before the first word of a sentence on its line: a heading, list, quotation or table mark, and
# emphasis, quotes or brackets.
_LINE_MARK = re.compile(r"[ \t]*(?:(?:#{1,6}|[-*+]|\d{1,9}[.)]|>|\|)[ \t]+)*[ \t*_\"'\u201c\u2018(\[]*")
_SENTENCE_END = (".", "!", "?", ":", "|")
_CLOSING = " \t*_\"'\u201d\u2019)]"


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (or a table cell), allowing for quotes, brackets and emphasis after it."""
    return text.rstrip(_CLOSING + "\u201c\u2018([").endswith(_SENTENCE_END)


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a text, paragraph, sentence, heading, list item, quotation or table cell."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if not _LINE_MARK.fullmatch(before):
        return _ends_sentence(before)
    if line_start == 0 or before.strip(" \t*_\"'\u201c\u2018(["):
        return True  # the text's first word, or the first after a heading, list, quotation or table mark
    previous = text[: line_start - 1]
    last_line = previous[previous.rfind("\n") + 1 :].strip()
    # After a blank line or a heading a new paragraph starts; a wrapped line goes on with its sentence.
    return not last_line or last_line.startswith("#") or _ends_sentence(last_line)


def _word_before(text: str, start: int) -> str:
    """The word just before ``start``, if only spaces separate them."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in "'\u2019"):
        begin -= 1
    return text[begin:end] if end < start else ""


def _word_after(text: str, end: int) -> str:
    begin = end
    while begin < len(text) and text[begin] in " \t":
        begin += 1
    stop = begin
    while stop < len(text) and text[stop].isalpha():
        stop += 1
    return text[begin:stop] if begin > end else ""


def _may_report(usage: Usage, text: str, start: int, end: int) -> bool:
    if usage is Usage.ANYWHERE:
        return True
    if usage is Usage.NEVER:
        return False
    before, after = _word_before(text, start), _word_after(text, end)
    if after[:1].isupper():
        return False  # part of a longer capitalised name: "Street Triage", "Bath Spa"
    if usage is Usage.AFTER_PLACE_WORD:
        return before.lower() in _PLACE_WORDS
    if before[:1].isupper() and before.lower() not in _FUNCTION_WORDS:
        return False  # "High Street", "Mr Wells"
    return not _sentence_start(text, start)


# Events on the public record, each found through a keyword in the text and the words around it.
@dataclass(frozen=True)
class _Event:
    what: str  # how the message names it
    keyword: str  # in lower case; also found capitalised
    before: re.Pattern[str] | None = None  # must match the text just before the keyword, up to it
    after: re.Pattern[str] | None = None  # if it matches the text just after the keyword, the event takes it in
    needs: str = "before"  # which of before and after must match: "before", "after", "either" or "both"
    not_after: re.Pattern[str] | None = None  # the keyword followed by this is something else
    sentence: re.Pattern[str] | None = None  # or else found in the keyword's sentence
    only_keyword: bool = False  # report the keyword alone, not the words around it


def _before(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})\s*$", re.IGNORECASE)


def _after(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_INSPECTION = re.compile(
    r"\b(?:ofsted|cqc|care\s+quality\s+commission|hmicfrs|hmip|hmi|estyn|care\s+inspectorate|ciw|rqia|inspectorate|inspection|"
    r"inspectors?|inspected)\b",
    re.IGNORECASE,
)
_EVENTS = (
    _Event("a section 114 notice", "114", _before(r"\b(?:section|s\.?)"), _after(r"\s+notices?\b")),
    _Event(
        "an 'inadequate' inspection rating",
        "inadequate",
        _before(r"\b(?:rated|judged|graded)\s+(?:as\s+|to\s+be\s+)?['\"\u2018\u201c]?"),
        _after(r"['\"\u2019\u201d]?\s+(?:rating|judgement|judgment|grade)\b"),
        needs="either",
        sentence=_INSPECTION,
        only_keyword=True,
    ),
    _Event("special measures", "measures", _before(r"\bspecial\s")),
    _Event(
        "commissioners sent in by the government",
        "commissioner",
        _before(r"\b(?:government|ministerially|minister|secretary\s+of\s+state)[-\s]appointed\s"),
        _after(r"s?\s+(?:were|was|had\s+been|have\s+been|has\s+been|are|being)\s+(?:sent|put|brought|parachuted|installed)(?:\s+in)?\b"),
        needs="either",
    ),
    _Event(
        "government intervention",
        "intervention",
        _before(
            r"\b(?:government|ministerial|secretary\s+of\s+state|dfe|dluhc|mhclg|welsh\s+government|scottish\s+government)\s"
            r"|\b(?:placed|put|went|going|go|came|come|was|were|been|being|remains?|remained|is|are)\s+(?:in|into|under)\s+"
            r"(?:formal\s+|government\s+)?"
        ),
        not_after=_after(
            r"s?\s+(?:team|role|service|worker|programme|work|model|approach|plan|strateg|fund|scheme|pathway|offer|package|design)"
        ),
    ),
    _Event("a best value inspection or notice", "value", _before(r"\bbest\s"), _after(r"\s+(?:inspection|notice)s?\b"), needs="both"),
    _Event("a statutory direction", "direction", _before(r"\bstatutory\s"), _after(r"s\b")),
    _Event(
        "a named safeguarding review",
        "review",
        _before(
            r"\b(?:serious\s+case|safeguarding\s+adults?|domestic\s+homicide|(?:local\s+)?child\s+safeguarding\s+practice|"
            r"child\s+practice|adult\s+practice)\s"
        ),
        not_after=_after(r"s\b"),
    ),
    _Event("an improvement notice", "notice", _before(r"\bimprovement\s"), not_after=_after(r"s\b")),
)
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n\s*\n")
_WINDOW = 60  # characters before a keyword to look at


def _keyword_at(text: str, keyword: str) -> Iterator[int]:
    """Where ``keyword`` is in ``text`` as a word (it may take a plural s), in lower case or capitalised."""
    for written in dict.fromkeys((keyword, keyword.capitalize())):
        at = text.find(written)
        while at >= 0:
            end = at + len(written)
            if written[0].isdigit():  # "s114": only digits run into a number
                whole = not (at and text[at - 1].isdigit()) and not (end < len(text) and text[end].isdigit())
            else:  # a word, which may take a plural s
                whole = not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum() and text[end] not in "sS")
            if whole:
                yield at
            at = text.find(written, at + 1)


def events(text: str) -> Iterator[Hit]:
    for event in _EVENTS:
        # The keyword less its first letter finds it in lower case or capitalised, in one quick look.
        if event.keyword[1:] not in text:
            continue
        for at in _keyword_at(text, event.keyword):
            end = at + len(event.keyword)
            before = event.before.search(text, max(0, at - _WINDOW), at) if event.before else None
            after = event.after.match(text, end) if event.after else None
            if event.not_after is not None and event.not_after.match(text, end):
                continue
            needed = {"before": before, "after": after, "both": before and after, "either": before or after}[event.needs]
            if not needed and not (event.sentence is not None and event.sentence.search(_sentence(text, at, end))):
                continue
            plural = text[end : end + 1] in ("s", "S") and not text[end + 1 : end + 2].isalnum()
            start, stop = at, end + plural
            if not event.only_keyword:
                start, stop = (before.start() if before else at), (after.end() if after else stop)
            message = (
                f"{event.what}, which few organisations share and the public record names, in an anonymous lesson:"
                " describe it in general terms, or an editor can accept it with the reason"
            )
            yield Hit(start, stop, text[start:stop], Code.IDENTIFYING_EVENT, message)


def _sentence(text: str, start: int, end: int) -> str:
    begin = max((m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    after = _SENTENCE_BREAK.search(text, end, end + 400)
    return text[begin : after.start() if after else min(len(text), end + 400)]


_URL = re.compile(r"https?://([A-Za-z0-9.-]+)", re.IGNORECASE)


def links(text: str, index: IdentifyingIndex) -> Iterator[Hit]:
    """Links to a register body's web site in prose."""
    if "://" not in text:
        return
    for found in _URL.finditer(text):
        host = found.group(1)
        if index.register_domain(host):
            message = "a link to the web site of a public body, which names the organisation: link to a national copy, or leave it out"
            yield Hit(found.start(1), found.end(1), host, Code.OWN_DOMAIN, message, Severity.ERROR, acceptable=False)


def _scan(text: str, index: IdentifyingIndex) -> list[Hit]:
    """Everything to report in ``text``, in order. A name or event written across a line break is reported, and
    accepted, with one space for the break."""
    hits = [*index.names(text), *events(text), *links(text, index)]
    return sorted((replace(hit, text=_one_line(hit.text)) for hit in hits), key=lambda hit: hit.start)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Where each finding goes.


def _front_matter_position(src: SourceFile, path: DataPath, value: str, start: int, end: int) -> tuple[int, int]:
    """The file line and column of ``value[start:end]``, a value of the front matter at ``path``: found in the
    front matter as written, from where the value starts (a folded or quoted value is not written as it reads).
    Falls back to where the value starts."""
    line, column = src.value_position(path)
    words = value[start:end].split()
    if not src.front_matter or not words:
        return line, column
    needle = re.compile(r"\s+".join(re.escape(word) for word in words))
    nth = len(needle.findall(value, 0, start))
    lines = src.front_matter.split("\n")
    first = line - src.front_matter_line - 1  # the value's line, counted in the front matter's text
    if not 0 <= first < len(lines):
        return line, column
    offset = sum(len(text) + 1 for text in lines[:first]) + column - 1
    for count, found in enumerate(needle.finditer(src.front_matter, offset)):
        if count == nth:
            at = found.start()
            line_index = src.front_matter.count("\n", 0, at)
            return src.front_matter_line + 1 + line_index, at - (src.front_matter.rfind("\n", 0, at) + 1) + 1
    return line, column


def _text_fields(data: dict[str, Any]) -> Iterator[tuple[DataPath, str]]:
    """The front matter's prose: title, summary, and the texts of barriers, updates and sources."""
    for key in ("title", "summary"):
        if isinstance(data.get(key), str):
            yield (key,), data[key]
    for group, part in (("national_barriers", "description"), ("updates", "text"), ("sources", "title")):
        items = data.get(group)
        for position, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(part), str):
                yield (group, position, part), item[part]


def _accepted(editorial: Any) -> set[str]:
    accepted = editorial.get("accepted") if isinstance(editorial, dict) else None
    if not isinstance(accepted, list):
        return set()
    return {_one_line(item["text"]) for item in accepted if isinstance(item, dict) and isinstance(item.get("text"), str)}


_URL_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#\s]*@)?([^:/?#\s]*)")


def _host(address: str) -> str | None:
    """The domain of a mailbox or the host of a web address, in lower case."""
    address = address.strip()
    if "://" in address:
        found = _URL_HOST.match(address)
        host = found.group(1) if found else ""
    else:
        host = address.rsplit("@", 1)[1] if "@" in address else ""
    return host.lower() or None


# Between the texts of a lesson when they are scanned together: a blank line, so each starts a paragraph, and a
# character no name or event can span.
_SEPARATOR = "\n\n\x00\n\n"


def check_identifying(src: SourceFile, index: IdentifyingIndex) -> list[Finding]:
    """Identifying details in an anonymous lesson (one without organisation.name); [] for a named lesson."""
    data = src.data or {}
    organisation = data.get("organisation")
    if isinstance(organisation, dict) and organisation.get("name"):
        return []
    findings: list[Finding] = []

    lesson_id = data.get("id")
    if isinstance(lesson_id, str):
        for start, end in index.in_id(lesson_id):
            line, column = _front_matter_position(src, ("id",), lesson_id, start, end)
            message = (
                "id: the id is the page's address, and it names a place or public body, which identifies an anonymous lesson:"
                " rename the file and the id without it (nothing else can make an address safe)"
            )
            findings.append(replace(src.finding_at(line, column, message, Code.IDENTIFYING_ID), excerpt=lesson_id[start:end]))

    for path, value, message in _addresses(data, index):
        host = _host(value) or ""
        start = max(value.lower().find(host), 0)
        line, column = _front_matter_position(src, path, value, start, start + len(host))
        findings.append(replace(src.finding_at(line, column, f"{field_name(path)} {message}", Code.OWN_DOMAIN), excerpt=host))

    # The front matter's texts and the body, scanned as one text: most lessons have nothing to report.
    fields = list(_text_fields(data))
    texts = [value for _, value in fields] + [src.body]
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text) + len(_SEPARATOR))
    hits = _scan(_SEPARATOR.join(texts), index)
    if not hits:
        return findings
    allow = _accepted(data.get("editorial"))
    line_starts = [0, *(m.end() for m in re.finditer("\n", src.body))]
    for hit in hits:
        if hit.acceptable and hit.text in allow:
            continue
        part = bisect_right(starts, hit.start) - 1
        start, end = hit.start - starts[part], hit.end - starts[part]
        if part < len(fields):
            path, value = fields[part]
            line, column = _front_matter_position(src, path, value, start, end)
            message = f"{field_name(path)}: {hit.message}"
        else:
            line = bisect_right(line_starts, start) - 1
            line, column = src.body_line + line, start - line_starts[line] + 1
            message = hit.message
        # The text found goes in the excerpt, which only the author's own text output shows (see Finding).
        findings.append(replace(src.finding_at(line, column, message, hit.code, hit.severity), excerpt=hit.text))
    return findings


_CONTACT_BODY = (
    "is on the web site of a public body, which names the organisation: anonymous lessons are contacted through the editors"
    " (leave contact.via as the editors' relay address and quote the lesson's reference)"
)
_CONTACT_PUBLIC = (
    "is on a public-sector domain, which names the organisation: anonymous lessons are contacted through the editors"
    " (leave contact.via as the editors' relay address and quote the lesson's reference)"
)
_SOURCE_BODY = (
    "is on the web site of a public body, which names the organisation: link to a national copy of the document, or leave"
    " the source out and tell the editors about it"
)


def _addresses(data: dict[str, Any], index: IdentifyingIndex) -> Iterator[tuple[DataPath, str, str]]:
    """contact.via and sources' urls that name the organisation, with the message for each."""
    contact = data.get("contact")
    via = contact.get("via") if isinstance(contact, dict) else None
    if isinstance(via, str):
        host = _host(via)
        if host and index.register_domain(host):
            yield ("contact", "via"), via, _CONTACT_BODY
        elif host and _public_sector(host):
            yield ("contact", "via"), via, _CONTACT_PUBLIC
    sources = data.get("sources")
    for position, source in enumerate(sources if isinstance(sources, list) else []):
        url = source.get("url") if isinstance(source, dict) else None
        host = _host(url) if isinstance(url, str) else None
        if isinstance(url, str) and host and index.register_domain(host):
            yield ("sources", position, "url"), url, _SOURCE_BODY
