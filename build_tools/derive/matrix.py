"""Where failures cluster: how many lessons there are for each service area and failure type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model.lesson import Lesson
from .facets import browse_url
from .views import TermLink, Views


@dataclass(frozen=True, slots=True)
class MatrixCell:
    count: int
    column: str  # the failure type's label, to name the cell for screen readers
    url: str  # the browse page filtered to the row's service area and the column's failure type


@dataclass(frozen=True, slots=True)
class MatrixRow:
    label: str
    url: str
    cells: tuple[MatrixCell, ...]  # one per column


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: tuple[TermLink, ...]  # failure types
    rows: tuple[MatrixRow, ...]  # service areas
    max: int  # the largest count, which sets each cell's shade


def failure_matrix(lessons: tuple[Lesson, ...], views: Views) -> Matrix:
    """Service areas by failure type; a lesson counts in every pair of its terms."""
    counts = Counter((area, failure) for lesson in lessons for area in lesson.service_areas for failure in lesson.failure_types)
    areas, failures = views.service_areas.vocabulary.active_terms, views.failure_types.vocabulary.active_terms
    return Matrix(
        columns=tuple(TermLink(f.label, views.failure_types.url(f.id)) for f in failures),
        rows=tuple(
            MatrixRow(
                label=area.label,
                url=views.service_areas.url(area.id),
                cells=tuple(
                    MatrixCell(counts[(area.id, f.id)], f.label, browse_url(service_area=area.id, failure_type=f.id)) for f in failures
                ),
            )
            for area in areas
        ),
        max=max(counts.values(), default=0),
    )
