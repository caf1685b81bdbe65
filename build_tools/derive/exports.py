"""Open data: every published lesson as JSON and CSV, the barriers report as CSV, and the JSON export's schema.

What is exported is an explicit public record (``PublicLesson``), made from the model field by field: only what
a reader needs. Nothing of the editorial record (who reviewed a lesson and when, its review date, the text an
editor accepted and why) and nothing of an unpublished lesson is in it, and dates are written exactly as the
lesson states them, never finer. ``lessons.json`` is the records as JSON, described by ``EXPORT_SCHEMA_PATH``;
both CSV files are made from the same records.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.lesson import Lesson
from ..model.vocabulary import VOCABULARY_DEFS, Schema

BARRIERS_CSV = "barriers.csv"  # linked from the barriers page
LESSONS_JSON = "lessons.json"
LESSONS_CSV = "lessons.csv"
LESSON_SCHEMA_PATH = "schema/lesson.schema.json"  # the lesson front matter's schema, published unchanged
EXPORT_SCHEMA_PATH = "schema/lessons-export.schema.json"  # the schema of lessons.json

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class PublicOrganisation:
    type: str
    region: str
    name: str | None  # None: the lesson is anonymous


@dataclass(frozen=True, slots=True)
class PublicPeriod:
    started: str  # as the lesson states it: '2021-04' or '2021-04-15'
    ended: str | None


@dataclass(frozen=True, slots=True)
class PublicBarrier:
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class PublicUpdate:
    date: str  # YYYY-MM-DD, as the lesson states it
    text: str


@dataclass(frozen=True, slots=True)
class PublicContact:
    offers: tuple[str, ...]
    via: str


@dataclass(frozen=True, slots=True)
class PublicSource:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class PublicLesson:
    """One published lesson as the open data gives it."""

    id: str
    url: str  # the absolute address of the lesson's page
    title: str
    summary: str
    service_areas: tuple[str, ...]
    failure_types: tuple[str, ...]
    organisation: PublicOrganisation
    partners: tuple[str, ...]
    period: PublicPeriod
    status: str
    published: str  # YYYY-MM-DD, as the lesson states it
    national_barriers: tuple[PublicBarrier, ...]
    related: tuple[str, ...]  # the related lessons the authors chose, only those in the export
    updates: tuple[PublicUpdate, ...]  # newest first
    contact: PublicContact | None
    sources: tuple[PublicSource, ...]
    example: bool  # a fictional example lesson


def _organisation(lesson: Lesson) -> PublicOrganisation:
    """The organisation as the site shows it: after disclosure control, which may give a broader kind or place for an
    anonymous lesson, and the name only when the lesson is named."""
    shown = lesson.shown_as
    return PublicOrganisation(shown.kind, shown.place, shown.name)


def public_lessons(lessons: Sequence[Lesson], site_url: str) -> tuple[PublicLesson, ...]:
    """The public record of each lesson being published, in the same order."""
    exported = {lesson.id for lesson in lessons}
    return tuple(
        PublicLesson(
            id=lesson.id,
            url=f"{site_url}{lesson.url}",
            title=lesson.title,
            summary=lesson.summary,
            service_areas=lesson.service_areas,
            failure_types=lesson.failure_types,
            organisation=_organisation(lesson),
            partners=lesson.partners,
            period=PublicPeriod(lesson.period.started, lesson.period.ended),
            status=lesson.status,
            published=lesson.published.isoformat(),
            national_barriers=tuple(PublicBarrier(b.type, b.description) for b in lesson.national_barriers),
            related=tuple(other for other in lesson.related if other in exported and other != lesson.id),
            updates=tuple(PublicUpdate(u.date.isoformat(), u.text) for u in lesson.updates),
            contact=PublicContact(lesson.contact.offers, lesson.contact.via) if lesson.contact else None,
            sources=tuple(PublicSource(s.title, s.url) for s in lesson.sources),
            example=lesson.example,
        )
        for lesson in lessons
    )


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


def lessons_json(records: Sequence[PublicLesson], site_url: str) -> str:
    """The public records, with the address of the schema that describes them."""
    document = {"schema": f"{site_url}{EXPORT_SCHEMA_PATH}", "lessons": [dataclasses.asdict(record) for record in records]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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


def lessons_csv(records: Sequence[PublicLesson]) -> str:
    """One row a lesson; list fields joined with '; '."""

    def row(record: PublicLesson) -> list[str]:
        return [
            record.id,
            record.title,
            record.summary,
            record.url,
            "; ".join(record.service_areas),
            "; ".join(record.failure_types),
            record.organisation.type,
            record.organisation.region,
            record.organisation.name or "",
            "; ".join(record.partners),
            record.period.started,
            record.period.ended or "",
            record.status,
            record.published,
            "; ".join(dict.fromkeys(b.type for b in record.national_barriers)),
            "; ".join(record.contact.offers) if record.contact else "",
            record.contact.via if record.contact else "",
            "true" if record.example else "false",
        ]

    return _csv(LESSON_COLUMNS, (row(record) for record in records))


BARRIER_COLUMNS = ("barrier_type", "barrier_label", "description", "lesson_id", "lesson_title", "lesson_url", "service_areas", "published")


def barriers_csv(records: Sequence[PublicLesson], schema: Schema) -> str:
    """Every national barrier, one row each, in the order of the barrier vocabulary, then newest first."""
    labels = schema.vocabularies["barrier_type"]
    order = {term.id: index for index, term in enumerate(labels.terms)}
    rows = sorted(
        ((barrier, record) for record in records for barrier in record.national_barriers),
        key=lambda pair: (order[pair[0].type], -dt.date.fromisoformat(pair[1].published).toordinal(), pair[1].id),
    )
    return _csv(
        BARRIER_COLUMNS,
        (
            [
                b.type,
                labels.label(b.type),
                b.description,
                record.id,
                record.title,
                record.url,
                "; ".join(record.service_areas),
                record.published,
            ]
            for b, record in rows
        ),
    )


# The lesson schema's definitions the export schema uses, copied so that it stands alone and agrees with it: the
# formats, and every vocabulary but the editorial states, which nothing public carries.
_SHARED_DEFS = (
    "lesson_id",
    "date",
    "month_or_date",
    "url",
    "mailbox",
    *(name for name in VOCABULARY_DEFS if name != "editorial_state"),
)


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "description": description}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _list(items: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "array", "items": items, "description": description}


def _terms(vocabulary: str, description: str) -> dict[str, Any]:
    return _list({"$ref": f"#/$defs/{vocabulary}"}, description)


def _nullable(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}], "description": description}


def _record(properties: dict[str, Any], description: str) -> dict[str, Any]:
    """An object with exactly these properties, each always present (null where it has no value)."""
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


# Each public record's properties, by the dataclass they describe; tests check that the two agree.
RECORD_PROPERTIES: dict[type, dict[str, Any]] = {
    PublicOrganisation: {
        "type": {
            "anyOf": [{"$ref": "#/$defs/organisation_type"}, {"$ref": "#/$defs/organisation_class"}],
            "description": "The kind of organisation that told the lesson: its type, or for an anonymous lesson whose type and"
            " region would point to too few bodies, a broader kind.",
        },
        "region": {
            "anyOf": [{"$ref": "#/$defs/region"}, {"$ref": "#/$defs/nation"}],
            "description": "Where the work happened: its region, or for an anonymous lesson a nation or the UK where the region"
            " would point to too few bodies.",
        },
        "name": _nullable(_text("The organisation's name."), "The organisation's name; null when the lesson is anonymous."),
    },
    PublicPeriod: {
        "started": _ref("month_or_date", "When the work started, as the lesson states it: a month or a date."),
        "ended": _nullable({"$ref": "#/$defs/month_or_date"}, "When the work ended, as the lesson states it; null if it has not."),
    },
    PublicBarrier: {
        "type": _ref("barrier_type", "The kind of national framework that got in the way."),
        "description": _text("What got in the way."),
    },
    PublicUpdate: {
        "date": _ref("date", "The date of the progress note."),
        "text": _text("The progress note."),
    },
    PublicContact: {
        "offers": _terms("contact_offer", "What the team offers to peers."),
        "via": {
            "anyOf": [{"$ref": "#/$defs/url"}, {"$ref": "#/$defs/mailbox"}],
            "description": "Where peers can reach the team: a web address or a role mailbox.",
        },
    },
    PublicSource: {
        "title": _text("The document's title."),
        "url": _ref("url", "Where the document is published."),
    },
    PublicLesson: {
        "id": _ref("lesson_id", "The lesson's id: the last part of its page's address."),
        "url": _text("The address of the lesson's page."),
        "title": _text("What went wrong, in one sentence."),
        "summary": _text("What was tried and what went wrong, in one or two sentences."),
        "service_areas": _terms("service_area", "The service areas the work touched."),
        "failure_types": _terms("failure_type", "The kinds of failure the lesson is about."),
        "organisation": {"$ref": "#/$defs/organisation", "description": "Who told the lesson."},
        "partners": _terms("organisation_type", "The kinds of the other organisations involved."),
        "period": {"$ref": "#/$defs/period", "description": "When the work ran."},
        "status": _ref("status", "Whether the work is still going on."),
        "published": _ref("date", "When the lesson was published."),
        "national_barriers": _list({"$ref": "#/$defs/barrier"}, "What in national frameworks got in the way."),
        "related": _list({"$ref": "#/$defs/lesson_id"}, "Ids of lessons in this file that the authors chose as related."),
        "updates": _list({"$ref": "#/$defs/update"}, "Dated progress notes on ongoing work, newest first."),
        "contact": _nullable({"$ref": "#/$defs/contact"}, "How peers can talk to the team; null when the team offers nothing."),
        "sources": _list({"$ref": "#/$defs/source"}, "Public evidence: reports, evaluations, board papers."),
        "example": {"type": "boolean", "description": "True for a fictional example lesson, which describes no real organisation."},
    },
}

_RECORD_DEFS = {
    "organisation": (PublicOrganisation, "The kind of organisation and its region, and its name when the lesson is named."),
    "period": (PublicPeriod, "When the work ran."),
    "barrier": (PublicBarrier, "A national framework that got in the way."),
    "update": (PublicUpdate, "A dated progress note."),
    "contact": (PublicContact, "How peers can talk to the team."),
    "source": (PublicSource, "A public document the lesson draws on."),
    "lesson": (PublicLesson, "One published lesson."),
}


def export_schema(schema: Schema, site_url: str) -> str:
    """The JSON Schema (draft 2020-12) of ``lessons.json``, with the lesson schema's vocabularies and formats."""
    defs = {name: schema.document["$defs"][name] for name in _SHARED_DEFS}
    defs.update({name: _record(RECORD_PROPERTIES[cls], description) for name, (cls, description) in _RECORD_DEFS.items()})
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{site_url}{EXPORT_SCHEMA_PATH}",
        "title": "Lessons handbook: published lessons",
        "description": (
            "lessons.json: every published lesson of the lessons handbook, as the open data gives it. Vocabulary terms "
            f"are ids; their labels and descriptions are in {LESSON_SCHEMA_PATH}. Dates are written as the lesson states them."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "lessons"],
        "properties": {
            "schema": _text("The address of this schema."),
            "lessons": _list({"$ref": "#/$defs/lesson"}, "Every published lesson, newest first."),
        },
        "$defs": defs,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
