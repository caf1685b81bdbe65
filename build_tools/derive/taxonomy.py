"""Service areas and failure types: the two taxonomies that cross-link lessons.

Each term gets a page listing its lessons and the terms of the other taxonomy that occur most
with it, which is how a reader sees where failures cluster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.lesson import Lesson
from ..model.vocabulary import Schema, Term, Vocabulary


@dataclass(frozen=True)
class Taxonomy:
    vocabulary: Vocabulary
    field: str  # the Lesson attribute holding its term ids
    slug: str  # the URL folder of its pages

    def terms_of(self, lesson: Lesson) -> tuple[str, ...]:
        terms: tuple[str, ...] = getattr(lesson, self.field)
        return terms

    def url(self, term_id: str | None = None) -> str:
        return f"{self.slug}/{term_id}/" if term_id else f"{self.slug}/"


@dataclass(frozen=True)
class TermListing:
    taxonomy: Taxonomy
    term: Term
    lessons: tuple[Lesson, ...]  # newest first
    # Terms of the other taxonomy on the same lessons, most frequent first.
    co_occurring: tuple[tuple[Term, int], ...]

    @property
    def url(self) -> str:
        return self.taxonomy.url(self.term.id)

    @property
    def feed(self) -> str:
        """Where the term's Atom feed is published."""
        return f"{self.url}feed.xml"


def taxonomies(schema: Schema) -> tuple[Taxonomy, Taxonomy]:
    return (
        Taxonomy(schema.vocabulary("service_area"), "service_areas", "service-areas"),
        Taxonomy(schema.vocabulary("failure_type"), "failure_types", "failure-types"),
    )


def list_terms(taxonomy: Taxonomy, other: Taxonomy, lessons: Sequence[Lesson], top: int = 5) -> list[TermListing]:
    """One listing per term of ``taxonomy``, in vocabulary order; ``lessons`` must be newest first."""
    # Retired terms get no page: validation guarantees no lesson uses them.
    terms = taxonomy.vocabulary.active_terms
    by_term: dict[str, list[Lesson]] = {term.id: [] for term in terms}
    pairs: dict[str, Counter[str]] = {term.id: Counter() for term in terms}
    for lesson in lessons:
        others = other.terms_of(lesson)
        for term_id in taxonomy.terms_of(lesson):
            by_term[term_id].append(lesson)
            pairs[term_id].update(others)
    listings = []
    for term in terms:
        # Ties go to vocabulary order, so the page is stable from build to build.
        ranked = sorted(pairs[term.id].items(), key=lambda item: (-item[1], other.vocabulary.ids.index(item[0])))
        listings.append(
            TermListing(
                taxonomy=taxonomy,
                term=term,
                lessons=tuple(by_term[term.id]),
                co_occurring=tuple((other.vocabulary.by_id[term_id], count) for term_id, count in ranked[:top]),
            )
        )
    return listings
