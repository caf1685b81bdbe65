"""Disclosure control on an anonymous lesson's attribution: what the handbook may say about who wrote it.

An anonymous lesson names only a type of organisation and a region ("a combined authority in the North
East"). Counted against the register of public bodies, for the years of the lesson and narrowed by its
partners where the register knows which bodies overlap, that can mean one body. Statistical offices
publish no cell with fewer than a threshold of contributors and recode categories upward when a cell is
too small; the handbook does the same. It walks up each vocabulary's ``broader`` terms (a unitary
authority is a council; the North West is in England, which is in the UK), keeping the place as specific
as it can, and publishes the first attribution that points to at least ``register.threshold`` bodies.
Where nothing does (a single national body), the lesson cannot be published anonymously.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .register import PublicBody, Register
from .vocabulary import Schema, Vocabulary


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a lesson is from, as public outputs say it: a term for the kind of organisation and one for the place."""

    kind: str  # a term of ``kind_vocabulary``
    place: str  # a term of ``place_vocabulary``
    kind_vocabulary: str = "organisation_type"
    place_vocabulary: str = "region"
    name: str | None = None  # only for a lesson published with its organisation's name

    @property
    def recoded(self) -> bool:
        return (self.kind_vocabulary, self.place_vocabulary) != ("organisation_type", "region")

    def phrase(self, schema: Schema) -> str:
        """'a unitary authority in the North West', or the name with it for a named lesson."""
        vocabularies = schema.vocabularies
        kind = vocabularies[self.kind_vocabulary].phrase(self.kind)
        where = vocabularies[self.place_vocabulary].phrase(self.place)
        return f"{self.name}, {kind} {where}" if self.name else f"{kind} {where}"


class Outcome(StrEnum):
    NAMED = "named"  # the organisation agreed to be named: nothing to protect
    NOT_COUNTED = "not-counted"  # a type the register does not list (charities, GP practices...): too many to single out
    SAFE = "safe"  # what the lesson states points to enough bodies
    RECODED = "recoded"  # published at a broader level that does
    IMPOSSIBLE = "impossible"  # no body in the register matches what the lesson states
    REFUSED = "refused"  # even the broadest attribution points to too few bodies


@dataclass(frozen=True, slots=True)
class Assessment:
    outcome: Outcome
    stated: Attribution  # what the lesson's front matter says
    published: Attribution  # what public outputs say (for a refused lesson, the broadest level tried)
    matches: int | None = None  # bodies matching what the lesson states; None when not counted
    published_matches: int | None = None  # bodies matching what is published
    threshold: int = 0
    partners_narrowed: tuple[str, ...] = ()  # partner types that narrowed the count

    @property
    def publishable(self) -> bool:
        return self.outcome not in (Outcome.IMPOSSIBLE, Outcome.REFUSED)


def ladder(vocabulary: Vocabulary, term_id: str, schema: Schema) -> list[tuple[str, str]]:
    """(vocabulary, term) from the term itself up through its broader terms: region, nation, the UK."""
    steps = [(vocabulary.name, term_id)]
    seen = {(vocabulary.name, term_id)}
    current_vocabulary, current = vocabulary, vocabulary.by_id.get(term_id)
    while current is not None and current.broader and current_vocabulary.broader:
        current_vocabulary = schema.vocabularies[current_vocabulary.broader]
        step = (current_vocabulary.name, current.broader)
        if step in seen:
            break
        steps.append(step)
        seen.add(step)
        current = current_vocabulary.by_id.get(current.broader)
    return steps


class Disclosure:
    """Assesses attributions against one register; what does not depend on the lesson is worked out once."""

    def __init__(self, schema: Schema, register: Register) -> None:
        self.schema = schema
        self.register = register
        types, regions = schema.vocabularies["organisation_type"], schema.vocabularies["region"]
        self.places = {term.id: frozenset(ladder(regions, term.id, schema)) for term in regions.terms}
        by_kind: dict[tuple[str, str], list[PublicBody]] = {}
        for body in register.bodies:
            term = types.by_id.get(body.type)
            for kind in (("organisation_type", body.type), ("organisation_class", term.broader if term else None)):
                if kind[1] is not None:
                    by_kind.setdefault((kind[0], kind[1]), []).append(body)
        self.by_kind = {kind: tuple(bodies) for kind, bodies in by_kind.items()}

    def assess(
        self,
        *,
        organisation_type: str,
        region: str,
        name: str | None,
        start: dt.date,
        end: dt.date,
        ongoing: bool = False,
        partners: Sequence[str] = (),
    ) -> Assessment:
        """What may be published about the organisation of a lesson whose work ran from ``start`` to ``end``.

        A body counts if it existed at some time in that period, and, for work still going on, still exists at
        ``end``: that is all a reader can tell from the lesson."""
        stated = Attribution(organisation_type, region, name=name)
        register, vocabularies = self.register, self.schema.vocabularies
        if name:
            return Assessment(Outcome.NAMED, stated, stated)
        if organisation_type not in register.counted_types:
            return Assessment(Outcome.NOT_COUNTED, stated, stated)
        kinds = ladder(vocabularies["organisation_type"], organisation_type, self.schema)
        places = ladder(vocabularies["region"], region, self.schema)
        partners = tuple(dict.fromkeys(partners))
        narrowed = tuple(p for p in partners if (organisation_type, p) in register.related_types)
        k = register.threshold

        def count(kind: tuple[str, str], place: tuple[str, str], with_partners: bool = True) -> int:
            return sum(
                1
                for body in self.by_kind.get(kind, ())
                if place in self.places.get(body.region, ())
                and body.existed_during(end if ongoing else start, end)
                and (not with_partners or self._with(body, partners, start, end))
            )

        # Impossible is judged without partners: the register records only some overlaps (a council's combined
        # authority, not every body it works with), so partners can only lower a count, never rule a body out.
        if count(kinds[0], places[0], with_partners=False) == 0:
            return Assessment(Outcome.IMPOSSIBLE, stated, stated, 0, 0, k, narrowed)
        matches = count(kinds[0], places[0])
        if matches >= k:
            return Assessment(Outcome.SAFE, stated, stated, matches, matches, k, narrowed)
        # Keep the place as specific as possible: a reader learns more from "in the North West" than from the type.
        level, found = stated, matches
        for place in places:
            for kind in kinds:
                found = count(kind, place)
                level = Attribution(kind[1], place[1], kind_vocabulary=kind[0], place_vocabulary=place[0])
                if found >= k:
                    return Assessment(Outcome.RECODED, stated, level, matches, found, k, narrowed)
        return Assessment(Outcome.REFUSED, stated, level, matches, found, k, narrowed)

    def _with(self, body: PublicBody, partners: tuple[str, ...], start: dt.date, end: dt.date) -> bool:
        """Whether ``body`` overlaps a body of each partner type, where the register records overlaps for the two types;
        elsewhere the register cannot tell which bodies work together, and the body still counts."""
        register = self.register
        return all(
            any(other.existed_during(start, end) and register.overlaps(body, other) for other in register.by_type.get(p, ()))
            for p in partners
            if (body.type, p) in register.related_types
        )
