"""Latest activity: lessons by when they last changed for readers, newly published or with a new progress note."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.lesson import Lesson
from .views import LessonCard, Views, format_date


@dataclass(frozen=True, slots=True)
class Activity:
    """A lesson on the updates page: the date of its latest activity, and what it was."""

    card: LessonCard
    date: str | None  # None for a lesson shown unpublished in a preview: its dates are placeholders until published
    date_iso: str | None
    what: str  # 'Published', or 'Progress: ' and the newest progress note, or 'Not yet published'


@dataclass(frozen=True, slots=True)
class Updates:
    items: tuple[Activity, ...]  # newest activity first
    feed: str  # the whole handbook's Atom feed, which follows the same activity


def latest_activity(lessons: tuple[Lesson, ...], views: Views, feed: str) -> Updates:
    # In a preview, drafts and lessons in review come first: they are what the preview is for.
    ordered = sorted(lessons, key=lambda lesson: (not lesson.is_published, lesson.latest_activity, lesson.id), reverse=True)
    items = []
    for lesson in ordered:
        if not lesson.is_published:
            items.append(Activity(card=views.card(lesson), date=None, date_iso=None, what="Not yet published"))
            continue
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
