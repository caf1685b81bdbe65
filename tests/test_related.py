"""Related lessons: explicit first, then weighted by shared terms, at most five, stable."""

from __future__ import annotations

import datetime as dt

from build_tools.derive.related import related_lessons
from build_tools.model.lesson import Editorial, Lesson, Organisation, Period


def lesson(lesson_id: str, areas: tuple[str, ...], failures: tuple[str, ...], published: str = "2023-01-01", related=()) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=lesson_id,
        summary="",
        service_areas=areas,
        failure_types=failures,
        organisation=Organisation("other", "london"),
        period=Period("2020-01"),
        status="concluded",
        published=dt.date.fromisoformat(published),
        editorial=Editorial("published"),
        body="",
        path="",
        related=tuple(related),
    )


def test_shared_failure_types_weigh_more_than_shared_service_areas():
    lessons = [
        lesson("subject", ("health", "housing"), ("data", "funding")),
        lesson("same-area", ("health", "housing"), ("leadership",)),  # 2 areas: score 2
        lesson("same-failure", ("schools",), ("data", "funding")),  # 2 failures: score 4
        lesson("one-each", ("health",), ("data",)),  # score 3
        lesson("nothing-shared", ("schools",), ("leadership",)),
    ]
    result = related_lessons(lessons)
    assert [x.id for x in result["subject"]] == ["same-failure", "one-each", "same-area"]


def test_explicit_first_then_computed_at_most_five_newest_winning_ties():
    lessons = [lesson("subject", ("health",), ("data",), related=("far-away",)), lesson("far-away", ("schools",), ("leadership",))]
    lessons += [lesson(f"peer-{i}", ("health",), ("data",), published=f"2023-01-{i + 1:02d}") for i in range(8)]
    result = related_lessons(lessons)
    assert [x.id for x in result["subject"]] == ["far-away", "peer-7", "peer-6", "peer-5", "peer-4"]
    assert all(len(found) <= 5 for found in result.values())
    assert all(x.id != key for key, found in result.items() for x in found)


def test_explicit_links_to_lessons_not_being_published_are_dropped():
    lessons = [lesson("subject", ("health",), ("data",), related=("not-here",)), lesson("other", ("health",), ("data",))]
    assert [x.id for x in related_lessons(lessons)["subject"]] == ["other"]
