"""Atom feeds: the whole handbook, and one per service area and failure type.

Entry ids are tag URIs made from the site's host, the lesson's publication date and its id, so they
stay the same from build to build and when a lesson is updated.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import urlsplit

from ..model.lesson import Lesson

ATOM = "http://www.w3.org/2005/Atom"
HANDBOOK_FEED = "feed.xml"  # the whole handbook's feed, linked from the updates page
MAX_ENTRIES = 50
AUTHOR = "The lessons handbook editors"
# Any fixed date will do for the feeds' own tag URIs; it must simply never change.
FEED_ID_DATE = dt.date(2023, 1, 1)


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def tag_uri(site_url: str, date: dt.date, specific: str) -> str:
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},{date.isoformat()}:{specific}"


def atom_feed(
    *,
    title: str,
    subtitle: str,
    site_url: str,
    path: str,  # the feed's path on the site, e.g. "service-areas/health/feed.xml"
    page: str,  # the page the feed follows, e.g. "service-areas/health/"
    lessons: Sequence[Lesson],
    labels: dict[str, str],  # term id to label, for categories
    since: dt.date,  # the feed's "updated" when it has no entries
) -> str:
    """An Atom document for ``lessons``, newest activity first."""
    ET.register_namespace("", ATOM)
    ordered = sorted(lessons, key=lambda lesson: (lesson.latest_activity, lesson.id), reverse=True)[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", tag_uri(site_url, FEED_ID_DATE, path))
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    sub(feed, "link", rel="self", type="application/atom+xml", href=f"{site_url}{path}")
    sub(feed, "link", rel="alternate", type="text/html", href=f"{site_url}{page}")
    sub(feed, "updated", _timestamp(ordered[0].latest_activity if ordered else since))
    author = sub(feed, "author")
    sub(author, "name", AUTHOR)
    for lesson in ordered:
        entry = sub(feed, "entry")
        sub(entry, "id", tag_uri(site_url, lesson.published, f"lessons/{lesson.id}"))
        sub(entry, "title", lesson.title)
        sub(entry, "link", rel="alternate", type="text/html", href=f"{site_url}{lesson.url}")
        sub(entry, "published", _timestamp(lesson.published))
        sub(entry, "updated", _timestamp(lesson.latest_activity))
        summary = lesson.summary
        if lesson.updates and lesson.updates[0].date == lesson.latest_activity:
            summary += f" Update, {lesson.updates[0].date.isoformat()}: {lesson.updates[0].text}"
        sub(entry, "summary", summary, type="text")
        for term in (*lesson.service_areas, *lesson.failure_types):
            sub(entry, "category", term=term, label=labels.get(term, term))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
