"""The whole handbook as the later stages see it: the schema with its vocabularies, and every valid lesson."""

from __future__ import annotations

from dataclasses import dataclass

from .lesson import Lesson
from .vocabulary import Schema


@dataclass(frozen=True)
class Handbook:
    schema: Schema
    lessons: tuple[Lesson, ...]  # every valid lesson, newest first

    @property
    def published(self) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.is_published)
