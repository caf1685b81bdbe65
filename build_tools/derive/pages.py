"""The pages and files the handbook publishes, derived from the model.

Everything here is engine-neutral: a page is a source path, a title, a template name, the markdown
to render and the template's variables as typed views; a file is a path and its text. The MkDocs
plugin only hands these to MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.handbook import Handbook
from .activity import latest_activity
from .barriers import barrier_report
from .browse import browse
from .exports import BARRIERS_CSV, barriers_csv, lessons_csv, lessons_json
from .feeds import HANDBOOK_FEED, atom_feed
from .home import Home, home
from .matrix import failure_matrix
from .peers import peer_directory
from .related import related_lessons
from .search_documents import stand_in_page
from .taxonomy import list_terms
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


def build_site(
    handbook: Handbook,
    *,
    site_url: str,
    preview: bool = False,
    today: dt.date | None = None,
) -> Site:
    """Every page and file of the handbook.

    Only published lessons, unless ``preview``: then drafts and lessons in review too, each marked.
    ``site_url`` is the absolute address of the site's root, ending in '/', for feeds and exports.
    """
    today = today or dt.date.today()
    lessons = handbook.lessons if preview else handbook.published
    schema = handbook.schema
    views = Views(handbook, today)
    related = related_lessons(lessons)
    labels = {t.id: t.label for name in ("service_area", "failure_type") for t in schema.vocabularies[name].terms}
    since = max((lesson.latest_activity for lesson in lessons), default=today)
    pages: list[PageSpec] = []
    files: list[StaticFile] = []

    def page(src_uri: str, title: str, template: str, context: Mapping[str, object], description: str, wide: bool = False) -> None:
        pages.append(PageSpec(src_uri=src_uri, title=title, template=template, context=context, description=description, wide=wide))

    for lesson in lessons:
        pages.append(
            PageSpec(
                src_uri=f"lessons/{lesson.id}.md",
                title=lesson.title,
                template="lesson.html",
                context={"lesson": views.lesson_page(lesson, related[lesson.id])},
                description=lesson.summary,
                markdown=lesson.body,
                source_path=lesson.path,
            )
        )
    page(
        "lessons/index.md",
        "All lessons",
        "lessons.html",
        {"lessons": tuple(views.card(lesson) for lesson in lessons)},
        "Every lesson in the handbook, newest first.",
    )

    ways_in: dict[str, tuple[TermEntry, ...]] = {}
    for taxonomy in views.service_areas, views.failure_types:
        listings = list_terms(taxonomy, views.other(taxonomy), lessons)
        entries = ways_in[taxonomy.slug] = tuple(views.term_entry(listing) for listing in listings)
        heading = views.taxonomy_heading(taxonomy)
        page(
            f"{taxonomy.slug}/index.md",
            f"{taxonomy.vocabulary.title}s",
            "terms.html",
            {"vocabulary": heading, "terms": entries},
            taxonomy.vocabulary.description,
        )
        for listing, entry in zip(listings, entries, strict=True):
            term = listing.term
            page(f"{taxonomy.slug}/{term.id}.md", term.label, "term.html", {"term": entry, "vocabulary": heading}, term.description)
            files.append(
                StaticFile(
                    listing.feed,
                    atom_feed(
                        title=f"Lessons handbook: {listing.term.label}",
                        subtitle=listing.term.description,
                        site_url=site_url,
                        path=listing.feed,
                        page=listing.url,
                        lessons=listing.lessons,
                        labels=labels,
                        since=since,
                    ),
                )
            )

    page(
        "browse/index.md",
        "Browse lessons",
        "browse.html",
        {"browse": browse(schema, lessons, views)},
        "Filter lessons by service area, kind of failure, organisation, region, status and year, and search their text.",
        wide=True,
    )
    page(
        "matrix/index.md",
        "Where failures cluster",
        "matrix.html",
        {"matrix": failure_matrix(lessons, views)},
        "How many lessons there are for each service area and kind of failure.",
        wide=True,
    )
    page(
        "updates/index.md",
        "Latest activity",
        "updates.html",
        {"updates": latest_activity(lessons, views, HANDBOOK_FEED)},
        "Lessons by their latest activity: newly published, or a new progress note on ongoing work.",
    )
    page(
        "barriers/index.md",
        "National barriers",
        "barriers.html",
        {"report": barrier_report(lessons, views, BARRIERS_CSV)},
        "What in national policy, regulation, legislation and funding got in the way of local integration.",
    )
    page(
        "peers/index.md",
        "Talk to a peer",
        "peers.html",
        {"directory": peer_directory(lessons, views)},
        "Teams that offer a conversation, a site visit or their documents, by service area.",
    )

    files += [
        StaticFile(
            HANDBOOK_FEED,
            atom_feed(
                title="Lessons handbook",
                subtitle="What did not work when public services tried to integrate, and why.",
                site_url=site_url,
                path=HANDBOOK_FEED,
                page="updates/",
                lessons=lessons,
                labels=labels,
                since=since,
            ),
        ),
        StaticFile("lessons.json", lessons_json(lessons, site_url)),
        StaticFile("lessons.csv", lessons_csv(lessons, site_url)),
        StaticFile(BARRIERS_CSV, barriers_csv(lessons, schema, site_url)),
        StaticFile("schema/lesson.schema.json", schema.text),
    ]

    search_pages = {f"{lesson.url}index.html": stand_in_page(lesson, views) for lesson in lessons}
    return Site(
        pages=tuple(pages),
        files=tuple(files),
        home=home(lessons, views, ways_in["service-areas"], ways_in["failure-types"]),
        search_pages=search_pages,
    )
