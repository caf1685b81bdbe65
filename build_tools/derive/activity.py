"""Latest activity: lessons by when they last changed for readers, newly published or with a new progress note."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.lesson import Lesson
from .views import LessonCard, Views, format_date


@dataclass(frozen=True, slots=True)
class Activity:
    """A lesson on the updates page: the date of its latest activity, and what it was."""

    card: LessonCard
    date: str
    date_iso: str
    what: str  # 'Published', or 'Progress: ' and the newest progress note


@dataclass(frozen=True, slots=True)
class Updates:
    items: tuple[Activity, ...]  # newest activity first
    feed: str  # the whole handbook's Atom feed, which follows the same activity


def latest_activity(lessons: tuple[Lesson, ...], views: Views, feed: str) -> Updates:
    ordered = sorted(lessons, key=lambda lesson: (lesson.latest_activity, lesson.id), reverse=True)
    items = []
    for lesson in ordered:
        update = lesson.updates[0] if lesson.updates and lesson.updates[0].date == lesson.latest_activity else None
        items.append(
            Activity(
                card=views.card(lesson),
                date=format_date(lesson.latest_activity),
                date_iso=lesson.latest_activity.isoformat(),
                what=f"Progress: {update.text}" if update else "Published",
            )
        )
    return Updates(tuple(items), feed)
