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
            case "organisation_type":
                return (lesson.organisation.type,)
            case "region":
                return (lesson.organisation.region,)
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


def facet_options(schema: Schema, lessons: tuple[Lesson, ...]) -> list[dict[str, object]]:
    """Each facet with its values and labels, in display order, for the browse page."""
    out = []
    for facet in FACETS:
        if facet.vocabulary:
            options = [{"value": t.id, "label": t.label} for t in schema.vocabularies[facet.vocabulary].active_terms]
        else:
            years = sorted({value for lesson in lessons for value in facet.values(lesson)}, reverse=True)
            options = [{"value": year, "label": year} for year in years]
        out.append({"param": facet.param, "title": facet.title, "options": options})
    return out


def lesson_filters(lesson: Lesson) -> list[tuple[str, str]]:
    """(filter, value) pairs for a lesson page, so search can filter on every facet."""
    return [(facet.param, value) for facet in FACETS for value in facet.values(lesson)]
