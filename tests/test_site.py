"""A real build of the handbook into a temporary folder, read back as HTML."""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from urllib.parse import urldefrag, urlsplit

from bs4 import BeautifulSoup

from .conftest import PUBLISHED, ROOT, SCHEMA, VALID, Scratch, html_page, labels, recoded_lessons, search_fragments

page = html_page


def main(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner") or soup.select_one(".md-content")


def internal_links(soup: BeautifulSoup, url: str) -> list[str]:
    """Site-relative paths of the links in a page's main content."""
    found = []
    for anchor in main(soup).find_all("a", href=True):
        href = urlsplit(urldefrag(anchor["href"]).url).path if not urlsplit(anchor["href"]).scheme else anchor["href"]
        if not href or urlsplit(href).scheme or href.startswith(("mailto:", "//")):
            continue
        found.append(posixpath.normpath(posixpath.join(url, href)).lstrip("./") + ("/" if href.endswith("/") else ""))
    return found


def test_every_published_lesson_has_a_page(site):
    assert len(PUBLISHED) >= 12
    for lesson_id, meta in PUBLISHED.items():
        soup = page(site, f"lessons/{lesson_id}/")
        assert soup.h1.get_text(strip=True) == meta["title"]
        assert soup.select_one(".handbook-summary").get_text(" ", strip=True) == " ".join(meta["summary"].split())
        panel = soup.select_one(".handbook-panel").get_text(" ", strip=True)
        for area in meta["service_areas"]:
            assert labels("service_area")[area] in panel
        assert labels("status")[meta["status"]] in panel
        for heading in ("What we set out to do", "What happened", "Why it went wrong", "What we would do differently"):
            assert heading in [h2.get_text(strip=True).rstrip("¶") for h2 in soup.find_all("h2")], (lesson_id, heading)


def test_each_lesson_is_on_each_of_its_term_pages_and_no_other(site):
    for folder, field, vocabulary in (
        ("service-areas", "service_areas", "service_area"),
        ("failure-types", "failure_types", "failure_type"),
    ):
        for term in labels(vocabulary):
            url = f"{folder}/{term}/"
            soup = page(site, url)
            linked = {link for link in internal_links(soup, url) if link.startswith("lessons/") and link != "lessons/"}
            expected = {f"lessons/{i}/" for i, meta in PUBLISHED.items() if term in meta[field]}
            assert linked == expected, url
            heading = soup.find("h2", id="lessons").get_text(" ", strip=True)
            assert heading.startswith(f"{len(expected)} lesson")


def test_term_pages_are_newest_first(site):
    soup = page(site, "failure-types/culture-and-relationships/")
    dates = [time["datetime"] for time in soup.select(".handbook-card time")]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2


def test_every_internal_link_resolves(site):
    for html in site.rglob("index.html"):
        url = html.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        if main(soup) is None:
            continue
        for link in internal_links(soup, url):
            target = site / link
            assert (target / "index.html").is_file() or target.is_file(), f"{url} links to missing {link}"


def test_related_lessons_link_to_real_pages_with_explicit_ones_first(site):
    checked = 0
    for lesson_id, meta in PUBLISHED.items():
        url = f"lessons/{lesson_id}/"
        soup = page(site, url)
        section = soup.find("section", attrs={"aria-labelledby": "related"})
        links = [posixpath.normpath(posixpath.join(url, a["href"])) + "/" for a in section.select("a[href]")]
        assert 1 <= len(links) <= 5, lesson_id
        assert f"lessons/{lesson_id}/" not in links
        for link in links:
            assert (site / link / "index.html").is_file(), link
        explicit = [f"lessons/{other}/" for other in meta.get("related", []) if other in PUBLISHED]
        assert links[: len(explicit)] == explicit
        checked += bool(explicit)
    assert checked >= 3


def test_index_pages_and_home(site):
    lessons = page(site, "lessons/")
    assert {link for link in internal_links(lessons, "lessons/") if link.count("/") == 2} >= {f"lessons/{i}/" for i in PUBLISHED}
    areas = page(site, "service-areas/").get_text(" ", strip=True)
    for term, label in labels("service_area").items():
        count = sum(term in meta["service_areas"] for meta in PUBLISHED.values())
        assert f"{label} ({count} lesson" in areas
    home = page(site, "").get_text(" ", strip=True)
    assert f"{len(PUBLISHED)} lessons" in home
    assert "not assurance or performance management" in home


def test_lessons_are_not_in_the_navigation(site):
    soup = page(site, "")
    nav_links = [a["href"] for a in soup.select("nav a[href]")]
    assert not any(re.search(r"lessons/[a-z0-9-]+/", href) for href in nav_links)
    assert any(href.rstrip("/").endswith("lessons") for href in nav_links)


def test_anonymous_named_and_example_lessons(site):
    phrases = {o["const"]: o["x-phrase"] for o in SCHEMA["$defs"]["organisation_type"]["oneOf"]}
    places = {o["const"]: o["x-phrase"] for o in SCHEMA["$defs"]["region"]["oneOf"]}
    named = 0
    recoded = recoded_lessons()
    assert recoded, "the examples should show an attribution recoded by disclosure control"
    for lesson_id, meta in PUBLISHED.items():
        soup = page(site, f"lessons/{lesson_id}/")
        who = soup.find("dt", string="Who").find_next_sibling("dd").get_text(strip=True)
        org = meta["organisation"]
        kind = phrases[org["type"]]
        if "name" in org:
            named += 1
            assert who == f"{org['name']}, {kind} {places[org['region']]}"
        elif lesson_id in recoded:
            assert who == recoded[lesson_id]
            assert places[org["region"]] not in who
        else:
            assert who == f"{kind[0].upper()}{kind[1:]} {places[org['region']]}"
        notice = soup.find(class_="admonition-title", string="Example lesson")
        assert bool(notice) == bool(meta.get("example")), lesson_id
    assert named >= 1


def test_every_lesson_offers_a_suggestion_to_the_editors_and_no_link_into_the_repository(site):
    for lesson_id, meta in PUBLISHED.items():
        soup = page(site, f"lessons/{lesson_id}/")
        link = soup.find("a", string="Suggest a change to this lesson")
        assert link["href"].startswith("mailto:handbook-editors@example.org?subject=Suggested%20change%3A%20")
        assert urllib.parse.unquote(link["href"]).endswith(f"{meta['title']} ({lesson_id})")
        assert soup.find("a", string="Propose a change to this lesson") is None
        assert "github.com" not in str(soup.select_one(".md-content"))


def test_search_index_holds_title_summary_and_body_of_lesson_pages_only(site):
    pages = search_fragments(site)
    assert set(pages) == {f"/lessons/{lesson_id}/" for lesson_id in PUBLISHED}
    lesson_id, meta = next(iter(PUBLISHED.items()))
    body = (ROOT / "lessons" / f"{lesson_id}.md").read_text().split("\n---\n", 1)[1]
    heads = " ".join([meta["title"], meta["summary"]]).lower()
    body_only = next(word for word in re.findall(r"[a-z]{9,}", body.lower()) if word not in heads)
    text = pages[f"/lessons/{lesson_id}/"].lower()
    assert body_only in text
    assert " ".join(meta["summary"].split()).lower() in text
    assert meta["title"].lower() in text
    # Facet values are filters, not words; the panel, notices and related lessons are not indexed.
    assert meta["failure_types"][0] not in text and "related lessons" not in text and "¶" not in text


def test_the_browse_page_card_template_names_every_search_result_field(site):
    from build_tools.derive.search_documents import ResultField

    template = page(site, "browse/").find("template", id="browse-card")
    slots = {element["data-slot"] for element in template.select("[data-slot]")}
    parts = {element["data-part"] for element in template.select("[data-part]")}
    assert slots == set(ResultField) and parts <= slots
    assert template.select_one("[data-excerpt]")["data-slot"] == ResultField.SUMMARY


def test_template_output_is_escaped(tmp_path):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    text = VALID.replace(
        "title: Shared assessments stalled between two case systems",
        "title: 'A&E \"front door\" > 4 hours & the <3 rule'",
    ).replace("organisation:\n", 'organisation:\n  name: Smith & Jones "Partnership"\n')
    summary = 'A "quoted" summary" onmouseover="alert(1) that is still long enough to be a summary.'
    start, end = text.index("summary: >-"), text.index("service_areas:")
    text = text[:start] + f"summary: '{summary}'\n" + text[end:]
    scratch.write("sample-lesson.md", text)
    out = tmp_path / "out"
    result = scratch.build(out)
    assert result.returncode == 0, result.stderr
    html = (out / "lessons" / "sample-lesson" / "index.html").read_text()
    assert ">A&amp;E &#34;front door&#34; &gt; 4 hours &amp; the &lt;3 rule</h1>" in html
    assert "Smith &amp; Jones &#34;Partnership&#34;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.get_text().startswith('A&E "front door" > 4 hours & the <3 rule')
    assert soup.select_one(".md-header__topic + .md-header__topic").get_text(strip=True).startswith('A&E "front door"')
    assert "<3" not in html
    assert soup.find("meta", attrs={"name": "description"})["content"] == " ".join(summary.split())
    assert (
        soup.select_one(".handbook-panel dd").find_next("dd").find_next("dd").get_text(strip=True).startswith('Smith & Jones "Partnership"')
    )


def test_a_broken_lesson_stops_the_build(tmp_path):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.copy_lessons()
    # Front matter that does not parse: MkDocs alone would publish it as page text.
    scratch.write(
        "broken-lesson.md", VALID.replace("id: sample-lesson", "id: broken-lesson").replace("title: Shared", "title: Shared: broken")
    )
    out = tmp_path / "out"
    result = scratch.build(out)
    assert result.returncode != 0
    assert "lessons/broken-lesson.md:3:14: error: the front matter is not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "lessons" / "broken-lesson").exists()
    assert not (out / "index.html").exists()


def test_unpublished_lessons_are_not_built(tmp_path):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.write("sample-lesson.md", VALID)
    scratch.write("draft-lesson.md", VALID.replace("id: sample-lesson", "id: draft-lesson").replace("state: published", "state: draft"))
    out = tmp_path / "out"
    assert scratch.build(out).returncode == 0
    assert (out / "lessons" / "sample-lesson" / "index.html").is_file()
    assert not (out / "lessons" / "draft-lesson").exists()
    assert set(search_fragments(out)) == {"/lessons/sample-lesson/"}
