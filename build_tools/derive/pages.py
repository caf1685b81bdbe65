"""The pages and files the handbook publishes, derived from the model.

Everything here is engine-neutral: a page is a source path, a title, a template name, the markdown to
render and the template's variables as typed views; a file is a path and its text. The MkDocs plugin
only hands these to MkDocs.

Each family of pages and files has one builder, and ``PAGE_FAMILIES`` lists them: adding a page means
writing its builder and adding it to the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..model.handbook import Handbook
from ..model.lesson import Lesson
from .activity import latest_activity
from .barriers import barrier_report
from .browse import browse
from .exports import (
    BARRIERS_CSV,
    EXPORT_SCHEMA_PATH,
    LESSON_SCHEMA_PATH,
    LESSONS_CSV,
    LESSONS_JSON,
    barriers_csv,
    export_schema,
    lessons_csv,
    lessons_json,
    public_lessons,
)
from .feeds import HANDBOOK_FEED, atom_feed
from .home import Home, home
from .matrix import failure_matrix
from .peers import peer_directory
from .related import related_lessons
from .search_documents import stand_in_page
from .taxonomy import Taxonomy, TermListing, list_terms
from .views import TermEntry, Views


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # where the page would live in a docs folder, e.g. "lessons/x.md"
    title: str
    template: str
    context: Mapping[str, object]  # the template's variables, each a typed view
    description: str | None = None  # for the page's meta description
    markdown: str = ""
    source_path: str | None = None  # the file it is made from, relative to the handbook root, if any
    wide: bool = False  # needs the whole width: no navigation or contents sidebars


@dataclass(frozen=True)
class StaticFile:
    path: str  # where it is published, e.g. "feed.xml"
    text: str


@dataclass(frozen=True)
class Site:
    pages: tuple[PageSpec, ...]
    files: tuple[StaticFile, ...]
    home: Home  # context for the hand-written home page
    search_pages: dict[str, str] = field(default_factory=dict)  # what the search engine indexes, by page path

    def by_src(self) -> dict[str, PageSpec]:
        return {page.src_uri: page for page in self.pages}


@dataclass(frozen=True)
class TaxonomyTerms:
    taxonomy: Taxonomy
    listings: tuple[TermListing, ...]  # one per active term, in vocabulary order
    entries: tuple[TermEntry, ...]  # the listings' views, in the same order


@dataclass(frozen=True)
class Build:
    """What every builder may read, each part computed once."""

    handbook: Handbook
    lessons: tuple[Lesson, ...]  # the lessons being published, newest first
    views: Views
    site_url: str  # absolute, ending in '/', for feeds and exports
    today: dt.date

    @cached_property
    def published(self) -> tuple[Lesson, ...]:
        """The published lessons alone: feeds and exports are for readers and reusers, so never carry a draft or a
        lesson in review, even in a preview."""
        return tuple(lesson for lesson in self.lessons if lesson.is_published)

    @cached_property
    def related(self) -> dict[str, tuple[Lesson, ...]]:
        return related_lessons(self.lessons)

    @cached_property
    def terms(self) -> tuple[TaxonomyTerms, TaxonomyTerms]:
        """Service areas, then failure types, with their terms' listings."""

        def terms(taxonomy: Taxonomy) -> TaxonomyTerms:
            listings = tuple(list_terms(taxonomy, self.views.other(taxonomy), self.lessons))
            return TaxonomyTerms(taxonomy, listings, tuple(self.views.term_entry(listing) for listing in listings))

        return terms(self.views.service_areas), terms(self.views.failure_types)

    @cached_property
    def term_labels(self) -> dict[str, str]:
        """Service area and failure type labels by id, for feed categories."""
        return {t.id: t.label for name in ("service_area", "failure_type") for t in self.handbook.schema.vocabularies[name].terms}

    @cached_property
    def since(self) -> dt.date:
        """A feed's 'updated' when it has no entries: the handbook's latest activity."""
        return max((lesson.latest_activity for lesson in self.published), default=self.today)

    def feed(self, *, title: str, subtitle: str, path: str, page: str, lessons: tuple[Lesson, ...]) -> StaticFile:
        """An Atom feed of ``lessons``: of the published ones alone."""
        lessons = tuple(lesson for lesson in lessons if lesson.is_published)
        text = atom_feed(
            title=title,
            subtitle=subtitle,
            site_url=self.site_url,
            path=path,
            page=page,
            lessons=lessons,
            labels=self.term_labels,
            since=self.since,
        )
        return StaticFile(path, text)


Published = Iterator[PageSpec | StaticFile]


def lesson_pages(build: Build) -> Published:
    for lesson in build.lessons:
        yield PageSpec(
            src_uri=f"lessons/{lesson.id}.md",
            title=lesson.title,
            template="lesson.html",
            context={"lesson": build.views.lesson_page(lesson, build.related[lesson.id])},
            description=lesson.summary,
            markdown=lesson.body,
            source_path=lesson.path,
        )


def lesson_index(build: Build) -> Published:
    yield PageSpec(
        "lessons/index.md",
        "All lessons",
        "lessons.html",
        {"lessons": tuple(build.views.card(lesson) for lesson in build.lessons)},
        "Every lesson in the handbook, newest first.",
    )


def term_pages(build: Build) -> Published:
    """Each taxonomy's index page, and a page and an Atom feed for each of its terms."""
    for terms in build.terms:
        vocabulary = terms.taxonomy.vocabulary
        heading = build.views.taxonomy_heading(terms.taxonomy)
        index = {"vocabulary": heading, "terms": terms.entries}
        yield PageSpec(f"{terms.taxonomy.slug}/index.md", f"{vocabulary.title}s", "terms.html", index, vocabulary.description)
        for listing, entry in zip(terms.listings, terms.entries, strict=True):
            term = listing.term
            yield PageSpec(
                f"{terms.taxonomy.slug}/{term.id}.md", term.label, "term.html", {"term": entry, "vocabulary": heading}, term.description
            )
            yield build.feed(
                title=f"Lessons handbook: {term.label}",
                subtitle=term.description,
                path=listing.feed,
                page=listing.url,
                lessons=listing.lessons,
            )


def browse_page(build: Build) -> Published:
    yield PageSpec(
        "browse/index.md",
        "Browse lessons",
        "browse.html",
        {"browse": browse(build.handbook.schema, build.lessons, build.views)},
        "Filter lessons by service area, kind of failure, organisation, region, status and year, and search their text.",
        wide=True,
    )


def matrix_page(build: Build) -> Published:
    yield PageSpec(
        "matrix/index.md",
        "Where failures cluster",
        "matrix.html",
        {"matrix": failure_matrix(build.lessons, build.views)},
        "How many lessons there are for each service area and kind of failure.",
        wide=True,
    )


def updates_page(build: Build) -> Published:
    yield PageSpec(
        "updates/index.md",
        "Latest activity",
        "updates.html",
        {"updates": latest_activity(build.lessons, build.views, HANDBOOK_FEED)},
        "Lessons by their latest activity: newly published, or a new progress note on ongoing work.",
    )


def barriers_page(build: Build) -> Published:
    yield PageSpec(
        "barriers/index.md",
        "National barriers",
        "barriers.html",
        {"report": barrier_report(build.lessons, build.views, BARRIERS_CSV)},
        "What in national policy, regulation, legislation and funding got in the way of local integration.",
    )


def peers_page(build: Build) -> Published:
    yield PageSpec(
        "peers/index.md",
        "Talk to a peer",
        "peers.html",
        {"directory": peer_directory(build.lessons, build.views)},
        "Teams that offer a conversation, a site visit or their documents, by service area.",
    )


def handbook_feed(build: Build) -> Published:
    yield build.feed(
        title="Lessons handbook",
        subtitle="What did not work when public services tried to integrate, and why.",
        path=HANDBOOK_FEED,
        page="updates/",
        lessons=build.lessons,
    )


def open_data(build: Build) -> Published:
    """The exports, all made from the published lessons' public records, and the schemas that describe them."""
    records = public_lessons(build.published, build.site_url)
    yield StaticFile(LESSONS_JSON, lessons_json(records, build.site_url))
    yield StaticFile(LESSONS_CSV, lessons_csv(records))
    yield StaticFile(BARRIERS_CSV, barriers_csv(records, build.handbook.schema))
    yield StaticFile(LESSON_SCHEMA_PATH, build.handbook.schema.text)
    yield StaticFile(EXPORT_SCHEMA_PATH, export_schema(build.handbook.schema, build.site_url))


# Every family of pages and files, in the order they are published.
PAGE_FAMILIES: dict[str, Callable[[Build], Published]] = {
    "lessons": lesson_pages,
    "index": lesson_index,
    "terms": term_pages,
    "browse": browse_page,
    "matrix": matrix_page,
    "updates": updates_page,
    "barriers": barriers_page,
    "peers": peers_page,
    "feeds": handbook_feed,
    "exports": open_data,
}


def build_site(handbook: Handbook, *, site_url: str, preview: bool = False, today: dt.date | None = None) -> Site:
    """Every page and file of the handbook.

    Only published lessons, unless ``preview``: then drafts and lessons in review too, each marked with its state and
    no publication date, on their pages and in every listing; feeds and exports still carry published lessons only.
    ``site_url`` is the absolute address of the site's root, ending in '/', for feeds and exports.
    """
    today = today or dt.date.today()
    lessons = handbook.lessons if preview else handbook.published
    build = Build(handbook, lessons, Views(handbook, today), site_url, today)
    published = [item for family in PAGE_FAMILIES.values() for item in family(build)]
    service_areas, failure_types = build.terms
    return Site(
        pages=tuple(item for item in published if isinstance(item, PageSpec)),
        files=tuple(item for item in published if isinstance(item, StaticFile)),
        home=home(lessons, build.views, service_areas.entries, failure_types.entries),
        search_pages={f"{lesson.url}index.html": stand_in_page(lesson, build.views) for lesson in lessons},
    )
