"""Open data: every published lesson as JSON and CSV, and the barriers report as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from ..model.lesson import Lesson
from ..model.vocabulary import Schema

BARRIERS_CSV = "barriers.csv"  # linked from the barriers page

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formula injection: a leading apostrophe makes the cell text."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def lessons_json(lessons: Sequence[Lesson], site_url: str) -> str:
    """Each lesson's front matter, exactly as validated, with the address of its page."""
    items = [{"url": f"{site_url}{lesson.url}", "front_matter": lesson.front_matter} for lesson in lessons]
    return json.dumps({"schema": f"{site_url}schema/lesson.schema.json", "lessons": items}, indent=2, ensure_ascii=False) + "\n"


LESSON_COLUMNS = (
    "id",
    "title",
    "summary",
    "url",
    "service_areas",
    "failure_types",
    "organisation_type",
    "region",
    "organisation_name",
    "partners",
    "started",
    "ended",
    "status",
    "published",
    "national_barrier_types",
    "contact_offers",
    "contact_via",
    "example",
)


def lessons_csv(lessons: Sequence[Lesson], site_url: str) -> str:
    """One row a lesson; list fields joined with '; '."""

    def row(lesson: Lesson) -> list[str]:
        return [
            lesson.id,
            lesson.title,
            lesson.summary,
            f"{site_url}{lesson.url}",
            "; ".join(lesson.service_areas),
            "; ".join(lesson.failure_types),
            lesson.organisation.type,
            lesson.organisation.region,
            lesson.organisation.name or "",
            "; ".join(lesson.partners),
            lesson.period.started,
            lesson.period.ended or "",
            lesson.status,
            lesson.published.isoformat(),
            "; ".join(dict.fromkeys(b.type for b in lesson.national_barriers)),
            "; ".join(lesson.contact.offers) if lesson.contact else "",
            lesson.contact.via if lesson.contact else "",
            "true" if lesson.example else "false",
        ]

    return _csv(LESSON_COLUMNS, (row(lesson) for lesson in lessons))


def barriers_csv(lessons: Sequence[Lesson], schema: Schema, site_url: str) -> str:
    """Every national barrier, one row each, in the order of the barrier vocabulary."""
    order = {term.id: index for index, term in enumerate(schema.vocabularies["barrier_type"].terms)}
    rows = sorted(
        ((barrier, lesson) for lesson in lessons for barrier in lesson.national_barriers),
        key=lambda pair: (order[pair[0].type], -pair[1].published.toordinal(), pair[1].id),
    )
    labels = schema.vocabularies["barrier_type"]
    return _csv(
        ("barrier_type", "barrier_label", "description", "lesson_id", "lesson_title", "lesson_url", "service_areas", "published"),
        (
            [
                b.type,
                labels.label(b.type),
                b.description,
                lesson.id,
                lesson.title,
                f"{site_url}{lesson.url}",
                "; ".join(lesson.service_areas),
                lesson.published.isoformat(),
            ]
            for b, lesson in rows
        ),
    )
