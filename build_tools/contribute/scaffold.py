"""Starting a lesson: a draft file with every required field and a writing prompt in each section."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..model.lesson_format import OPTIONAL_SECTIONS, PROMPT_MARK, PROMPTS, REQUIRED_SECTIONS, SUMMARY_PLACEHOLDER
from .front_matter import Absent, Commented, Flow, Folded, Plain, front_matter

MAX_ID = 80


@dataclass(frozen=True)
class Draft:
    title: str
    service_areas: tuple[str, ...]
    failure_types: tuple[str, ...]
    organisation_type: str
    region: str
    name: str | None  # None publishes anonymously
    started: str  # YYYY-MM
    ended: str | None  # YYYY-MM, or None while the work goes on
    status: str
    barriers: tuple[tuple[str, str], ...]  # (barrier type, description)
    today: dt.date


# Apostrophes, straight, curly and modifier letter: inside a word they join it ("children's" -> "childrens").
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")


def slugify(title: str) -> str:
    """A lesson id from a title: lowercase ASCII words joined by hyphens, at most 80 characters, whole words.

    Apostrophes are dropped, so "Children's" stays one word, as the identifying check reads names in ids
    ("King's Lynn" as ``kings-lynn``); any other character that is not a letter or digit, dashes included,
    separates words. Accents are dropped ("café" -> ``cafe``)."""
    decomposed = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", title))
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = [ascii_word for word in re.findall(r"[^\W_]+", letters.lower()) if (ascii_word := word.encode("ascii", "ignore").decode())]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_ID:
            break
        slug = candidate
    return slug or "lesson"


def free_id(lessons_dir: Path, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever names no existing file."""
    candidate, number = base, 1
    while (lessons_dir / f"{candidate}.md").exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    return candidate


def draft_text(lesson_id: str, draft: Draft) -> str:
    front = front_matter(
        {
            "id": Plain(lesson_id),
            "title": draft.title,
            "summary": Folded(SUMMARY_PLACEHOLDER),
            "service_areas": Flow(draft.service_areas),
            "failure_types": Flow(draft.failure_types),
            "organisation": {
                "type": Plain(draft.organisation_type),
                "region": Plain(draft.region),
                "name": draft.name
                or Absent("No name: the lesson is published anonymously. Add `name: ...` only if the organisation agrees."),
            },
            "period": {
                "started": Plain(draft.started),
                "ended": Plain(draft.ended) if draft.ended else Absent("No end date yet: add `ended: YYYY-MM` when the work ends."),
            },
            "status": Commented(Plain(draft.status), "ongoing | concluded | stopped"),
            "published": Commented(draft.today, "editors set the publication date"),
            "editorial": {
                "state": Commented(Plain("draft"), "draft | in-review | published: change to in-review when it is ready for an editor")
            },
            "national_barriers": [{"type": Plain(kind), "description": text} for kind, text in draft.barriers]
            or Absent("No national barriers: add them if national policy, rules or funding got in the way (CONTRIBUTING.md)."),
        },
        comment="A draft lesson. Replace each prompt below, then run `make validate`. CONTRIBUTING.md explains every field.",
    )
    sections = "".join(f"\n## {title}\n\n{PROMPT_MARK} {PROMPTS[title]} -->\n" for title in REQUIRED_SECTIONS + OPTIONAL_SECTIONS)
    return front + sections
