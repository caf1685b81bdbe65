"""The register of UK public bodies: plain CSV in ``register/``, read into typed records.

It is the one source for how many real bodies an anonymous lesson's attribution could mean (see
``disclosure``), and for the names, abbreviations and web domains of bodies that lesson text must not
carry. Each body says when it existed, because local government and the NHS have been reorganised
since 2015 and the same type and region can mean a different number of bodies in different years.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import yaml

from .vocabulary import Schema

COLUMNS = ("id", "name", "type", "region", "valid_from", "valid_to", "short_names", "abbreviations", "domains", "part_of", "source")
SOURCE_COLUMNS = ("key", "title", "publisher", "licence", "url", "as_of")
SETTINGS_FILE = "settings.yml"
# Three is the floor statistical offices use for a cell (the ONS/GSS threshold rule); see register/README.md.
DEFAULT_THRESHOLD = 3
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Problem(NamedTuple):
    """Something wrong in a register file, where it is."""

    file: str  # the file's name in the register folder
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class RegisterError(Exception):
    """A register file that cannot be read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True, slots=True)
class PublicBody:
    id: str
    name: str
    type: str  # an organisation_type id
    region: str  # a region id
    valid_from: dt.date | None  # None: before the register's horizon (2015)
    valid_to: dt.date | None  # None: still exists
    short_names: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()  # ids of bodies whose area contains this one's (a combined authority, say)
    source: str = ""
    file: str = ""  # where the row is, for messages about the register itself
    line: int = 0

    def existed_during(self, start: dt.date, end: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= end) and (self.valid_to is None or self.valid_to >= start)


@dataclass(frozen=True, slots=True)
class RegisterSource:
    key: str
    title: str
    publisher: str
    licence: str
    url: str
    as_of: dt.date


@dataclass(frozen=True)
class Register:
    bodies: tuple[PublicBody, ...]
    sources: dict[str, RegisterSource]
    threshold: int = DEFAULT_THRESHOLD  # the fewest bodies an anonymous attribution may point to
    by_id: dict[str, PublicBody] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {body.id: body for body in self.bodies})

    @cached_property
    def counted_types(self) -> frozenset[str]:
        """The organisation types the register lists; other types (charities, GP practices...) are too many to list."""
        return frozenset(body.type for body in self.bodies)

    @cached_property
    def by_type(self) -> dict[str, tuple[PublicBody, ...]]:
        grouped: dict[str, list[PublicBody]] = defaultdict(list)
        for body in self.bodies:
            grouped[body.type].append(body)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def related_types(self) -> frozenset[tuple[str, str]]:
        """Pairs of types whose overlaps the register records (through part_of), both ways round: only for these
        can a lesson's partners narrow a count, since elsewhere the register cannot tell which bodies work together."""
        found: set[tuple[str, str]] = set()
        for body in self.bodies:
            for other in body.part_of:
                if other in self.by_id:
                    found.update({(body.type, self.by_id[other].type), (self.by_id[other].type, body.type)})
        return frozenset(found)

    def overlaps(self, body: PublicBody, other: PublicBody) -> bool:
        return other.id in body.part_of or body.id in other.part_of

    @property
    def as_of(self) -> dt.date | None:
        """The newest date a source was true on: no change after it can be in the register."""
        return max((source.as_of for source in self.sources.values()), default=None)


def _date(text: str, where: tuple[str, int], column: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RegisterError(Problem(*where, f"{column} '{text}' is not a date written YYYY-MM-DD")) from None


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[tuple[str, int], dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise RegisterError(Problem(path.name, 1, f"the columns must be {','.join(columns)}"))
            for row in reader:
                where = (path.name, reader.line_num)
                if None in row or any(value is None for value in row.values()):
                    raise RegisterError(Problem(*where, f"the row does not have {len(columns)} columns"))
                yield where, {key: value.strip() for key, value in row.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RegisterError(Problem(path.name, 0, f"cannot be read: {exc}")) from None


def load_register(folder: Path) -> Register:
    """Every body in ``folder``'s CSV files (``sources*.csv`` list the sources), and its settings."""
    sources: dict[str, RegisterSource] = {}
    bodies: list[PublicBody] = []
    files = sorted(folder.glob("*.csv"))
    for path in (p for p in files if p.name.startswith("sources")):
        for where, row in _rows(path, SOURCE_COLUMNS):
            as_of = _date(row["as_of"], where, "as_of")
            if as_of is None:
                raise RegisterError(Problem(*where, "a source needs its as_of date"))
            sources[row["key"]] = RegisterSource(row["key"], row["title"], row["publisher"], row["licence"], row["url"], as_of)
    for path in (p for p in files if not p.name.startswith("sources")):
        for where, row in _rows(path, COLUMNS):
            if not _ID.match(row["id"]):
                raise RegisterError(Problem(*where, f"id '{row['id']}' must be lowercase words and digits joined by hyphens"))
            bodies.append(
                PublicBody(
                    id=row["id"],
                    name=row["name"],
                    type=row["type"],
                    region=row["region"],
                    valid_from=_date(row["valid_from"], where, "valid_from"),
                    valid_to=_date(row["valid_to"], where, "valid_to"),
                    short_names=_list(row["short_names"]),
                    abbreviations=_list(row["abbreviations"]),
                    domains=tuple(domain.lower() for domain in _list(row["domains"])),
                    part_of=_list(row["part_of"]),
                    source=row["source"],
                    file=where[0],
                    line=where[1],
                )
            )
    if not bodies:
        raise RegisterError(Problem(folder.name, 0, "the register lists no public bodies"))
    threshold = DEFAULT_THRESHOLD
    settings = folder / SETTINGS_FILE
    if settings.is_file():
        try:
            loaded = yaml.safe_load(settings.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise RegisterError(Problem(SETTINGS_FILE, 0, f"cannot be read: {exc}")) from None
        threshold = loaded.get("threshold", DEFAULT_THRESHOLD) if isinstance(loaded, dict) else DEFAULT_THRESHOLD
        if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 2:
            raise RegisterError(Problem(SETTINGS_FILE, 1, f"threshold must be a whole number of at least 2, not {threshold!r}"))
    return Register(bodies=tuple(bodies), sources=sources, threshold=threshold)


def register_problems(register: Register, schema: Schema) -> list[Problem]:
    """What is inconsistent in the register. Counting on an inconsistent register could mislead, so the pipeline
    reports these as errors and the tests hold the register to none."""
    types, regions = schema.vocabularies["organisation_type"].by_id, schema.vocabularies["region"].by_id
    problems: list[Problem] = []
    seen: dict[str, PublicBody] = {}
    for body in register.bodies:

        def problem(message: str, body: PublicBody = body) -> None:
            problems.append(Problem(body.file, body.line, message))

        first = seen.setdefault(body.id, body)
        if first is not body:
            problem(f"id '{body.id}' is also used at {first.file}:{first.line}")
        if body.type not in types:
            problem(f"type '{body.type}' is not an organisation type of the lesson schema")
        if body.region not in regions:
            problem(f"region '{body.region}' is not a region of the lesson schema")
        if body.valid_from and body.valid_to and body.valid_to < body.valid_from:
            problem(f"valid_to {body.valid_to} is before valid_from {body.valid_from}")
        if not body.name:
            problem("the body has no name")
        for other in body.part_of:
            if other not in register.by_id:
                problem(f"part_of '{other}' is not a body in the register")
        if body.source not in register.sources:
            problem(f"source '{body.source}' is not listed in a sources file")
    return problems
