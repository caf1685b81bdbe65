"""The page builders, run in-process on the handbook's own lessons: what each page and file holds, without MkDocs."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import typing
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from build_tools.derive.matrix import Matrix
from build_tools.derive.pages import PAGE_FAMILIES, Build, PageSpec, Site, StaticFile, build_site
from build_tools.derive.search_documents import ResultField, result_card, stand_in_page
from build_tools.derive.views import LessonCard, LessonPage, TermEntry, Views
from build_tools.model.handbook import Handbook
from build_tools.model.lesson import Editorial
from build_tools.pipeline import Layout, check

from .conftest import PUBLISHED, ROOT, SCHEMA

SITE_URL = "https://handbook.example.org/"
TODAY = dt.date(2026, 12, 1)
ATOM = "{http://www.w3.org/2005/Atom}"

NEWEST_FIRST = sorted(PUBLISHED, key=lambda i: (str(PUBLISHED[i]["published"]), i), reverse=True)


TAXONOMIES = (("service-areas", "service_areas", "service_area"), ("failure-types", "failure_types", "failure_type"))


def ids(vocabulary: str) -> list[str]:
    return [option["const"] for option in SCHEMA["$defs"][vocabulary]["oneOf"] if not option.get("deprecated")]


def lesson_id(url: str) -> str:
    match = re.fullmatch(r"lessons/([a-z0-9-]+)/", url)
    assert match, url
    return match.group(1)


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    result = check(Layout(root=ROOT))
    assert result.handbook is not None, result.findings
    return result.handbook


@pytest.fixture(scope="module")
def site(handbook: Handbook) -> Site:
    return build_site(handbook, site_url=SITE_URL, today=TODAY)


def pages_with(site: Site, template: str) -> list[PageSpec]:
    return [page for page in site.pages if page.template == template]


def file_text(site: Site, path: str) -> str:
    (text,) = [f.text for f in site.files if f.path == path]
    return text


def views_in(value: Any) -> Iterator[Any]:
    """Every value reachable from ``value`` through dataclass fields, tuples and mappings."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from views_in(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from views_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from views_in(item)


def cards_in(value: Any) -> list[LessonCard]:
    """The lessons' cards in ``value``; not the browse page's card for search results, which holds field names."""
    return [v for v in views_in(value) if isinstance(v, LessonCard) and v != result_card()]


def test_the_table_has_one_builder_per_family_and_build_site_is_the_table(handbook, site):
    assert list(PAGE_FAMILIES) == ["lessons", "index", "terms", "browse", "matrix", "updates", "barriers", "peers", "feeds", "exports"]
    assert len(set(PAGE_FAMILIES.values())) == len(PAGE_FAMILIES)
    build = Build(handbook, handbook.published, Views(handbook, TODAY), SITE_URL, TODAY)
    published = {name: list(builder(build)) for name, builder in PAGE_FAMILIES.items()}
    assert all(published.values()), [name for name, items in published.items() if not items]
    in_order = [item for items in published.values() for item in items]
    assert tuple(item for item in in_order if isinstance(item, PageSpec)) == site.pages
    assert tuple(item for item in in_order if isinstance(item, StaticFile)) == site.files
    assert {f.path for f in published["feeds"]} == {"feed.xml"}
    assert {f.path for f in published["exports"]} == {
        "lessons.json",
        "lessons.csv",
        "barriers.csv",
        "schema/lesson.schema.json",
        "schema/lessons-export.schema.json",
    }


def test_no_two_pages_or_files_share_an_address(site):
    sources = [page.src_uri for page in site.pages]
    assert len(set(sources)) == len(sources)
    addresses = [re.sub(r"(index)?\.md$", "", src) for src in sources] + [f.path for f in site.files]
    assert len(set(addresses)) == len(addresses)


def test_each_published_lesson_has_exactly_one_page(handbook, site):
    lessons = pages_with(site, "lesson.html")
    assert Counter(page.src_uri for page in lessons) == Counter(f"lessons/{i}.md" for i in PUBLISHED)
    bodies = {lesson.id: lesson.body for lesson in handbook.lessons}
    for page in lessons:
        view = page.context["lesson"]
        assert isinstance(view, LessonPage)
        found = lesson_id(view.card.url)
        assert page.src_uri == f"lessons/{found}.md" and page.source_path == f"lessons/{found}.md"
        assert page.markdown == bodies[found] and page.title == view.card.title == PUBLISHED[found]["title"]
        assert lesson_id(view.card.url) not in {lesson_id(card.url) for card in view.related}
    assert set(site.search_pages) == {f"lessons/{i}/index.html" for i in PUBLISHED}


@pytest.mark.parametrize("preview", [False, True])
def test_drafts_and_lessons_in_review_only_in_a_preview(handbook, preview):
    draft, review, *_ = handbook.lessons
    unpublished = {
        draft.id: dataclasses.replace(draft, editorial=Editorial("draft")),
        review.id: dataclasses.replace(review, editorial=Editorial("in-review")),
    }
    mixed = dataclasses.replace(handbook, lessons=tuple(unpublished.get(lesson.id, lesson) for lesson in handbook.lessons))
    site = build_site(mixed, site_url=SITE_URL, preview=preview, today=TODAY)
    shown = {lesson_id(page.context["lesson"].card.url) for page in pages_with(site, "lesson.html")}
    cards = [card for page in site.pages for card in cards_in(page.context)] + cards_in(site.home)
    listed = {lesson_id(card.url) for card in cards}
    in_files = {lesson for lesson in unpublished for f in site.files if f"lessons/{lesson}/" in f.text}
    searched = {lesson_id(path.removesuffix("index.html")) for path in site.search_pages}
    # Feeds and exports are for readers and reusers: never an unpublished lesson, not even in a preview.
    assert in_files == set()
    if preview:
        assert shown == listed == searched == set(PUBLISHED)
        marks = {lesson_id(card.url): (card.unpublished, card.published, card.published_iso) for card in cards}
        assert marks[draft.id] == ("Draft", None, None) and marks[review.id] == ("In review", None, None)
        assert {mark for lesson, (mark, _, _) in marks.items() if lesson not in unpublished} == {None}
        assert all(date for lesson, (_, date, _) in marks.items() if lesson not in unpublished)
        # Updates list them first, with no date; browse lists them apart from the years published.
        updates = pages_with(site, "updates.html")[0].context["updates"]
        assert {(lesson_id(a.card.url), a.date, a.what) for a in updates.items[:2]} == {
            (lesson, None, "Not yet published") for lesson in unpublished
        }
        browse = pages_with(site, "browse.html")[0].context["browse"]
        assert {lesson_id(card.url) for card in browse.unpublished} == set(unpublished)
        assert not {lesson_id(card.url) for group in browse.groups for card in group.lessons} & set(unpublished)
    else:
        published = set(PUBLISHED) - set(unpublished)
        assert shown == listed == searched == published


def test_term_pages_list_exactly_the_lessons_with_the_term_newest_first(site):
    for folder, field, vocabulary in TAXONOMIES:
        terms = {page.src_uri: page.context["term"] for page in pages_with(site, "term.html") if page.src_uri.startswith(f"{folder}/")}
        assert list(terms) == [f"{folder}/{term}.md" for term in ids(vocabulary)]
        for term in ids(vocabulary):
            entry = terms[f"{folder}/{term}.md"]
            assert isinstance(entry, TermEntry)
            expected = [i for i in NEWEST_FIRST if term in PUBLISHED[i][field]]
            assert [lesson_id(card.url) for card in entry.lessons] == expected
            assert entry.count == len(expected)
            assert entry.feed == f"{folder}/{term}/feed.xml"
            feed = ET.fromstring(file_text(site, entry.feed))
            assert {e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in feed.findall(f"{ATOM}entry")} == set(expected)
        (index,) = [page for page in pages_with(site, "terms.html") if page.src_uri == f"{folder}/index.md"]
        assert index.context["terms"] == tuple(terms.values())


def test_matrix_counts_match_the_front_matter(site):
    (page,) = pages_with(site, "matrix.html")
    matrix = page.context["matrix"]
    assert isinstance(matrix, Matrix)
    expected = Counter((a, f) for m in PUBLISHED.values() for a in m["service_areas"] for f in m["failure_types"])
    areas, failures = ids("service_area"), ids("failure_type")
    assert [column.url for column in matrix.columns] == [f"failure-types/{f}/" for f in failures]
    assert [row.url for row in matrix.rows] == [f"service-areas/{a}/" for a in areas]
    counts = {(a, f): cell.count for a, row in zip(areas, matrix.rows, strict=True) for f, cell in zip(failures, row.cells, strict=True)}
    assert counts == {(a, f): expected[(a, f)] for a in areas for f in failures}
    assert matrix.max == max(expected.values())
    assert matrix.rows[0].cells[1].url == f"browse/?service_area={areas[0]}&failure_type={failures[1]}"


def test_feeds_and_exports_list_every_published_lesson(site):
    feed = ET.fromstring(file_text(site, "feed.xml"))
    entries = [e.find(f"{ATOM}link").get("href").removeprefix(SITE_URL) for e in feed.findall(f"{ATOM}entry")]
    assert Counter(lesson_id(url) for url in entries) == Counter(set(PUBLISHED))
    exported = json.loads(file_text(site, "lessons.json"))
    assert [item["id"] for item in exported["lessons"]] == NEWEST_FIRST
    assert exported["schema"] == f"{SITE_URL}schema/lessons-export.schema.json"
    rows = list(csv.DictReader(io.StringIO(file_text(site, "lessons.csv"))))
    assert [row["id"] for row in rows] == NEWEST_FIRST
    barriers = list(csv.DictReader(io.StringIO(file_text(site, "barriers.csv"))))
    assert Counter(row["lesson_id"] for row in barriers) == Counter(
        {i: len(m["national_barriers"]) for i, m in PUBLISHED.items() if m.get("national_barriers")}
    )
    assert file_text(site, "schema/lesson.schema.json") == (ROOT / "schema" / "lesson.schema.json").read_text(encoding="utf-8")


def test_the_export_schema_describes_exactly_the_public_records(handbook):
    from build_tools.derive.exports import RECORD_PROPERTIES, PublicLesson, export_schema

    reachable, todo = set(), [PublicLesson]
    while todo:
        cls = todo.pop()
        reachable.add(cls)
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            for part in [hints[field.name], *typing.get_args(hints[field.name])]:
                if dataclasses.is_dataclass(part) and part not in reachable:
                    todo.append(part)
    assert reachable == set(RECORD_PROPERTIES)
    for cls, properties in RECORD_PROPERTIES.items():
        assert list(properties) == [field.name for field in dataclasses.fields(cls)], cls.__name__
    schema = json.loads(export_schema(handbook.schema, SITE_URL))
    assert schema["$id"] == f"{SITE_URL}schema/lessons-export.schema.json"
    assert schema["$defs"]["lesson"]["required"] == [field.name for field in dataclasses.fields(PublicLesson)]


def test_exported_dates_are_as_the_lesson_states_them_and_related_lessons_only_published_ones(handbook):
    from build_tools.derive.exports import public_lessons
    from build_tools.model.lesson import Period

    first, second, *_ = handbook.published
    by_day = dataclasses.replace(first, period=Period("2021-04-15", "2022-03"), related=(second.id, "an-unpublished-lesson"))
    record, _ = public_lessons((by_day, second), SITE_URL)
    assert (record.period.started, record.period.ended) == ("2021-04-15", "2022-03")
    assert record.published == by_day.published.isoformat()
    assert record.related == (second.id,)
    assert not hasattr(record, "editorial")


def test_listing_pages_hold_the_right_lessons(site):
    (index,) = pages_with(site, "lessons.html")
    assert [lesson_id(card.url) for card in index.context["lessons"]] == NEWEST_FIRST
    (browse,) = pages_with(site, "browse.html")
    groups = browse.context["browse"].groups
    assert [group.year for group in groups] == sorted({m["published"].year for m in PUBLISHED.values()}, reverse=True)
    assert [lesson_id(card.url) for group in groups for card in group.lessons] == NEWEST_FIRST
    (updates,) = pages_with(site, "updates.html")
    latest = {i: max([m["published"], *(u["date"] for u in m.get("updates", []))]) for i, m in PUBLISHED.items()}
    by_activity = sorted(latest, key=lambda i: (latest[i], i), reverse=True)
    assert [lesson_id(item.card.url) for item in updates.context["updates"].items] == by_activity
    (peers,) = pages_with(site, "peers.html")
    directory = peers.context["directory"]
    offering = {i for i, m in PUBLISHED.items() if m.get("contact")}
    assert directory.total == len(offering)
    for group in directory.groups:
        assert {lesson_id(team.card.url) for team in group.teams} == {i for i in offering if group.id in PUBLISHED[i]["service_areas"]}
    (barriers,) = pages_with(site, "barriers.html")
    report = barriers.context["report"]
    expected = Counter(b["type"] for m in PUBLISHED.values() for b in m.get("national_barriers", []))
    assert {group.id: group.count for group in report.groups} == {t: expected[t] for t in ids("barrier_type")}
    assert report.total == sum(expected.values())


def test_home_counts_and_ways_in(site):
    home = site.home
    assert home.counts.lessons == len(PUBLISHED)
    assert home.counts.ongoing == sum(m["status"] == "ongoing" for m in PUBLISHED.values())
    assert home.counts.service_areas == len({a for m in PUBLISHED.values() for a in m["service_areas"]})
    assert [lesson_id(card.url) for card in home.latest] == NEWEST_FIRST[:6]
    (areas,) = [page.context["terms"] for page in pages_with(site, "terms.html") if page.src_uri == "service-areas/index.md"]
    assert home.service_areas == areas


def test_templates_read_typed_views_only(site):
    """Every context is frozen dataclasses all the way down: no dicts or lists for a template to misread or change."""
    for page in site.pages:
        assert page.context, page.src_uri
        for value in page.context.values():
            assert dataclasses.is_dataclass(value) or (isinstance(value, tuple) and all(map(dataclasses.is_dataclass, value))), page.src_uri
    for value in (*(v for page in site.pages for v in page.context.values()), site.home):
        for part in views_in(value):
            assert isinstance(part, str | int | bool | tuple | type(None)) or dataclasses.is_dataclass(part), type(part)
            if dataclasses.is_dataclass(part):
                with pytest.raises(dataclasses.FrozenInstanceError):
                    setattr(part, dataclasses.fields(part)[0].name, None)


def test_a_search_document_carries_each_result_field(handbook):
    views = Views(handbook, TODAY)
    card = result_card()
    assert {field.name for field in dataclasses.fields(LessonCard)} >= set(ResultField)
    assert all(getattr(card, field) == field for field in ResultField)
    for lesson in handbook.published:
        document = stand_in_page(lesson, views)
        meta = dict(re.findall(r'data-pagefind-meta="(\w+)">([^<]*)<', document))
        shown = views.card(lesson)
        assert set(meta) == set(ResultField) - {ResultField.UNPUBLISHED}
        assert meta[ResultField.WHO] == shown.who and meta[ResultField.PUBLISHED] == shown.published
    # An unpublished lesson (shown only in a preview) carries its state and no publication date.
    draft = dataclasses.replace(handbook.lessons[0], editorial=Editorial("draft"))
    meta = dict(re.findall(r'data-pagefind-meta="(\w+)">([^<]*)<', stand_in_page(draft, Views(handbook, TODAY))))
    assert set(meta) == set(ResultField) - {ResultField.PUBLISHED}
    assert meta[ResultField.UNPUBLISHED] == "Draft"
