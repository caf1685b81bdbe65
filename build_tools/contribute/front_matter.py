"""Writing a lesson's front matter from an ordered description of its fields.

Drafts from ``new`` and ``from-issue`` are written in the handbook's own style: block mappings,
term lists on one line (``[health, adult-social-care]``), comments where they help the
contributor, and text plain wherever it reads back unchanged, else double-quoted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

INDENT = "  "

# Text that a YAML reader returns unchanged when written plain: it starts with a letter and
# holds none of YAML's indicators (no ':', '#', quotes, brackets...) ...
_PLAIN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()£%/&?-]*")
# ... and is not a word the handbook's reader takes for true, false or null, or refuses as ambiguous.
# Trailing spaces stay plain, so YAML drops them, as it always has for drafts written with flags.
_YAML_WORDS = frozenset(
    form for word in ("true", "false", "null", "yes", "no", "on", "off", "y", "n") for form in (word, word.title(), word.upper())
)


@dataclass(frozen=True)
class Plain:
    """Written exactly as given: ids, vocabulary terms and YYYY-MM months, which read back unchanged."""

    text: str


@dataclass(frozen=True)
class Flow:
    """Ids or vocabulary terms on one line: ``[health, adult-social-care]``."""

    items: Sequence[str]


@dataclass(frozen=True)
class Folded:
    """Text on its own line under ``>-``, so that the contributor can go on over several lines."""

    text: str


@dataclass(frozen=True)
class Commented:
    """A value with a comment after it on the same line."""

    value: Inline
    comment: str


@dataclass(frozen=True)
class Absent:
    """A field left out, with a comment line in its place saying why."""

    comment: str


# Text (str) is quoted when it must be; dates are written as YYYY-MM-DD.
Inline: TypeAlias = "str | Plain | Flow | dt.date"
# None leaves the field out; a mapping is a nested block, a sequence of mappings a block list.
Value: TypeAlias = "Inline | Commented | Folded | Absent | Fields | Sequence[Fields] | None"
Fields: TypeAlias = "Mapping[str, Value]"


def front_matter(fields: Fields, comment: str | None = None) -> str:
    """The front matter between its two ``---`` lines, with ``comment`` on the first line inside."""
    lines = ["---", *([f"# {comment}"] if comment else []), *_lines(fields, depth=0), "---"]
    return "\n".join(lines) + "\n"


def _lines(fields: Fields, depth: int) -> Iterator[str]:
    indent = INDENT * depth
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, Absent):
            yield f"{indent}# {value.comment}"
        elif isinstance(value, Folded):
            yield f"{indent}{key}: >-"
            yield f"{indent}{INDENT}{value.text}"
        elif isinstance(value, Mapping):
            yield f"{indent}{key}:"
            yield from _lines(value, depth + 1)
        elif isinstance(value, str | Plain | Flow | dt.date | Commented):
            yield f"{indent}{key}: {_inline(value)}"
        else:
            yield f"{indent}{key}:"
            for item in value:
                # Each item is written as a block two levels in, then its first line takes the "- ".
                first, *rest = _lines(item, depth + 2)
                yield f"{indent}{INDENT}- {first.removeprefix(INDENT * (depth + 2))}"
                yield from rest


def _inline(value: Inline | Commented) -> str:
    if isinstance(value, Commented):
        return f"{_inline(value.value)}  # {value.comment}"
    if isinstance(value, Plain):
        return value.text
    if isinstance(value, Flow):
        return f"[{', '.join(value.items)}]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if _PLAIN_TEXT.fullmatch(value) and value not in _YAML_WORDS else json.dumps(value, ensure_ascii=False)
