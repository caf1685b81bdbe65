"""The lesson body: its fixed H2 sections, in order, each with something written under it."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..findings import Code, Finding
from ..model.lesson_format import OPTIONAL_SECTIONS, PROMPT_MARK, REQUIRED_SECTIONS, SECTIONS
from .source import SourceFile

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Section:
    title: str
    line: int  # file line of the heading
    has_text: bool


@dataclass(frozen=True)
class BodyOutline:
    h1_lines: tuple[int, ...]
    preamble_line: int | None  # first line of text written before the first section
    sections: tuple[Section, ...]
    prompt_lines: tuple[int, ...]  # writing prompts left from the scaffold


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


class _Line(NamedTuple):
    number: int  # in the file
    raw: str
    visible: str  # the text outside HTML comments
    kind: str  # "text", "fence" (a code fence's own line) or "code" (inside fenced code)
    in_comment: bool  # whether an HTML comment was already open when the line began


def _lines(body: str, first_line: int) -> Iterator[_Line]:
    """The body's lines, telling fenced code and HTML comments apart from the text a reader sees."""
    fence: str | None = None
    in_comment = False
    for offset, raw in enumerate(body.split("\n")):
        number = first_line + offset
        if fence is not None:
            closing = _FENCE.match(raw)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
                yield _Line(number, raw, "", "fence", False)
            else:
                yield _Line(number, raw, "", "code", False)
            continue
        was_in_comment = in_comment
        visible, in_comment = _outside_comments(raw, in_comment)
        opening = _FENCE.match(visible)
        if opening:
            fence = opening.group(1)
        yield _Line(number, raw, visible, "fence" if opening else "text", was_in_comment)


def outline(body: str, first_line: int) -> BodyOutline:
    """Find the H1 and H2 headings of a markdown body, skipping fenced code."""
    h1: list[int] = []
    preamble: int | None = None
    sections: list[tuple[str, int, bool]] = []
    prompts: list[int] = []
    for line in _lines(body, first_line):
        if line.kind == "code":
            continue
        if PROMPT_MARK in line.raw:
            prompts.append(line.number)
        heading = _HEADING.match(line.visible) if line.kind == "text" else None
        if heading and len(heading.group(1)) == 1:
            h1.append(line.number)
        elif heading and len(heading.group(1)) == 2:
            sections.append(((heading.group(2) or "").strip(), line.number, False))
        elif line.visible.strip():
            if sections:
                title, at, _ = sections[-1]
                sections[-1] = (title, at, True)
            elif preamble is None:
                preamble = line.number
    return BodyOutline(tuple(h1), preamble, tuple(Section(*s) for s in sections), tuple(prompts))


def _outside_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """The part of a line outside HTML comments, and whether a comment is still open at its end."""
    if in_comment:
        end = text.find("-->")
        if end < 0:
            return "", True
        text = text[end + 3 :]
    text = _COMMENT.sub("", text)
    start = text.find("<!--")
    if start >= 0:
        return text[:start], True
    return text, False


def check_body(src: SourceFile, allow_empty: bool) -> list[Finding]:
    shape = outline(src.body, src.body_line)
    findings: list[Finding] = []

    def error(line: int, message: str, code: Code) -> None:
        findings.append(src.finding_at(line, 1, message, code))

    if not allow_empty:
        for line in shape.prompt_lines:
            error(line, "replace this writing prompt with your own text (only drafts may keep prompts)", Code.BODY_PROMPT)
    for line in shape.h1_lines:
        error(line, "the title comes from the front matter: remove this '# ' heading, or make it a '## ' section", Code.BODY_H1)
    if shape.preamble_line is not None:
        error(shape.preamble_line, f"text before the first section: move it under '## {REQUIRED_SECTIONS[0]}'", Code.BODY_PREAMBLE)

    seen: dict[str, int] = {}
    last_rank = -1
    for section in shape.sections:
        if section.title not in SECTIONS:
            close = difflib.get_close_matches(section.title, SECTIONS, n=1, cutoff=0.6)
            hint = f"did you mean '## {close[0]}'? " if close else ""
            error(
                section.line,
                f"'## {section.title}' is not a lesson section; {hint}sections are "
                + ", ".join(f"'## {s}'" for s in SECTIONS)
                + " (use '### ' for headings inside a section)",
                Code.BODY_UNKNOWN_SECTION,
            )
            continue
        if section.title in seen:
            error(
                section.line,
                f"'## {section.title}' appears twice (first on line {seen[section.title]}); keep one",
                Code.BODY_DUPLICATE_SECTION,
            )
            continue
        seen[section.title] = section.line
        rank = SECTIONS.index(section.title)
        if rank < last_rank:
            error(
                section.line,
                f"'## {section.title}' is out of order; the sections go " + ", ".join(f"'{s}'" for s in SECTIONS),
                Code.BODY_ORDER,
            )
        last_rank = max(last_rank, rank)
        if not section.has_text and not allow_empty:
            if section.title in OPTIONAL_SECTIONS:
                message = f"the section '## {section.title}' is empty: write it, or delete the heading (the section is optional)"
            else:
                message = f"the section '## {section.title}' is empty; only drafts may leave sections empty"
            error(section.line, message, Code.BODY_EMPTY_SECTION)

    for title in REQUIRED_SECTIONS:
        if title not in seen:
            error(
                src.body_line,
                f"missing section '## {title}'; every lesson has " + ", ".join(f"'## {s}'" for s in REQUIRED_SECTIONS),
                Code.BODY_MISSING_SECTION,
            )
    return findings


# Raw HTML is refused (markdown says everything a lesson needs); autolinks like <https://...> are markdown.
_RAW_HTML = re.compile(r"<(?!(?:https?|mailto):[^>\s]+>)(?:[A-Za-z/?]|!(?!--))")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+\1")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = ("http", "https", "mailto")


def check_markup(src: SourceFile, draft: bool) -> list[Finding]:
    """No raw HTML, and links and images only to http(s), mailto or pages inside the site."""
    findings: list[Finding] = []
    body = src.body
    if "<" not in body and "](" not in body and "]:" not in body:
        return findings  # plain prose, the usual case: nothing here can be markup or a link
    for line in _lines(body, src.body_line):
        if line.kind != "text":
            continue
        if "<!--" in line.raw and not draft and not line.in_comment and PROMPT_MARK not in line.raw:
            findings.append(
                src.finding_at(
                    line.number, line.raw.index("<!--") + 1, "remove this HTML comment: only drafts may keep comments", Code.BODY_COMMENT
                )
            )
        visible = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line.visible)
        raw = _RAW_HTML.search(visible)
        if raw:
            findings.append(
                src.finding_at(line.number, raw.start() + 1, "raw HTML is not allowed in a lesson: write it in markdown", Code.BODY_HTML)
            )
        for match in _LINK_TARGET.finditer(visible):
            target = html.unescape(match.group(1) or match.group(2) or "")
            scheme = _SCHEME.match(target)
            if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                findings.append(
                    src.finding_at(
                        line.number,
                        match.start() + 1,
                        f"links may only go to https://, http://, mailto: or pages of the handbook, not '{scheme.group(1)}:'",
                        Code.BODY_LINK,
                    )
                )
    return findings
