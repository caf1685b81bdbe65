"""The pages and files the handbook publishes, derived from the model.

Everything here is engine-neutral: a page is a source path, a title, a template name, the markdown
to render and a context of plain data; a file is a path and its text. The MkDocs plugin only hands
these to MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..model.handbook import Handbook
from ..model.lesson import Lesson
from .exports import barriers_csv, lessons_csv, lessons_json
from .facets import FACETS, facet_options
from .feeds import atom_feed
from .related import related_lessons
from .search_documents import stand_in_page
from .taxonomy import list_terms
from .views import Views, format_date

LATEST_ON_HOME = 6


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # where the page would live in a docs folder, e.g. "lessons/x.md"
    source_path: str | None  # the file it is made from, relative to the handbook root, if any
    title: str
    template: str
    markdown: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    description: str | None = None  # for the page's meta description
    wide: bool = False  # needs the whole width: no navigation or contents sidebars


@dataclass(frozen=True)
class StaticFile:
    path: str  # where it is published, e.g. "feed.xml"
    text: str


@dataclass(frozen=True)
class Site:
    pages: tuple[PageSpec, ...]
    files: tuple[StaticFile, ...]
    home: dict[str, Any]  # context for the hand-written home page
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

    def page(src_uri: str, title: str, template: str, context: dict[str, Any], description: str | None = None, wide: bool = False) -> None:
        pages.append(
            PageSpec(src_uri=src_uri, source_path=None, title=title, template=template, context=context, description=description, wide=wide)
        )

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
    page(
        "lessons/index.md",
        "All lessons",
        "lessons.html",
        {"lessons": [views.card(lesson) for lesson in lessons]},
        "Every lesson in the handbook, newest first.",
    )

    ways_in = {}
    for taxonomy in views.service_areas, views.failure_types:
        other = views.other(taxonomy)
        listings = list_terms(taxonomy, other, lessons)
        ways_in[taxonomy.slug] = [views.listing(listing) for listing in listings]
        page(
            f"{taxonomy.slug}/index.md",
            f"{taxonomy.vocabulary.title}s",
            "terms.html",
            {
                "vocabulary": {"title": taxonomy.vocabulary.title, "description": taxonomy.vocabulary.description},
                "terms": ways_in[taxonomy.slug],
            },
            taxonomy.vocabulary.description,
        )
        for listing, view in zip(listings, ways_in[taxonomy.slug], strict=True):
            feed_path = f"{listing.url}feed.xml"
            view["feed"] = feed_path
            view["browse"] = browse_url(**{taxonomy.vocabulary.name: listing.term.id})
            page(
                f"{taxonomy.slug}/{listing.term.id}.md",
                listing.term.label,
                "term.html",
                {"term": view, "vocabulary": {"title": taxonomy.vocabulary.title, "url": taxonomy.url()}},
                listing.term.description,
            )
            files.append(
                StaticFile(
                    feed_path,
                    atom_feed(
                        title=f"Lessons handbook: {listing.term.label}",
                        subtitle=listing.term.description,
                        site_url=site_url,
                        path=feed_path,
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
        {
            "facets": facet_options(schema, lessons),
            "groups": _by_year(lessons, views),
            "total": len(lessons),
        },
        "Filter lessons by service area, kind of failure, organisation, region, status and year, and search their text.",
        wide=True,
    )
    page(
        "matrix/index.md",
        "Where failures cluster",
        "matrix.html",
        _matrix(lessons, views),
        "How many lessons there are for each service area and kind of failure.",
        wide=True,
    )
    page(
        "updates/index.md",
        "Latest activity",
        "updates.html",
        {"items": _activity(lessons, views), "feed": "feed.xml"},
        "Lessons by their latest activity: newly published, or a new progress note on ongoing work.",
    )
    page(
        "barriers/index.md",
        "National barriers",
        "barriers.html",
        _barriers(lessons, views),
        "What in national policy, regulation, legislation and funding got in the way of local integration.",
    )
    page(
        "peers/index.md",
        "Talk to a peer",
        "peers.html",
        _peers(lessons, views),
        "Teams that offer a conversation, a site visit or their documents, by service area.",
    )

    files += [
        StaticFile(
            "feed.xml",
            atom_feed(
                title="Lessons handbook",
                subtitle="What did not work when public services tried to integrate, and why.",
                site_url=site_url,
                path="feed.xml",
                page="updates/",
                lessons=lessons,
                labels=labels,
                since=since,
            ),
        ),
        StaticFile("lessons.json", lessons_json(lessons, site_url)),
        StaticFile("lessons.csv", lessons_csv(lessons, site_url)),
        StaticFile("barriers.csv", barriers_csv(lessons, schema, site_url)),
        StaticFile("schema/lesson.schema.json", schema.text),
    ]

    home = {
        "counts": {
            "lessons": len(lessons),
            "ongoing": sum(1 for lesson in lessons if lesson.status == "ongoing"),
            "service_areas": sum(1 for t in ways_in["service-areas"] if t["count"]),
            "failure_types": sum(1 for t in ways_in["failure-types"] if t["count"]),
        },
        "latest": [views.card(lesson) for lesson in lessons[:LATEST_ON_HOME]],
        "service_areas": [{k: t[k] for k in ("label", "url", "count")} for t in ways_in["service-areas"]],
        "failure_types": [{k: t[k] for k in ("label", "url", "count")} for t in ways_in["failure-types"]],
    }
    search_pages = {f"{lesson.url}index.html": stand_in_page(lesson, views) for lesson in lessons}
    return Site(pages=tuple(pages), files=tuple(files), home=home, search_pages=search_pages)


def browse_url(**filters: str) -> str:
    """A link into the browse page with the given facets set, e.g. browse_url(service_area="health")."""
    known = {facet.param for facet in FACETS}
    assert set(filters) <= known, set(filters) - known
    return "browse/?" + "&".join(f"{key}={value}" for key, value in filters.items())


def _by_year(lessons: tuple[Lesson, ...], views: Views) -> list[dict[str, Any]]:
    """The no-JavaScript listing: every lesson once, grouped by the year it was published."""
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for lesson in lessons:
        groups[lesson.published.year].append({"title": lesson.title, "url": lesson.url, "who": views.who(lesson)})
    return [{"year": year, "lessons": groups[year]} for year in sorted(groups, reverse=True)]


def _matrix(lessons: tuple[Lesson, ...], views: Views) -> dict[str, Any]:
    counts = Counter((area, failure) for lesson in lessons for area in lesson.service_areas for failure in lesson.failure_types)
    areas, failures = views.service_areas.vocabulary.active_terms, views.failure_types.vocabulary.active_terms
    return {
        "columns": [{"label": t.label, "url": views.failure_types.url(t.id)} for t in failures],
        "rows": [
            {
                "label": area.label,
                "url": views.service_areas.url(area.id),
                "cells": [
                    {"count": counts[(area.id, f.id)], "column": f.label, "url": browse_url(service_area=area.id, failure_type=f.id)}
                    for f in failures
                ],
            }
            for area in areas
        ],
        "max": max(counts.values(), default=0),
    }


def _activity(lessons: tuple[Lesson, ...], views: Views) -> list[dict[str, Any]]:
    ordered = sorted(lessons, key=lambda lesson: (lesson.latest_activity, lesson.id), reverse=True)
    items = []
    for lesson in ordered:
        update = lesson.updates[0] if lesson.updates and lesson.updates[0].date == lesson.latest_activity else None
        items.append(
            {
                **views.card(lesson),
                "date": format_date(lesson.latest_activity),
                "date_iso": lesson.latest_activity.isoformat(),
                "what": f"Progress: {update.text}" if update else "Published",
            }
        )
    return items


def _barriers(lessons: tuple[Lesson, ...], views: Views) -> dict[str, Any]:
    vocabulary = views.schema.vocabularies["barrier_type"]
    groups = []
    for term in vocabulary.active_terms:
        entries = [
            {
                "description": barrier.description,
                "lesson": {"title": lesson.title, "url": lesson.url},
                "service_areas": views.terms(views.service_areas, lesson.service_areas),
                "published": format_date(lesson.published),
            }
            for lesson in lessons
            for barrier in lesson.national_barriers
            if barrier.type == term.id
        ]
        groups.append({"id": term.id, "label": term.label, "description": term.description, "count": len(entries), "entries": entries})
    return {"groups": groups, "total": sum(group["count"] for group in groups), "csv": "barriers.csv"}


def _peers(lessons: tuple[Lesson, ...], views: Views) -> dict[str, Any]:
    offering = [lesson for lesson in lessons if lesson.contact is not None]
    groups = []
    for area in views.service_areas.vocabulary.active_terms:
        teams = [
            {**(views.contact(lesson) or {}), "title": lesson.title, "url": lesson.url, "who": views.who(lesson)}
            for lesson in offering
            if area.id in lesson.service_areas
        ]
        if teams:
            groups.append({"id": area.id, "label": area.label, "teams": teams})
    return {"groups": groups, "total": len(offering)}
