"""Reader pages and files, from a real build: matrix, updates, feeds, barriers, peers, open data."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema

from .conftest import PUBLISHED, ROOT, SCHEMA, html_page, labels, recoded_lessons

SITE_HOST = urlsplit(re.search(r"^site_url: (\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE).group(1)).hostname
ATOM = "{http://www.w3.org/2005/Atom}"


soup = html_page


def latest_activity(meta: dict) -> str:
    return max([str(meta["published"]), *(str(u["date"]) for u in meta.get("updates", []))])


def test_matrix_counts_every_pair_and_links_to_browse(site):
    expected = Counter((a, f) for m in PUBLISHED.values() for a in m["service_areas"] for f in m["failure_types"])
    table = soup(site, "matrix/").find("table")
    columns = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert columns == list(labels("failure_type").values())
    area_ids, failure_ids = list(labels("service_area")), list(labels("failure_type"))
    for row, area in zip(table.tbody.find_all("tr"), area_ids, strict=True):
        assert row.th.get_text(strip=True) == labels("service_area")[area]
        for cell, failure in zip(row.find_all("td"), failure_ids, strict=True):
            count = expected[(area, failure)]
            assert cell.get_text(strip=True) == str(count)
            link = cell.find("a")
            if count:
                assert link["href"] == f"../browse/?service_area={area}&failure_type={failure}"
            else:
                assert link is None


def test_updates_are_newest_activity_first(site):
    items = soup(site, "updates/").select("li.handbook-card")
    assert len(items) == len(PUBLISHED)
    dates = [item.time["datetime"] for item in items]
    assert dates == sorted(dates, reverse=True)
    assert sorted(dates, reverse=True) == sorted((latest_activity(m) for m in PUBLISHED.values()), reverse=True)
    ongoing = [i for i, m in PUBLISHED.items() if m.get("updates")]
    assert ongoing, "the example lessons include ongoing work with progress notes"
    page = soup(site, f"lessons/{ongoing[0]}/")
    timeline = [li.time["datetime"] for li in page.select(".handbook-timeline li")]
    assert timeline == sorted((str(u["date"]) for u in PUBLISHED[ongoing[0]]["updates"]), reverse=True)


def parse_feed(path: Path) -> ET.Element:
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None and root.find(f"{ATOM}{tag}").text
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith(path.name)
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}").text, tag
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://")
    return root


def test_feeds_are_atom_with_stable_ids(site):
    handbook = parse_feed(site / "feed.xml")
    entries = handbook.findall(f"{ATOM}entry")
    assert len(entries) == len(PUBLISHED)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    for lesson_id, meta in PUBLISHED.items():
        assert f"tag:{SITE_HOST},{meta['published']}:lessons/{lesson_id}" in ids
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert handbook.find(f"{ATOM}updated").text == updated[0]
    for folder, field, vocabulary in (
        ("service-areas", "service_areas", "service_area"),
        ("failure-types", "failure_types", "failure_type"),
    ):
        for term in labels(vocabulary):
            feed = parse_feed(site / folder / term / "feed.xml")
            got = {e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in feed.findall(f"{ATOM}entry")}
            assert got == {i for i, m in PUBLISHED.items() if term in m[field]}
    # The handbook-wide feed is advertised on every page.
    assert soup(site, "").find("link", rel="alternate", type="application/atom+xml")["href"] == "feed.xml"


def test_barriers_page_and_csv(site):
    expected = Counter(b["type"] for m in PUBLISHED.values() for b in m.get("national_barriers", []))
    page = soup(site, "barriers/")
    for barrier_type, label in labels("barrier_type").items():
        section = page.find("section", attrs={"aria-labelledby": barrier_type})
        assert section.h2.get_text(" ", strip=True) == f"{label} ({expected[barrier_type]})"
        assert len(section.select("ul.handbook-barriers > li")) == expected[barrier_type]
    rows = list(csv.DictReader(io.StringIO((site / "barriers.csv").read_text(encoding="utf-8"))))
    assert Counter(row["barrier_type"] for row in rows) == expected
    some = next(m for m in PUBLISHED.values() if m.get("national_barriers"))
    assert any(row["description"] == some["national_barriers"][0]["description"] for row in rows)


def test_peers_lists_only_lessons_with_contact(site):
    page = soup(site, "peers/")
    with_contact = {i for i, m in PUBLISHED.items() if m.get("contact")}
    listed = {a["href"].split("/")[-2] for a in page.select(".handbook-card__title a")}
    assert listed == with_contact
    for lesson_id in with_contact:
        meta = PUBLISHED[lesson_id]
        for area in meta["service_areas"]:
            section = page.find("section", attrs={"aria-labelledby": f"peers-{area}"})
            assert any(a["href"].endswith(f"/{lesson_id}/") for a in section.select(".handbook-card__title a"))
        via = meta["contact"]["via"]
        assert page.find("a", string=via)["href"] in (via, f"mailto:{via}")


# What a reader of the open data gets of each lesson: no editorial record, nothing an editor alone needs.
EXPORTED_FIELDS = {
    "id",
    "url",
    "title",
    "summary",
    "service_areas",
    "failure_types",
    "organisation",
    "partners",
    "period",
    "status",
    "published",
    "national_barriers",
    "related",
    "updates",
    "contact",
    "sources",
    "example",
}


def test_lessons_json_is_each_lessons_public_record_and_validates_against_its_published_schema(site):
    document = json.loads((site / "lessons.json").read_text(encoding="utf-8"))
    export_schema = json.loads((site / "schema" / "lessons-export.schema.json").read_text(encoding="utf-8"))
    assert document["schema"] == export_schema["$id"] == f"https://{SITE_HOST}/schema/lessons-export.schema.json"
    jsonschema.Draft202012Validator.check_schema(export_schema)
    errors = list(jsonschema.Draft202012Validator(export_schema).iter_errors(document))
    assert errors == [], errors[0].message if errors else ""
    # The lesson schema is still published, unchanged, and the export's vocabularies are its own.
    served_schema = json.loads((site / "schema" / "lesson.schema.json").read_text(encoding="utf-8"))
    assert served_schema == SCHEMA
    for vocabulary in ("service_area", "failure_type", "organisation_type", "region", "status", "barrier_type", "contact_offer"):
        assert export_schema["$defs"][vocabulary] == SCHEMA["$defs"][vocabulary]
    assert [item["id"] for item in document["lessons"]] == sorted(
        PUBLISHED, key=lambda i: (str(PUBLISHED[i]["published"]), i), reverse=True
    )
    recoded = recoded_lessons()
    for item in document["lessons"]:
        meta = PUBLISHED[item["id"]]
        assert set(item) == EXPORTED_FIELDS
        assert item["url"] == f"https://{SITE_HOST}/lessons/{item['id']}/"
        assert (site / "lessons" / item["id"] / "index.html").is_file()
        for field in ("title", "service_areas", "failure_types", "status"):
            assert item[field] == meta[field], field
        assert item["summary"] == meta["summary"]
        if item["id"] in recoded:  # disclosure control published a broader place: see test_disclosure.py
            assert item["organisation"]["region"] != meta["organisation"]["region"]
        else:
            assert item["organisation"] == {
                "type": meta["organisation"]["type"],
                "region": meta["organisation"]["region"],
                "name": meta["organisation"].get("name"),
            }
        assert item["partners"] == meta.get("partners", [])
        # Dates exactly as the lesson states them: a month stays a month.
        assert item["period"] == {"started": str(meta["period"]["started"]), "ended": meta["period"].get("ended")}
        assert item["published"] == str(meta["published"])
        assert item["updates"] == sorted(
            ({"date": str(u["date"]), "text": u["text"]} for u in meta.get("updates", [])), key=lambda u: u["date"], reverse=True
        )
        assert item["national_barriers"] == meta.get("national_barriers", [])
        assert item["related"] == [other for other in meta.get("related", []) if other in PUBLISHED]
        assert item["contact"] == meta.get("contact")
        assert item["sources"] == meta.get("sources", [])
        assert item["example"] is bool(meta.get("example"))


def test_the_csv_exports_hold_no_editorial_field(site):
    for name in ("lessons.csv", "barriers.csv"):
        header = next(csv.reader(io.StringIO((site / name).read_text(encoding="utf-8"))))
        assert not [column for column in header if "review" in column or "editorial" in column or "accepted" in column], name


def test_lessons_csv_has_a_row_per_lesson(site):
    rows = list(csv.DictReader(io.StringIO((site / "lessons.csv").read_text(encoding="utf-8"))))
    assert {row["id"] for row in rows} == set(PUBLISHED)
    for row in rows:
        meta = PUBLISHED[row["id"]]
        assert row["service_areas"] == "; ".join(meta["service_areas"])
        assert row["organisation_name"] == meta["organisation"].get("name", "")
        assert row["published"] == str(meta["published"])


def test_every_published_lesson_appears_everywhere_it_should(site):
    """Nothing lost: each published lesson is on its page, both indexes, every term page and feed it belongs to,
    the handbook feed, both exports and the search index; the counts match the lesson files."""
    from .conftest import search_fragments

    lessons_index = {a["href"].strip("./").rsplit("/", 1)[-1] for a in soup(site, "lessons/").select(".handbook-card__title a")}
    browse = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup(site, "browse/").select("#browse-all a")}
    feed = {e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in ET.fromstring((site / "feed.xml").read_bytes()).findall(f"{ATOM}entry")}
    exported = {item["id"] for item in json.loads((site / "lessons.json").read_text())["lessons"]}
    rows = {row["id"] for row in csv.DictReader(io.StringIO((site / "lessons.csv").read_text()))}
    searchable = {url.strip("/").rsplit("/", 1)[1] for url in search_fragments(site)}
    expected = set(PUBLISHED)
    assert len(expected) == len(list((ROOT / "lessons").glob("*.md")))  # the examples are all published
    for where, found in (
        ("lessons/", lessons_index),
        ("browse/", browse),
        ("feed.xml", feed),
        ("lessons.json", exported),
        ("lessons.csv", rows),
        ("search", searchable),
    ):
        assert found == expected, where
    for lesson_id, meta in PUBLISHED.items():
        assert (site / "lessons" / lesson_id / "index.html").is_file()
        for folder, field in (("service-areas", "service_areas"), ("failure-types", "failure_types")):
            for term in meta[field]:
                term_page = (site / folder / term / "index.html").read_text()
                assert f"lessons/{lesson_id}/" in term_page
                assert f"lessons/{lesson_id}" in (site / folder / term / "feed.xml").read_text()
