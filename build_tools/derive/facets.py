"""The facets readers filter lessons by. One list, used by the lesson pages (as search-index filters),
the browse page (checkboxes and URL parameters) and every link into the browse page."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.lesson import Lesson
from ..model.vocabulary import Schema


@dataclass(frozen=True)
class Facet:
    param: str  # the URL query parameter and the search-index filter name
    title: str
    vocabulary: str | None  # None for year, whose values come from the lessons

    def values(self, lesson: Lesson) -> tuple[str, ...]:
        match self.param:
            case "service_area":
                return lesson.service_areas
            case "failure_type":
                return lesson.failure_types
            # The published attribution, never what the file states: a filter must not undo disclosure control.
            case "organisation_type":
                return (lesson.shown_as.kind,)
            case "region":
                return (lesson.shown_as.place,)
            case "status":
                return (lesson.status,)
            case "year":
                return (str(lesson.published.year),)
        raise ValueError(self.param)


FACETS = (
    Facet("service_area", "Service area", "service_area"),
    Facet("failure_type", "What went wrong", "failure_type"),
    Facet("organisation_type", "Organisation type", "organisation_type"),
    Facet("region", "Region", "region"),
    Facet("status", "Status", "status"),
    Facet("year", "Year published", None),
)


@dataclass(frozen=True, slots=True)
class FacetOption:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class FacetOptions:
    """A facet as the browse page offers it: its values, in display order."""

    param: str
    title: str
    options: tuple[FacetOption, ...]


def facet_options(schema: Schema, lessons: tuple[Lesson, ...]) -> tuple[FacetOptions, ...]:
    """Each facet with its values and labels, for the browse page."""
    out = []
    for facet in FACETS:
        if facet.vocabulary:
            vocabulary = schema.vocabularies[facet.vocabulary]
            options = tuple(FacetOption(t.id, t.label) for t in vocabulary.active_terms)
            if vocabulary.broader:
                # Broader kinds and places (a council, England) appear where a lesson is published at that level.
                broader = schema.vocabularies[vocabulary.broader]
                used = {value for lesson in lessons for value in facet.values(lesson)} - set(vocabulary.ids)
                options += tuple(FacetOption(t.id, t.label) for t in broader.terms if t.id in used)
        else:
            years = sorted({value for lesson in lessons for value in facet.values(lesson)}, reverse=True)
            options = tuple(FacetOption(year, year) for year in years)
        out.append(FacetOptions(facet.param, facet.title, options))
    return tuple(out)


def browse_url(**filters: str) -> str:
    """A link into the browse page with the given facets set, e.g. browse_url(service_area="health")."""
    known = {facet.param for facet in FACETS}
    assert set(filters) <= known, set(filters) - known
    return "browse/?" + "&".join(f"{key}={value}" for key, value in filters.items())


def lesson_filters(lesson: Lesson) -> list[tuple[str, str]]:
    """(filter, value) pairs for a lesson page, so search can filter on every facet."""
    return [(facet.param, value) for facet in FACETS for value in facet.values(lesson)]
