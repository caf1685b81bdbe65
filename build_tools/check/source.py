"""Reading a lesson file: bytes to text, front matter to data with line numbers, and the body.

The YAML reader is deliberately narrower than YAML: no tags, no anchors or aliases, no duplicate
keys, and YAML 1.1's word booleans (yes/no/on/off) are refused rather than silently turned into
true/false. Scalars are resolved by our own rules, so dates stay as the text the author wrote
(JSON Schema checks strings) and nothing like ``010`` is quietly turned into another value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import yaml

from ..findings import Code, Finding, Severity

MAX_FILE_BYTES = 200 * 1024
MAX_DEPTH = 20

# Where a key or value sits in the front matter: a path of mapping keys and list indexes.
DataPath = tuple[str | int, ...]


class Position(NamedTuple):
    line: int  # 1-based, in the whole file
    column: int  # 1-based


@dataclass
class SourceFile:
    """A lesson file as read from disk, before any schema or rule is applied."""

    path: str
    data: dict[str, Any] | None = None
    # (line, column) of each key (for mapping entries) or item (for list entries) ...
    key_positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    # ... and of each value. Plain tuples: one is made for every key and value of every lesson.
    value_positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    # The text of each plain scalar as written, for messages that quote what the author typed.
    raw: dict[DataPath, str] = field(default_factory=dict)
    # Values the reader has already reported, so later checks don't report them again.
    reported: set[DataPath] = field(default_factory=set)
    body: str = ""
    body_line: int = 1  # file line on which the body starts
    # The front matter as written, from the line after the opening ---: for pointing inside a folded or quoted value.
    front_matter: str = ""
    front_matter_line: int = 1  # file line of the opening ---
    findings: list[Finding] = field(default_factory=list)

    def slim(self, keep_content: bool) -> SourceFile:
        """A copy with only what the cross-file rules (and, with ``keep_content``, the model) need:
        cheaper to pass between processes."""
        wanted = {path for path in self.value_positions if path[:1] in (("id",), ("related",))}
        data = self.data
        if data is not None and not keep_content:
            editorial = data.get("editorial")
            data = {key: data[key] for key in ("id", "related") if key in data}
            if isinstance(editorial, dict) and "state" in editorial:
                data["editorial"] = {"state": editorial["state"]}
        return SourceFile(
            path=self.path,
            data=data,
            key_positions={p: v for p, v in self.key_positions.items() if p in wanted},
            value_positions={p: v for p, v in self.value_positions.items() if p in wanted},
            body=self.body if keep_content else "",
            body_line=self.body_line,
            front_matter_line=self.front_matter_line,
        )

    def key_position(self, path: DataPath) -> Position:
        """Where to point for a problem with the entry at ``path``: its key, else its nearest ancestor."""
        while path:
            if path in self.key_positions:
                return Position._make(self.key_positions[path])
            path = path[:-1]
        return Position(self.front_matter_line, 1)

    def value_position(self, path: DataPath) -> Position:
        found = self.value_positions.get(path)
        return Position._make(found) if found else self.key_position(path)

    def finding_for(
        self, path: DataPath, message: str, code: Code, severity: Severity = Severity.ERROR, *, at_key: bool = False
    ) -> Finding:
        """A finding about the front matter at ``path``, pointing at its value or, ``at_key``, at its key."""
        line, column = self.key_position(path) if at_key else self.value_position(path)
        return self.finding_at(line, column, message, code, severity)

    def finding_at(self, line: int, column: int, message: str, code: Code, severity: Severity = Severity.ERROR) -> Finding:
        """A finding at a place in the file: for what is found before there is data, and in the body."""
        return Finding(self.path, line, column, message, severity, code=code)


def read_source(path: Path, display_path: str) -> SourceFile:
    """Read one lesson file. Problems become findings on the result; this never raises for bad content."""
    src = SourceFile(path=display_path)

    def fail(line: int, column: int, message: str, code: Code) -> SourceFile:
        src.findings.append(src.finding_at(line, column, message, code))
        return src

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return fail(0, 0, f"cannot read the file: {exc.strerror or exc}", Code.UNREADABLE)
    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"the file is over {MAX_FILE_BYTES // 1024} KB; a lesson should be far shorter", Code.TOO_LARGE)
    if not raw.strip():
        return fail(1, 1, "the file is empty; start from the lesson template in CONTRIBUTING.md", Code.EMPTY)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return fail(line, 1, "the file contains a NUL byte, so it is not a text file", Code.BINARY)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(line, column, "the file is not UTF-8 text; save it with UTF-8 encoding", Code.ENCODING)
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return fail(1, 1, "a lesson must start with a line '---', then its front matter, then another '---' line", Code.NO_FRONT_MATTER)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return fail(1, 1, "the front matter is not closed: add a line '---' after the last field", Code.UNCLOSED_FRONT_MATTER)
    src.body = "\n".join(lines[end + 1 :])
    src.body_line = end + 2

    for number, line_text in enumerate(lines[1:end], start=2):
        if "\t" in line_text:
            return fail(number, line_text.index("\t") + 1, "tab character in the front matter: indent with spaces instead", Code.TAB)

    src.front_matter = "\n".join(lines[1:end])
    parsed = _parse_yaml(src.front_matter, first_line=2, src=src)
    if parsed is None and src.findings:
        return src
    if not isinstance(parsed, dict):
        what = "empty" if parsed is _EMPTY else "not a set of 'field: value' lines"
        return fail(2, 1, f"the front matter is {what}; it must list the lesson's fields as 'field: value'", Code.FRONT_MATTER_SHAPE)
    src.data = parsed
    return src


_EMPTY = object()
_PEEK_ID = re.compile(r"^id:[ \t]*[\"']?([^\"'#\s]+)", re.MULTILINE)
_PEEK_STATE = re.compile(r"\bstate:[ \t]*[\"']?([a-z-]+)")


def peek_source(path: Path, display_path: str) -> SourceFile:
    """A lesson's id and editorial state, found without parsing its YAML.

    For cross-file rules when only other files are being checked: it never reports anything, and a
    file it cannot read simply has no id.
    """
    src = SourceFile(path=display_path)
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_FILE_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return src
    text = text.replace("\r\n", "\n")
    front = text[3:].split("\n---", 1)[0] if text.startswith("---") else ""
    found = _PEEK_ID.search(front)
    if found:
        src.data = {"id": found.group(1)}
        editorial = front.find("editorial:")
        state = _PEEK_STATE.search(front, editorial) if editorial >= 0 else None
        if state:
            src.data["editorial"] = {"state": state.group(1)}
    return src


class _Mark(Protocol):
    """Where the YAML parser is, 0-based: libyaml's marks and PyYAML's own both have these."""

    line: int
    column: int


class _Refused(Exception):
    def __init__(self, message: str, mark: _Mark | None, code: Code) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.code = code


# libyaml's parser when PyYAML has it (it always does in the published wheels), else the pure-Python one:
# they produce the same events, and we build the data from events ourselves.
_PARSER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def _parse_yaml(text: str, first_line: int, src: SourceFile) -> Any:
    builder = _Builder(src, first_line)
    try:
        return builder.document(yaml.parse(text, Loader=_PARSER))
    except _Refused as exc:
        line, column = builder.place(exc.mark)
        src.findings.append(src.finding_at(line, column, exc.message, exc.code))
    except yaml.MarkedYAMLError as exc:
        line, column = builder.place(exc.problem_mark or exc.context_mark)
        src.findings.append(src.finding_at(line, column, _yaml_message(exc), Code.YAML_SYNTAX))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        src.findings.append(src.finding_at(first_line, 1, f"the front matter is not valid YAML ({exc})", Code.YAML_SYNTAX))
    return None


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    if "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be put in quotes"
    elif "cannot start any token" in problem:
        hint = f"{problem}; put the value in quotes"
    elif "block end" in problem or "expected ':'" in problem or "expected key" in problem:
        hint = f"{problem}; check the indentation and that each line is 'field: value'"
    else:
        hint = problem
    return f"the front matter is not valid YAML: {hint}"


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")
# Bounded so a hostile run of digits cannot hit Python's int-conversion limit.
_INT = re.compile(r"^[-+]?[0-9]{1,40}$|^0o[0-7]{1,40}$|^0x[0-9a-fA-F]{1,40}$")
_FLOAT = re.compile(
    r"^[-+]?(?:\.[0-9]{1,40}|[0-9]{1,40}(?:\.[0-9]{0,40})?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
)


class _Builder:
    """Builds plain JSON-like data from parser events, refusing what the handbook does not allow and
    recording where each key and value was."""

    def __init__(self, src: SourceFile, first_line: int) -> None:
        self.src = src
        self.first_line = first_line

    def place(self, mark: _Mark | None) -> tuple[int, int]:
        """A mark as (line, column) in the file, 1-based. A plain tuple: one is made for every key and value."""
        if mark is None:  # the parser marks every event, but its errors may lack one
            return (self.first_line, 1)
        return (mark.line + self.first_line, mark.column + 1)

    def error(self, mark: _Mark | None, message: str, code: Code, path: DataPath) -> None:
        line, column = self.place(mark)
        self.src.findings.append(self.src.finding_at(line, column, message, code))
        self.src.reported.add(path)

    def document(self, events: Iterator[yaml.Event]) -> Any:
        self.events = events
        value: Any = _EMPTY
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Refused(
                        "the front matter holds more than one YAML document: remove the extra '---' or '...'",
                        event.start_mark,
                        Code.YAML_DOCUMENTS,
                    )
            elif isinstance(event, yaml.NodeEvent):
                value = self.node(event, (), 1)
        return value

    def node(self, event: yaml.Event, path: DataPath, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not allowed: write the value out in full", event.start_mark, Code.ALIAS)
        if getattr(event, "anchor", None) is not None:
            raise _Refused("YAML anchors (&name) are not allowed: write each value out in full", event.start_mark, Code.ANCHOR)
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(f"YAML tags ({tag}) are not allowed: remove the tag and write the plain value", event.start_mark, Code.TAG)
        if depth > MAX_DEPTH:
            raise _Refused("the front matter is nested too deeply", event.start_mark, Code.TOO_DEEP)
        self.src.value_positions[path] = self.place(event.start_mark)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(path, depth)
        # Where a value belongs the parser yields only node events, and the rest have been handled.
        assert isinstance(event, yaml.ScalarEvent)
        return self.scalar(event, path)

    def sequence(self, path: DataPath, depth: int) -> list[Any]:
        items: list[Any] = []
        for item in self.events:
            if isinstance(item, yaml.SequenceEndEvent):
                break
            self.src.key_positions[(*path, len(items))] = self.place(item.start_mark)
            items.append(self.node(item, (*path, len(items)), depth + 1))
        return items

    def mapping(self, path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_event in self.events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor is not None or key_event.tag is not None:
                raise _Refused("a field name must be a single plain word", key_event.start_mark, Code.BAD_KEY)
            key = key_event.value
            value_event = next(self.events)
            if key in result:
                first = self.src.key_positions[(*path, key)]
                self.error(
                    key_event.start_mark, f"'{key}' is given twice (first on line {first[0]}); keep one", Code.DUPLICATE_KEY, (*path, key)
                )
                self.node(value_event, (*path, "\0duplicate"), depth + 1)  # read past it; keep the first
                continue
            self.src.key_positions[(*path, key)] = self.place(key_event.start_mark)
            result[key] = self.node(value_event, (*path, key), depth + 1)
        return result

    def scalar(self, event: yaml.ScalarEvent, path: DataPath) -> Any:
        value = event.value
        if event.style:  # quoted or block text is always a string
            return value
        self.src.raw[path] = value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _YAML11_BOOL.match(value):
            self.error(
                event.start_mark,
                f"'{value}' is ambiguous in YAML: write true or false, or put it in quotes if you mean the word",
                Code.YAML_BOOLEAN,
                path,
            )
            return value
        if _INT.match(value):
            return int(value, 0) if value.startswith(("0o", "0x")) else int(value, 10)
        if _FLOAT.match(value):
            return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        return value
