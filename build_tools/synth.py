"""A synthetic corpus for benchmarks: N valid, fictional lessons, the same for the same seed.

Lessons spread over every vocabulary term and carry related links, progress notes, national
barriers and contacts, so every page type has real work to do. Bodies are 800-1,500 words of
varied, plausible text, so the search index and pages are the size real lessons make.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from .model.disclosure import Disclosure, Outcome
from .model.lesson_format import REQUIRED_SECTIONS
from .model.register import Register
from .model.vocabulary import Schema

_SUBJECTS = (
    "the discharge team",
    "our hospital social workers",
    "the integrated front door",
    "the key-worker service",
    "the data matching pilot",
    "the shared referral platform",
    "the early help hub",
    "the pooled budget board",
    "the street triage car",
    "the housing options team",
    "the link worker network",
    "the joint commissioning unit",
    "the reablement service",
    "the safeguarding hub",
    "the employment advisers",
    "the school nursing team",
    "the falls prevention visits",
    "the neighbourhood team",
    "the care navigation line",
    "the youth offending service",
)
_VERBS = (
    "relied on",
    "assumed",
    "was designed around",
    "could not staff",
    "never agreed",
    "underestimated",
    "was measured against",
    "depended on",
    "was funded through",
    "lost sight of",
    "duplicated",
    "bypassed",
)
_OBJECTS = (
    "a weekend assessment slot",
    "a shared identifier",
    "one consent model",
    "recurrent funding",
    "a single case record",
    "the provider market",
    "the referral criteria",
    "a joint outcome measure",
    "the information sharing agreement",
    "the commissioning cycle",
    "a named service owner",
    "the procurement timetable",
    "the inspection framework",
    "staff goodwill and overtime",
    "the ward consultants",
    "the voluntary sector's capacity",
    "the eligibility rules",
)
_CONSEQUENCES = (
    "so referrals queued until Monday",
    "so families told their story three times",
    "so staff typed everything twice",
    "so the pilot ended when the grant did",
    "so nobody could say whether it worked",
    "so the waiting list doubled",
    "so partners quietly went back to their own forms",
    "so the budget sat unspent at year end",
    "so the people with the most complex needs were missed",
    "so the board could not decide who paid",
)
_REFLECTIONS = (
    "With hindsight we should have",
    "Next time we would",
    "What we needed was to",
    "We would now insist on a plan to",
    "Other areas should",
    "The lesson for us was to",
)
_ACTIONS = (
    "test the assumption with the people who would deliver it",
    "agree the data flow before changing the form",
    "fund the integration work before the licence",
    "co-fund from the first day",
    "set a baseline and a comparison area",
    "name one owner with the authority to decide",
    "start with the pathways with the longest delays",
    "pay voluntary partners for the time they spend",
    "write the continuation decision into the agreement",
    "involve residents before choosing the venue",
    "plan the move from pilot to mainstream from the start",
)
_PLACES = ("in the north of the county", "across two boroughs", "in the city centre", "in three market towns", "on one estate")


# Syllables chosen so that the names they make are nobody's real town.
_PLACE_START = ("Quen", "Vask", "Zorn", "Trel", "Murk", "Yald", "Jost", "Pell", "Ixe", "Ulm", "Grav", "Fenn", "Drom", "Kesp", "Lorv", "Sab")
_PLACE_MIDDLE = ("", "a", "i", "o", "ar", "el", "un", "ot")
_PLACE_END = ("aven", "ith", "ock", "orne", "usk", "eld", "ira", "ost", "umb", "ace", "yre", "ossa")


def _place(index: int) -> str:
    """A made-up place name, one of about 1,500, so each appears in only a few lessons, as real words do."""
    start, rest = divmod(index * 7919, len(_PLACE_MIDDLE) * len(_PLACE_END))
    middle, end = divmod(rest, len(_PLACE_END))
    return f"{_PLACE_START[start % len(_PLACE_START)]}{_PLACE_MIDDLE[middle]}{_PLACE_END[end]}"


def _sentence(rng: random.Random) -> str:
    number = rng.choice(
        (
            f"{rng.randint(2, 95)}%",
            f"{rng.randint(3, 900)} referrals",
            f"£{rng.randint(1, 40)}m",
            f"{rng.randint(2, 30)} weeks",
            f"{rng.randint(2, 60)} staff",
        )
    )
    claim = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    shape = rng.randrange(4)
    if shape == 0:
        return f"{claim[0].upper()}{claim[1:]}, {rng.choice(_CONSEQUENCES)}."
    if shape == 1:
        return f"Over the first year {rng.choice(_SUBJECTS)} {rng.choice(_PLACES)} reported {number}, {rng.choice(_CONSEQUENCES)}."
    if shape == 2:
        return f"{rng.choice(_REFLECTIONS)} {rng.choice(_ACTIONS)}, because {claim}."
    return f"Nobody had checked whether {claim} ({number})."


def _paragraphs(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        out.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(out)


def _month(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def _organisation(
    disclosure: Disclosure, org_type: str, region: str, start: dt.date, end: dt.date, ongoing: bool, partners: list[str]
) -> tuple[str, bool]:
    """A type that exists in the region in those years (else one the register does not count), and whether the
    lesson must be named because no anonymous attribution of it is safe: every synthetic lesson validates."""
    assessment = disclosure.assess(
        organisation_type=org_type, region=region, name=None, start=start, end=end, ongoing=ongoing, partners=partners
    )
    if assessment.outcome is Outcome.IMPOSSIBLE:
        types = disclosure.schema.vocabularies["organisation_type"].active_terms
        return next(t.id for t in types if t.id not in disclosure.register.counted_types), False
    return org_type, assessment.outcome is Outcome.REFUSED


def lesson_text(index: int, rng: random.Random, schema: Schema, ids: list[str], today: dt.date, disclosure: Disclosure) -> str:
    vocab = {name: [t.id for t in v.active_terms] for name, v in schema.vocabularies.items()}

    def some(name: str, low: int, high: int, must: str) -> list[str]:
        chosen = [must, *rng.sample([t for t in vocab[name] if t != must], rng.randint(low, high) - 1)]
        return list(dict.fromkeys(chosen))

    # Cycling through each vocabulary guarantees every term is used once N reaches its size.
    areas = some("service_area", 1, 3, vocab["service_area"][index % len(vocab["service_area"])])
    failures = some("failure_type", 1, 3, vocab["failure_type"][index % len(vocab["failure_type"])])
    org_type = vocab["organisation_type"][index % len(vocab["organisation_type"])]
    region = vocab["region"][index % len(vocab["region"])]
    status = vocab["status"][index % len(vocab["status"])]
    started = _month(rng, dt.date(2014, 1, 1), today - dt.timedelta(days=400))
    published = _month(rng, started + dt.timedelta(days=60), today - dt.timedelta(days=30))
    ended = None if status == "ongoing" else max(_month(rng, started + dt.timedelta(days=1), published), started)
    start, end = started.replace(day=1), (ended or today)
    partners = rng.sample(vocab["organisation_type"], rng.randint(1, 3))
    org_type, must_name = _organisation(disclosure, org_type, region, start, end, ended is None, partners)
    subject = rng.choice(_SUBJECTS)
    lines = [
        "---",
        f"id: {ids[index]}",
        f"title: Synthetic lesson {index + 1}, where {subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}",
        f"summary: We tried to make {subject} work across organisations {rng.choice(_PLACES)}, but it {rng.choice(_VERBS)} "
        f"{rng.choice(_OBJECTS)}, {rng.choice(_CONSEQUENCES)}.",
        f"service_areas: [{', '.join(areas)}]",
        f"failure_types: [{', '.join(failures)}]",
        "organisation:",
        f"  type: {org_type}",
        f"  region: {region}",
    ]
    if index % 10 == 3 or must_name:
        lines.append(f"  name: Exampleshire Partnership {index + 1}")
    lines.append(f"partners: [{', '.join(partners)}]")
    lines.append("period:")
    lines.append(f"  started: {started:%Y-%m}")
    if ended is not None:
        lines.append(f"  ended: {ended:%Y-%m}")
    lines += [
        f"status: {status}",
        f"published: {published.isoformat()}",
        "editorial:",
        "  state: published",
        "  reviewed_by: handbook-editors",
        f"  reviewed_on: {published.isoformat()}",
    ]
    if index % 3 == 0:
        lines.append("national_barriers:")
        for _ in range(rng.randint(1, 3)):
            lines += [
                f"  - type: {rng.choice(vocab['barrier_type'])}",
                f"    description: National rules meant {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}.",
            ]
    if index % 5 == 1 and index > 0:
        lines.append(f"related: [{', '.join(sorted(set(rng.sample(ids[:index], min(index, rng.randint(1, 3))))))}]")
    if status == "ongoing":
        lines.append("updates:")
        for _ in range(rng.randint(1, 3)):
            note = _month(rng, published, today)
            lines.append(f"  - {{date: {note.isoformat()}, text: Progress on {rng.choice(_SUBJECTS)} {rng.choice(_PLACES)}.}}")
    if index % 5 in (0, 2):
        offers = sorted(rng.sample(vocab["contact_offer"], rng.randint(1, 3)))
        lines += ["contact:", f"  offers: [{', '.join(offers)}]", f"  via: https://example.org/synthetic/{ids[index]}"]
    if index % 7 == 0:
        lines += ["sources:", f"  - {{title: Evaluation report {index + 1}, url: 'https://example.org/reports/{ids[index]}'}}"]
    lines += ["example: true", "---", ""]
    words = rng.randint(800, 1500)
    for number, title in enumerate(REQUIRED_SECTIONS):
        opening = f"We worked in {_place(index)}, a fictional area. " if number == 0 else ""
        lines += [f"## {title}", "", opening + _paragraphs(rng, words // len(REQUIRED_SECTIONS)), ""]
    return "\n".join(lines)


def write_corpus(out: Path, count: int, schema: Schema, register: Register, seed: int = 1, today: dt.date | None = None) -> list[Path]:
    """Write ``count`` lessons into ``out`` (created if needed); returns their paths."""
    today = today or dt.date(2026, 6, 30)  # fixed, so a seed always gives the same corpus
    rng = random.Random(seed)
    disclosure = Disclosure(schema, register)
    ids = [f"synthetic-lesson-{index + 1:05d}" for index in range(count)]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = out / f"{ids[index]}.md"
        path.write_text(lesson_text(index, rng, schema, ids, today, disclosure), encoding="utf-8")
        paths.append(path)
    return paths
