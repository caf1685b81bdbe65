"""The pipeline up to the model: lessons/*.md are read and checked, and, when all are valid, modelled as a Handbook.

The later stages (``derive`` and ``render``) start from the Handbook this returns; the command line
and the editors' tools report its findings.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .check.across import check_across
from .check.body import check_body
from .check.disclosure import check_attribution, published_attribution
from .check.identifying import IdentifyingIndex, check_identifying
from .check.rules import check_lesson
from .check.schema import SchemaChecker
from .check.source import SourceFile, peek_source, read_source
from .findings import Code, Finding, has_errors
from .model.dates import today
from .model.disclosure import Disclosure
from .model.handbook import Handbook
from .model.lesson import lesson_from_data
from .model.register import Register, RegisterError, load_register, register_problems
from .model.vocabulary import Schema, load_schema

LESSONS_DIR = "lessons"
SCHEMA_PATH = "schema/lesson.schema.json"
REGISTER_DIR = "register"


@dataclass(frozen=True)
class Layout:
    """Where a handbook keeps its parts, relative to its root folder."""

    root: Path
    lessons_dir: str = LESSONS_DIR  # relative to the root, or absolute
    schema_path: str = SCHEMA_PATH
    register_dir: str = REGISTER_DIR  # the register of public bodies, relative to the root or absolute

    @property
    def register(self) -> Path:
        return self.root / self.register_dir

    @property
    def lessons(self) -> Path:
        return self.root / self.lessons_dir

    def lesson_name(self, path: Path) -> str:
        """How a file in the lessons folder is named in messages: 'lessons/x.md', whether the folder was given
        relative to the root or, as MkDocs' config options give it, absolute."""
        return (Path(os.path.relpath(self.lessons, self.root)) / path.name).as_posix()

    @property
    def schema(self) -> Path:
        return self.root / self.schema_path

    def display(self, path: Path) -> str:
        """A path as people see it in messages: relative to the root when it is inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class CheckResult:
    checked: list[str]  # the files reported on
    findings: list[Finding] = field(default_factory=list)
    handbook: Handbook | None = None  # only when there are no errors anywhere

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def check(layout: Layout, paths: Sequence[Path] | None = None, on: dt.date | None = None, model: bool = True) -> CheckResult:
    """Validate lessons and, when everything is valid and ``model`` is set, build the Handbook.

    With ``paths``, findings are reported for those files only, but cross-file rules still see
    every lesson in the lessons folder.
    """
    on = on or today()
    schema = load_schema(layout.schema)
    register, problems = _load_register(layout, schema)

    every = {layout.lesson_name(path): path for path in sorted(layout.lessons.glob("*.md"))} if layout.lessons.is_dir() else {}
    targets = dict(every) if paths is None else {layout.display(path): path for path in paths}
    target_names = list(targets)
    if register is None:
        # Without a sound register no anonymous lesson can be checked: nothing is valid until it is mended.
        return CheckResult(checked=target_names, findings=problems)
    model = model and paths is None
    checked = _check_files(layout.schema, layout.register, list(targets.items()), on, model)
    sources: dict[str, SourceFile] = {src.path: src for src, _ in checked}
    for name, path in every.items():
        if name not in sources:
            # Cross-file rules need only the other lessons' ids and states: a cheap look, not a full read.
            sources[name] = peek_source(path, name)

    findings = [finding for _, found in checked for finding in found]
    findings.extend(check_across(list(sources.values()), report_for=target_names))
    findings.sort(key=lambda f: (f.path, f.line, f.column))

    result = CheckResult(checked=target_names, findings=findings)
    if result.ok and model:
        disclosure = Disclosure(schema, register)
        lessons = [
            lesson_from_data(src.data, src.body, src.path, published_attribution(src.data, disclosure, on))
            for src in sources.values()
            if src.data is not None
        ]
        lessons.sort(key=lambda lesson: (lesson.published, lesson.id), reverse=True)
        result.handbook = Handbook(schema=schema, lessons=tuple(lessons))
    return result


def read_lesson(layout: Layout, path: Path) -> SourceFile:
    """One lesson file as read, with what reading it found: for tools that look at lessons whether or not they
    are valid (the editors' status)."""
    return read_source(path, layout.lesson_name(path))


def unwritten(src: SourceFile) -> list[Finding]:
    """What a draft has still to write: its empty sections and the writing prompts left in it, as the checks
    would report them were it not a draft."""
    return [f for f in check_body(src, allow_empty=False) if f.code in (Code.BODY_EMPTY_SECTION, Code.BODY_PROMPT)]


def names_in_id(layout: Layout, lesson_id: str) -> list[tuple[int, int]]:
    """Where ``lesson_id`` names a place or public body, as (start, end) in the id: what the identifying check
    reports in an anonymous lesson's id (``identifying-id``), found with the same index. None without a sound
    register, whose absence ``check`` reports."""
    schema = load_schema(layout.schema)
    register, _ = _load_register(layout, schema)
    return [] if register is None else list(IdentifyingIndex(schema, register).in_id(lesson_id))


def _load_register(layout: Layout, schema: Schema) -> tuple[Register | None, list[Finding]]:
    """The register of public bodies, or the findings that say why it cannot be used."""
    name = os.path.relpath(layout.register, layout.root).replace(os.sep, "/")
    if not layout.register.is_dir():
        message = "there is no register of public bodies here: anonymous lessons cannot be checked without it (see README)"
        return None, [Finding(name, 0, 0, message, code=Code.REGISTER)]
    try:
        register = load_register(layout.register)
    except RegisterError as exc:
        problems = [exc.problem]
    else:
        problems = register_problems(register, schema)
        if not problems:
            return register, []
    return None, [Finding(f"{name}/{p.file}", p.line, 1 if p.line else 0, f"register: {p.message}", code=Code.REGISTER) for p in problems]


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 400


def _check_files(
    schema_path: Path, register_dir: Path, files: list[tuple[str, Path]], on: dt.date, keep_content: bool
) -> list[tuple[SourceFile, list[Finding]]]:
    """Read and check each file on its own (everything but the cross-file rules), on every core for many files."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return _check_chunk(schema_path, register_dir, files, on, keep_content)
    size = -(-len(files) // workers)
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    try:
        with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
            n = len(chunks)
            parts = pool.map(_check_chunk, [schema_path] * n, [register_dir] * n, chunks, [on] * n, [keep_content] * n)
            return [item for part in parts for item in part]
    except (OSError, BrokenProcessPool):
        return _check_chunk(schema_path, register_dir, files, on, keep_content)  # no processes to be had: do it here


def _check_chunk(
    schema_path: Path, register_dir: Path, files: list[tuple[str, Path]], on: dt.date, keep_content: bool
) -> list[tuple[SourceFile, list[Finding]]]:
    schema = load_schema(schema_path)
    checker = SchemaChecker(schema)
    register = load_register(register_dir)
    disclosure = Disclosure(schema, register)
    identifying = IdentifyingIndex(schema, register)
    out = []
    for name, path in files:
        src = read_source(path, name)
        found = list(src.findings)
        if src.data is not None:
            found.extend(checker.check(src))
            found.extend(check_lesson(src, on))
            found.extend(check_attribution(src, disclosure, on))
            found.extend(check_identifying(src, identifying))
        out.append((src.slim(keep_content), found))
    return out
