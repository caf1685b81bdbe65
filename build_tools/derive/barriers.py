"""National barriers: what in national frameworks got in the way, grouped by the kind of barrier."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.lesson import Lesson
from .views import LessonCard, TermLink, Views


@dataclass(frozen=True, slots=True)
class BarrierEntry:
    description: str
    lesson: LessonCard  # the lesson that reports it
    service_areas: tuple[TermLink, ...]


@dataclass(frozen=True, slots=True)
class BarrierGroup:
    id: str
    label: str
    description: str
    entries: tuple[BarrierEntry, ...]  # in the order of the lessons, newest first

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class BarrierReport:
    groups: tuple[BarrierGroup, ...]  # one per active barrier type, in vocabulary order
    csv: str  # where the same barriers are published as CSV

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def barrier_report(lessons: tuple[Lesson, ...], views: Views, csv: str) -> BarrierReport:
    groups = []
    for term in views.schema.vocabularies["barrier_type"].active_terms:
        entries = tuple(
            BarrierEntry(barrier.description, views.card(lesson), views.term_links(views.service_areas, lesson.service_areas))
            for lesson in lessons
            for barrier in lesson.national_barriers
            if barrier.type == term.id
        )
        groups.append(BarrierGroup(term.id, term.label, term.description, entries))
    return BarrierReport(tuple(groups), csv)
