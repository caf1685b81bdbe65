"""Related lessons: the author's own choices first, then lessons that share the most terms.

Candidates come from an inverted index by term, so the cost grows with the lessons that share a
term rather than with every pair of lessons.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from .lesson import Lesson

MAX_RELATED = 5
# A shared failure type says more about what a reader can learn than a shared service area.
WEIGHTS = {"failure_types": 2, "service_areas": 1}


def related_lessons(lessons: Sequence[Lesson], limit: int = MAX_RELATED) -> dict[str, tuple[Lesson, ...]]:
    """For each lesson, up to ``limit`` related lessons from ``lessons`` (the ones being published)."""
    by_id = {lesson.id: lesson for lesson in lessons}
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for lesson in lessons:
        for field in WEIGHTS:
            for term in getattr(lesson, field):
                postings[(field, term)].append(lesson.id)

    # Newer lessons win ties, then ids, so the choice is stable from build to build.
    recency = {lesson.id: rank for rank, lesson in enumerate(sorted(lessons, key=lambda x: (x.published, x.id), reverse=True))}
    result: dict[str, tuple[Lesson, ...]] = {}
    for lesson in lessons:
        chosen = [by_id[other] for other in lesson.related if other in by_id and other != lesson.id][:limit]
        if len(chosen) < limit:
            scores: Counter[str] = Counter()
            for field, weight in WEIGHTS.items():
                for term in getattr(lesson, field):
                    for other in postings[(field, term)]:
                        scores[other] += weight
            skip = {lesson.id, *(c.id for c in chosen)}
            ranked = sorted((other for other in scores if other not in skip), key=lambda other: (-scores[other], recency[other]))
            chosen += [by_id[other] for other in ranked[: limit - len(chosen)]]
        result[lesson.id] = tuple(chosen)
    return result
