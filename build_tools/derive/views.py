"""Views: lessons and terms as the plain dictionaries templates read. Text is raw; templates escape it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.dates import month_key
from ..model.handbook import Handbook
from ..model.lesson import Lesson
from .taxonomy import Taxonomy, TermListing, taxonomies

# Spelled out rather than strftime("%B"), which follows the machine's locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def format_date(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def format_month(text: str) -> str:
    """'2021-04' or '2021-04-15' as 'April 2021'."""
    key = month_key(text)
    return f"{_MONTHS[key[1] - 1]} {key[0]}" if key else text


class Views:
    """Turns lessons into the plain dictionaries templates read."""

    def __init__(self, handbook: Handbook, today: dt.date) -> None:
        self.schema = handbook.schema
        self.vocab = handbook.schema.vocabularies
        self.service_areas, self.failure_types = taxonomies(handbook.schema)
        self.today = today
        self._cards: dict[str, dict[str, Any]] = {}

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
        """What a listing shows of a lesson. Made once per lesson and shared by every listing that shows it:
        a lesson appears in its term pages, the indexes and other lessons' related lists. Treat it as read-only."""
        if lesson.id not in self._cards:
            self._cards[lesson.id] = self._make_card(lesson)
        return self._cards[lesson.id]

    def _make_card(self, lesson: Lesson) -> dict[str, Any]:
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
        view = dict(self.card(lesson))
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
                "contact": self.contact(lesson),
                "sources": [{"title": s.title, "url": s.url} for s in lesson.sources],
                "related": [self.card(r) for r in related],
                "reviewed_on": format_date(lesson.editorial.reviewed_on) if lesson.editorial.reviewed_on else None,
                "review_overdue": lesson.review_overdue(self.today),
                "source_path": lesson.path,
            }
        )
        return view

    def contact(self, lesson: Lesson) -> dict[str, Any] | None:
        if lesson.contact is None:
            return None
        return {
            "offers": [self.vocab["contact_offer"].label(o) for o in lesson.contact.offers],
            "via": lesson.contact.via,
            "href": f"mailto:{lesson.contact.via}" if lesson.contact.is_email else lesson.contact.via,
        }

    def listing(self, listing: TermListing) -> dict[str, Any]:
        return {
            "id": listing.term.id,
            "label": listing.term.label,
            "description": listing.term.description,
            "url": listing.url,
            "count": len(listing.lessons),
            "lessons": [self.card(lesson) for lesson in listing.lessons],
            "co_occurring": [
                {"label": term.label, "url": self.other(listing.taxonomy).url(term.id), "count": count}
                for term, count in listing.co_occurring
            ],
            "other_title": self.other(listing.taxonomy).vocabulary.title,
        }

    def other(self, taxonomy: Taxonomy) -> Taxonomy:
        return self.failure_types if taxonomy is self.service_areas else self.service_areas
