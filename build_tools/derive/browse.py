"""The browse page: facets and full-text search in the browser, and every lesson by year for readers without JavaScript."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model.lesson import Lesson
from ..model.vocabulary import Schema
from .facets import FacetOptions, facet_options
from .search_documents import result_card
from .views import LessonCard, Views


@dataclass(frozen=True, slots=True)
class YearGroup:
    year: int
    lessons: tuple[LessonCard, ...]  # newest first


@dataclass(frozen=True, slots=True)
class Browse:
    facets: tuple[FacetOptions, ...]
    groups: tuple[YearGroup, ...]  # published lessons, newest year first
    unpublished: tuple[LessonCard, ...]  # in a preview, drafts and lessons in review, which have no year published yet
    total: int
    result_card: LessonCard  # the card browse.js fills for each search result


def browse(schema: Schema, lessons: tuple[Lesson, ...], views: Views) -> Browse:
    by_year: dict[int, list[LessonCard]] = defaultdict(list)
    for lesson in lessons:
        if lesson.is_published:
            by_year[lesson.published.year].append(views.card(lesson))
    return Browse(
        facets=facet_options(schema, lessons),
        groups=tuple(YearGroup(year, tuple(by_year[year])) for year in sorted(by_year, reverse=True)),
        unpublished=tuple(views.card(lesson) for lesson in lessons if not lesson.is_published),
        total=len(lessons),
        result_card=result_card(),
    )
