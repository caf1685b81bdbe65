"""Load, validate and model the whole handbook: lessons/*.md in, a Handbook (or findings) out."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, has_errors
from .lesson import Lesson, lesson_from_data
from .rules import check_across, check_lesson
from .schema_check import SchemaChecker
from .source import SourceFile, read_source
from .vocabulary import Schema, load_schema

LESSONS_DIR = "lessons"
SCHEMA_PATH = "schema/lesson.schema.json"


@dataclass(frozen=True)
class Layout:
    """Where a handbook keeps its parts, relative to its root folder."""

    root: Path
    lessons_dir: str = LESSONS_DIR
    schema_path: str = SCHEMA_PATH

    @property
    def lessons(self) -> Path:
        return self.root / self.lessons_dir

    @property
    def schema(self) -> Path:
        return self.root / self.schema_path

    def display(self, path: Path) -> str:
        """A path as people see it in messages: relative to the root when it is inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class Handbook:
    schema: Schema
    lessons: tuple[Lesson, ...]  # every valid lesson, newest first

    @property
    def published(self) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.is_published)


@dataclass
class CheckResult:
    checked: list[str]  # the files reported on
    findings: list[Finding] = field(default_factory=list)
    handbook: Handbook | None = None  # only when there are no errors anywhere

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def today() -> dt.date:
    return dt.date.today()


def check(layout: Layout, paths: Sequence[Path] | None = None, on: dt.date | None = None) -> CheckResult:
    """Validate lessons and, when everything is valid, build the Handbook.

    With ``paths``, findings are reported for those files only, but cross-file rules still see
    every lesson in the lessons folder.
    """
    on = on or today()
    schema = load_schema(layout.schema)
    checker = SchemaChecker(schema)

    every = sorted(layout.lessons.glob("*.md")) if layout.lessons.is_dir() else []
    targets = list(every) if paths is None else list(paths)
    target_names = [layout.display(p) for p in targets]
    sources: dict[str, SourceFile] = {}
    for path in _unique(every + targets):
        sources[layout.display(path)] = read_source(path, layout.display(path))

    findings: list[Finding] = []
    for name in target_names:
        src = sources[name]
        findings.extend(src.findings)
        if src.data is not None:
            findings.extend(checker.check(src))
            findings.extend(check_lesson(src, on))
    findings.extend(check_across(list(sources.values()), report_for=target_names))
    findings.sort(key=lambda f: (f.path, f.line, f.column))

    result = CheckResult(checked=target_names, findings=findings)
    if result.ok and paths is None:
        lessons = [lesson_from_data(src.data, src.body, src.path) for src in sources.values() if src.data is not None]
        lessons.sort(key=lambda lesson: (lesson.published, lesson.id), reverse=True)
        result.handbook = Handbook(schema=schema, lessons=tuple(lessons))
    return result


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out
