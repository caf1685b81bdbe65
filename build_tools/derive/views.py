"""Views: what templates read of lessons and terms, as frozen dataclasses. Text is raw; templates escape it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.dates import month_key
from ..model.handbook import Handbook
from ..model.lesson import Lesson, Source
from .facets import browse_url
from .taxonomy import Taxonomy, TermListing, taxonomies

# Spelled out rather than strftime("%B"), which follows the machine's locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def format_date(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def format_month(text: str) -> str:
    """'2021-04' or '2021-04-15' as 'April 2021'."""
    key = month_key(text)
    return f"{_MONTHS[key[1] - 1]} {key[0]}" if key else text


@dataclass(frozen=True, slots=True)
class TermLink:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class LessonCard:
    """What a listing shows of a lesson (``partials/lesson-card.html`` draws it)."""

    title: str
    summary: str
    url: str
    who: str  # 'A unitary authority in the North West', or the organisation's name
    status: str
    published: str | None  # '15 January 2023'; None for a lesson shown unpublished in a preview, which has no such date yet
    published_iso: str | None
    example: bool
    unpublished: str | None  # None for published lessons; the state's label ("Draft", "In review") in a preview


@dataclass(frozen=True, slots=True)
class TeamContact:
    offers: tuple[str, ...]  # labels: 'A conversation', 'A site visit'
    via: str
    href: str  # a mailto: link for an address, else the web address itself


@dataclass(frozen=True, slots=True)
class ProgressNote:
    date: str
    date_iso: str
    text: str


@dataclass(frozen=True, slots=True)
class BarrierNote:
    type: str  # the barrier type's label
    description: str


@dataclass(frozen=True, slots=True)
class LessonPage:
    """A lesson's own page: its card, and the details only the page shows."""

    card: LessonCard
    service_areas: tuple[TermLink, ...]
    failure_types: tuple[TermLink, ...]
    partners: tuple[str, ...]  # organisation type labels
    period: str
    updates: tuple[ProgressNote, ...]  # newest first
    barriers: tuple[BarrierNote, ...]
    contact: TeamContact | None
    sources: tuple[Source, ...]
    related: tuple[LessonCard, ...]
    review_overdue: bool  # its review date has passed (the date itself, like all the editorial record, is not shown)


@dataclass(frozen=True, slots=True)
class TaxonomyHeading:
    """A taxonomy as its pages name it: 'Service area', with its description and index page."""

    title: str
    description: str
    url: str


@dataclass(frozen=True, slots=True)
class CountedTerm:
    """A term of the other taxonomy, with how many of a term's lessons it is on."""

    label: str
    url: str
    count: int


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One service area or failure type: its page, and its line in the index pages and on the home page."""

    label: str
    description: str
    url: str
    lessons: tuple[LessonCard, ...]  # newest first
    co_occurring: tuple[CountedTerm, ...]  # most frequent first
    other_title: str  # the other taxonomy's title, e.g. 'Failure type'
    feed: str  # the term's Atom feed
    browse: str  # the browse page filtered to the term

    @property
    def count(self) -> int:
        return len(self.lessons)


class Views:
    """Turns lessons and terms into views. A lesson's card is made once and shared by every listing that shows it."""

    def __init__(self, handbook: Handbook, today: dt.date) -> None:
        self.schema = handbook.schema
        self.vocab = handbook.schema.vocabularies
        self.service_areas, self.failure_types = taxonomies(handbook.schema)
        self.today = today
        self._cards: dict[str, LessonCard] = {}

    def other(self, taxonomy: Taxonomy) -> Taxonomy:
        return self.failure_types if taxonomy is self.service_areas else self.service_areas

    def term_links(self, taxonomy: Taxonomy, ids: tuple[str, ...]) -> tuple[TermLink, ...]:
        return tuple(TermLink(taxonomy.vocabulary.label(i), taxonomy.url(i)) for i in ids)

    def who(self, lesson: Lesson) -> str:
        """'A multi-agency partnership in Yorkshire and the Humber', or the organisation's name: the lesson's published
        attribution, which for an anonymous lesson may be broader than what its file says."""
        phrase = lesson.shown_as.phrase(self.schema)
        return phrase[:1].upper() + phrase[1:]

    def period(self, lesson: Lesson) -> str:
        started = format_month(lesson.period.started)
        if lesson.period.ended:
            return f"{started} to {format_month(lesson.period.ended)}"
        return f"Since {started}" if lesson.status == "ongoing" else f"From {started}"

    def card(self, lesson: Lesson) -> LessonCard:
        card = self._cards.get(lesson.id)
        if card is None:
            # An unpublished lesson's `published` date is a placeholder until an editor publishes it: never shown.
            shown = lesson.is_published
            card = self._cards[lesson.id] = LessonCard(
                title=lesson.title,
                summary=lesson.summary,
                url=lesson.url,
                who=self.who(lesson),
                status=self.vocab["status"].label(lesson.status),
                published=format_date(lesson.published) if shown else None,
                published_iso=lesson.published.isoformat() if shown else None,
                example=lesson.example,
                unpublished=None if shown else self.vocab["editorial_state"].label(lesson.editorial.state),
            )
        return card

    def contact(self, lesson: Lesson) -> TeamContact | None:
        if lesson.contact is None:
            return None
        return TeamContact(
            offers=tuple(self.vocab["contact_offer"].label(o) for o in lesson.contact.offers),
            via=lesson.contact.via,
            href=f"mailto:{lesson.contact.via}" if lesson.contact.is_email else lesson.contact.via,
        )

    def lesson_page(self, lesson: Lesson, related: tuple[Lesson, ...]) -> LessonPage:
        vocab = self.vocab
        return LessonPage(
            card=self.card(lesson),
            service_areas=self.term_links(self.service_areas, lesson.service_areas),
            failure_types=self.term_links(self.failure_types, lesson.failure_types),
            partners=tuple(vocab["organisation_type"].label(p) for p in lesson.partners),
            period=self.period(lesson),
            updates=tuple(ProgressNote(format_date(u.date), u.date.isoformat(), u.text) for u in lesson.updates),
            barriers=tuple(BarrierNote(vocab["barrier_type"].label(b.type), b.description) for b in lesson.national_barriers),
            contact=self.contact(lesson),
            sources=lesson.sources,
            related=tuple(self.card(r) for r in related),
            review_overdue=lesson.review_overdue(self.today),
        )

    def taxonomy_heading(self, taxonomy: Taxonomy) -> TaxonomyHeading:
        return TaxonomyHeading(taxonomy.vocabulary.title, taxonomy.vocabulary.description, taxonomy.url())

    def term_entry(self, listing: TermListing) -> TermEntry:
        other = self.other(listing.taxonomy)
        return TermEntry(
            label=listing.term.label,
            description=listing.term.description,
            url=listing.url,
            lessons=tuple(self.card(lesson) for lesson in listing.lessons),
            co_occurring=tuple(CountedTerm(term.label, other.url(term.id), count) for term, count in listing.co_occurring),
            other_title=other.vocabulary.title,
            feed=listing.feed,
            browse=browse_url(**{listing.taxonomy.vocabulary.name: listing.term.id}),
        )
