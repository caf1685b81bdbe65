"""Starting a lesson: a draft file with every required field and a writing prompt in each section."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..model.lesson_format import OPTIONAL_SECTIONS, PROMPT_MARK, PROMPTS, REQUIRED_SECTIONS, SUMMARY_PLACEHOLDER

MAX_ID = 80


@dataclass(frozen=True)
class Draft:
    title: str
    service_areas: tuple[str, ...]
    failure_types: tuple[str, ...]
    organisation_type: str
    region: str
    name: str | None  # None publishes anonymously
    today: dt.date


def slugify(title: str) -> str:
    """A lesson id from a title: lowercase ASCII words joined by hyphens, at most 80 characters, whole words."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
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


def yaml_text(value: str) -> str:
    """A string as a YAML scalar: plain where that reads back unchanged, else double-quoted."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.'()£%/&?-]*", value) and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def draft_text(lesson_id: str, draft: Draft) -> str:
    org_name = (
        f"  name: {yaml_text(draft.name)}\n"
        if draft.name
        else "  # No name: the lesson is published anonymously. Add `name: ...` only if the organisation agrees.\n"
    )
    front = (
        "---\n"
        "# A draft lesson. Replace each prompt below, then run `make validate`. CONTRIBUTING.md explains every field.\n"
        f"id: {lesson_id}\n"
        f"title: {yaml_text(draft.title)}\n"
        "summary: >-\n"
        f"  {SUMMARY_PLACEHOLDER}\n"
        f"service_areas: [{', '.join(draft.service_areas)}]\n"
        f"failure_types: [{', '.join(draft.failure_types)}]\n"
        "organisation:\n"
        f"  type: {draft.organisation_type}\n"
        f"  region: {draft.region}\n"
        f"{org_name}"
        "period:\n"
        f"  started: {draft.today:%Y-%m}  # when the work started, YYYY-MM; add `ended: YYYY-MM` if it has ended\n"
        "status: ongoing  # ongoing | concluded | stopped\n"
        f"published: {draft.today.isoformat()}  # editors set the publication date\n"
        "editorial:\n"
        "  state: draft  # draft | in-review | published: change to in-review when it is ready for an editor\n"
        "---\n"
    )
    sections = "".join(f"\n## {title}\n\n{PROMPT_MARK} {PROMPTS[title]} -->\n" for title in REQUIRED_SECTIONS + OPTIONAL_SECTIONS)
    return front + sections
