"""The pages the handbook publishes, derived from the model, with the data their templates need.

Everything here is engine-neutral: a page is a source path, a title, a template name, the
markdown to render and a context of plain data. The MkDocs plugin only hands these to MkDocs.
Text in contexts is raw; templates escape it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .handbook import Handbook
from .lesson import Lesson
from .related import related_lessons
from .rules import month_key
from .taxonomy import Taxonomy, TermListing, list_terms, taxonomies

LATEST_ON_HOME = 6
# Spelled out rather than strftime("%B"), which follows the machine's locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # where the page would live in a docs folder, e.g. "lessons/x.md"
    source_path: str | None  # the file it is made from, relative to the handbook root, if any
    title: str
    template: str
    markdown: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    description: str | None = None  # for the page's meta description


@dataclass(frozen=True)
class Site:
    pages: tuple[PageSpec, ...]
    home: dict[str, Any]  # context for the hand-written home page

    def by_src(self) -> dict[str, PageSpec]:
        return {page.src_uri: page for page in self.pages}


def format_date(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def format_month(text: str) -> str:
    """'2021-04' or '2021-04-15' as 'April 2021'."""
    key = month_key(text)
    return f"{_MONTHS[key[1] - 1]} {key[0]}" if key else text


class _Views:
    """Turns lessons into the plain dictionaries templates read."""

    def __init__(self, handbook: Handbook, today: dt.date) -> None:
        self.schema = handbook.schema
        self.vocab = handbook.schema.vocabularies
        self.service_areas, self.failure_types = taxonomies(handbook.schema)
        self.today = today

    def terms(self, taxonomy: Taxonomy, ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": i, "label": taxonomy.vocabulary.label(i), "url": taxonomy.url(i)} for i in ids]

    def who(self, lesson: Lesson) -> str:
        """'A multi-agency partnership in Yorkshire and the Humber', or the organisation's name."""
        org = lesson.organisation
        kind = self.vocab["organisation_type"].phrase(org.type)
        where = self.vocab["region"].phrase(org.region)
        if org.name:
            return f"{org.name}, {kind} {where}"
        return f"{kind[0].upper()}{kind[1:]} {where}"

    def period(self, lesson: Lesson) -> str:
        started = format_month(lesson.period.started)
        if lesson.period.ended:
            return f"{started} to {format_month(lesson.period.ended)}"
        return f"Since {started}" if lesson.status == "ongoing" else f"From {started}"

    def card(self, lesson: Lesson) -> dict[str, Any]:
        """What a listing shows of a lesson."""
        return {
            "id": lesson.id,
            "title": lesson.title,
            "summary": lesson.summary,
            "url": lesson.url,
            "who": self.who(lesson),
            "status": self.vocab["status"].label(lesson.status),
            "published": format_date(lesson.published),
            "published_iso": lesson.published.isoformat(),
            "example": lesson.example,
            # None for published lessons; the state's label ("Draft", "In review") in a preview.
            "unpublished": None if lesson.is_published else self.vocab["editorial_state"].label(lesson.editorial.state),
        }

    def lesson(self, lesson: Lesson, related: tuple[Lesson, ...]) -> dict[str, Any]:
        vocab = self.vocab
        view = self.card(lesson)
        view.update(
            {
                "service_areas": self.terms(self.service_areas, lesson.service_areas),
                "failure_types": self.terms(self.failure_types, lesson.failure_types),
                "organisation_type": vocab["organisation_type"].label(lesson.organisation.type),
                "region": vocab["region"].label(lesson.organisation.region),
                "organisation_name": lesson.organisation.name,
                "partners": [vocab["organisation_type"].label(p) for p in lesson.partners],
                "period": self.period(lesson),
                "ongoing": lesson.status == "ongoing",
                "updates": [{"date": format_date(u.date), "date_iso": u.date.isoformat(), "text": u.text} for u in lesson.updates],
                "barriers": [{"type": vocab["barrier_type"].label(b.type), "description": b.description} for b in lesson.national_barriers],
                "contact": None
                if lesson.contact is None
                else {
                    "offers": [vocab["contact_offer"].label(o) for o in lesson.contact.offers],
                    "via": lesson.contact.via,
                    "href": f"mailto:{lesson.contact.via}" if lesson.contact.is_email else lesson.contact.via,
                },
                "sources": [{"title": s.title, "url": s.url} for s in lesson.sources],
                "related": [self.card(r) for r in related],
                "reviewed_on": format_date(lesson.editorial.reviewed_on) if lesson.editorial.reviewed_on else None,
                "review_overdue": lesson.review_overdue(self.today),
                "source_path": lesson.path,
            }
        )
        return view

    def listing(self, listing: TermListing) -> dict[str, Any]:
        return {
            "id": listing.term.id,
            "label": listing.term.label,
            "description": listing.term.description,
            "url": listing.url,
            "count": len(listing.lessons),
            "lessons": [self.card(lesson) for lesson in listing.lessons],
            "co_occurring": [
                {"label": term.label, "url": self._other(listing.taxonomy).url(term.id), "count": count}
                for term, count in listing.co_occurring
            ],
            "other_title": self._other(listing.taxonomy).vocabulary.title,
        }

    def _other(self, taxonomy: Taxonomy) -> Taxonomy:
        return self.failure_types if taxonomy is self.service_areas else self.service_areas


def build_site(handbook: Handbook, *, preview: bool = False, today: dt.date | None = None) -> Site:
    """Every page of the handbook: lesson pages, term pages and the indexes.

    Only published lessons, unless ``preview``: then drafts and lessons in review too, each marked.
    """
    today = today or dt.date.today()
    lessons = handbook.lessons if preview else handbook.published
    views = _Views(handbook, today)
    related = related_lessons(lessons)
    pages: list[PageSpec] = []

    for lesson in lessons:
        pages.append(
            PageSpec(
                src_uri=f"lessons/{lesson.id}.md",
                source_path=lesson.path,
                title=lesson.title,
                template="lesson.html",
                markdown=lesson.body,
                context={"lesson": views.lesson(lesson, related[lesson.id])},
                description=lesson.summary,
            )
        )
    pages.append(
        PageSpec(
            src_uri="lessons/index.md",
            source_path=None,
            title="All lessons",
            template="lessons.html",
            context={"lessons": [views.card(lesson) for lesson in lessons]},
            description="Every lesson in the handbook, newest first.",
        )
    )

    ways_in = {}
    for taxonomy, other in ((views.service_areas, views.failure_types), (views.failure_types, views.service_areas)):
        listings = [views.listing(listing) for listing in list_terms(taxonomy, other, lessons)]
        ways_in[taxonomy.slug] = listings
        pages.append(
            PageSpec(
                src_uri=f"{taxonomy.slug}/index.md",
                source_path=None,
                title=f"{taxonomy.vocabulary.title}s",
                template="terms.html",
                context={
                    "vocabulary": {"title": taxonomy.vocabulary.title, "description": taxonomy.vocabulary.description},
                    "terms": listings,
                },
                description=taxonomy.vocabulary.description,
            )
        )
        for listing in listings:
            pages.append(
                PageSpec(
                    src_uri=f"{taxonomy.slug}/{listing['id']}.md",
                    source_path=None,
                    title=listing["label"],
                    template="term.html",
                    context={"term": listing, "vocabulary": {"title": taxonomy.vocabulary.title, "url": taxonomy.url()}},
                    description=listing["description"],
                )
            )

    home = {
        "counts": {
            "lessons": len(lessons),
            "ongoing": sum(1 for lesson in lessons if lesson.status == "ongoing"),
            "service_areas": sum(1 for t in ways_in["service-areas"] if t["count"]),
            "failure_types": sum(1 for t in ways_in["failure-types"] if t["count"]),
        },
        "latest": [views.card(lesson) for lesson in lessons[:LATEST_ON_HOME]],
        "service_areas": ways_in["service-areas"],
        "failure_types": ways_in["failure-types"],
    }
    return Site(pages=tuple(pages), home=home)
