"""Controlled vocabularies, read from the lesson schema: the one place their ids, labels and descriptions live."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

# The schema's $defs that are vocabularies, by the name the rest of the code uses.
VOCABULARY_DEFS = (
    "service_area",
    "failure_type",
    "organisation_type",
    "region",
    "status",
    "editorial_state",
    "barrier_type",
    "contact_offer",
)


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    phrase: str | None = None  # how the term reads inside a sentence, e.g. "an NHS trust"


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: str
    description: str
    terms: tuple[Term, ...]

    @cached_property
    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    @property
    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def label(self, term_id: str) -> str:
        term = self.by_id.get(term_id)
        return term.label if term else term_id

    def phrase(self, term_id: str) -> str:
        term = self.by_id[term_id]
        return term.phrase or term.label


@dataclass(frozen=True)
class Schema:
    """The lesson schema as loaded, with its vocabularies."""

    document: dict[str, Any]
    vocabularies: dict[str, Vocabulary]

    def vocabulary(self, name: str) -> Vocabulary:
        return self.vocabularies[name]


def vocabulary_from_def(name: str, definition: dict[str, Any]) -> Vocabulary:
    terms = tuple(
        Term(id=option["const"], label=option["title"], description=option["description"], phrase=option.get("x-phrase"))
        for option in definition["oneOf"]
    )
    return Vocabulary(name=name, title=definition["title"], description=definition["description"], terms=terms)


def load_schema(path: Path) -> Schema:
    document = json.loads(path.read_text(encoding="utf-8"))
    defs = document["$defs"]
    vocabularies = {name: vocabulary_from_def(name, defs[name]) for name in VOCABULARY_DEFS}
    return Schema(document=document, vocabularies=vocabularies)
