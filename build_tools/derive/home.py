"""The home page's counts, ways in and latest lessons, shown below the hand-written text of docs/index.md."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.lesson import Lesson
from .views import LessonCard, TermEntry, Views

LATEST_ON_HOME = 6


@dataclass(frozen=True, slots=True)
class HomeCounts:
    lessons: int
    ongoing: int
    service_areas: int  # service areas with at least one lesson
    failure_types: int


@dataclass(frozen=True, slots=True)
class Home:
    counts: HomeCounts
    latest: tuple[LessonCard, ...]
    service_areas: tuple[TermEntry, ...]
    failure_types: tuple[TermEntry, ...]


def home(lessons: tuple[Lesson, ...], views: Views, service_areas: tuple[TermEntry, ...], failure_types: tuple[TermEntry, ...]) -> Home:
    counts = HomeCounts(
        lessons=len(lessons),
        ongoing=sum(1 for lesson in lessons if lesson.status == "ongoing"),
        service_areas=sum(1 for term in service_areas if term.count),
        failure_types=sum(1 for term in failure_types if term.count),
    )
    return Home(counts, tuple(views.card(lesson) for lesson in lessons[:LATEST_ON_HOME]), service_areas, failure_types)
