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
    "organisation_class",
    "region",
    "nation",
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
    retired: bool = False  # JSON Schema's "deprecated": kept so old lessons get a helpful message
    replaced_by: str | None = None
    # The term one level up, in the vocabulary's broader one (a unitary authority is a council; the North West is
    # in England): what an anonymous lesson's attribution is recoded to when it would point to too few bodies.
    broader: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: str
    description: str
    terms: tuple[Term, ...]
    broader: str | None = None  # the name of the vocabulary its terms' ``broader`` ids belong to

    @cached_property
    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    @cached_property
    def active_terms(self) -> tuple[Term, ...]:
        """The terms a new lesson may use: all but the retired ones."""
        return tuple(term for term in self.terms if not term.retired)

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
    text: str = ""  # the file as written, published unchanged for people who reuse the data

    def vocabulary(self, name: str) -> Vocabulary:
        return self.vocabularies[name]


def vocabulary_from_def(name: str, definition: dict[str, Any]) -> Vocabulary:
    terms = tuple(
        Term(
            id=option["const"],
            label=option["title"],
            description=option["description"],
            phrase=option.get("x-phrase"),
            retired=bool(option.get("deprecated", False)),
            replaced_by=option.get("x-replaced-by"),
            broader=option.get("x-broader"),
        )
        for option in definition["oneOf"]
    )
    return Vocabulary(
        name=name, title=definition["title"], description=definition["description"], terms=terms, broader=definition.get("x-broader")
    )


def vocabulary_fields(document: dict[str, Any]) -> dict[tuple[str, ...], str]:
    """Where the schema uses each vocabulary: a field path ("*" for any list item) to the vocabulary's name."""
    found: dict[tuple[str, ...], str] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in VOCABULARY_DEFS:
            found[path] = ref.removeprefix("#/$defs/")
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key))
        walk(node.get("items"), (*path, "*"))

    walk(document, ())
    return found


def load_schema(path: Path) -> Schema:
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    defs = document["$defs"]
    vocabularies = {name: vocabulary_from_def(name, defs[name]) for name in VOCABULARY_DEFS}
    return Schema(document=document, vocabularies=vocabularies, text=text)
