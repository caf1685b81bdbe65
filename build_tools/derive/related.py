"""Related lessons: the author's own choices first, then lessons that share the most terms.

Candidates come from an inverted index by term, so only lessons that share a term are scored, and
every step per lesson runs in C (set union, Counter updates, a sort): lessons are numbered newest
first, so sorting candidates by number and then stably by score breaks ties by recency.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from operator import itemgetter

from ..model.lesson import Lesson

MAX_RELATED = 5
# A shared failure type says more about what a reader can learn than a shared service area.
WEIGHTS = {"failure_types": 2, "service_areas": 1}


def related_lessons(lessons: Sequence[Lesson], limit: int = MAX_RELATED) -> dict[str, tuple[Lesson, ...]]:
    """For each lesson, up to ``limit`` related lessons from ``lessons`` (the ones being published)."""
    # Newest first, then by id, so the choice is stable from build to build.
    ordered = sorted(lessons, key=lambda x: (x.published, x.id), reverse=True)
    number = {lesson.id: rank for rank, lesson in enumerate(ordered)}
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for rank, lesson in enumerate(ordered):
        for field in WEIGHTS:
            for term in getattr(lesson, field):
                postings[(field, term)].append(rank)

    result: dict[str, tuple[Lesson, ...]] = {}
    for lesson in lessons:
        chosen = [ordered[number[other]] for other in lesson.related if other in number and other != lesson.id][:limit]
        if len(chosen) < limit:
            mine = [(postings[(field, term)], weight) for field, weight in WEIGHTS.items() for term in getattr(lesson, field)]
            candidates = set().union(*(posting for posting, _ in mine))
            # Seeded in number order (newest first), so equal scores keep that order through the stable sort.
            scores = Counter(sorted(candidates))
            for posting, weight in mine:
                for _ in range(weight):
                    scores.update(posting)
            skip = {number[lesson.id], *(number[c.id] for c in chosen)}
            ranked = sorted(scores.items(), key=itemgetter(1), reverse=True)[: limit + len(skip)]
            chosen += [ordered[rank] for rank, _ in ranked if rank not in skip][: limit - len(chosen)]
        result[lesson.id] = tuple(chosen)
    return result
