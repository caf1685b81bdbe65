"""Hostile lessons that get past validation: in Chromium, no script of theirs runs on any page."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest

from ..conftest import VALID, Scratch
from .conftest import QuietHandler

PAYLOADS = {
    "title: Shared assessments stalled between two case systems": (
        "title: 'Quotes \" and '' & {{ 7*7 }} javascript:alert(1) > still plain text'"
    ),
    "partners: [nhs-trust]": (
        "partners: [nhs-trust]\nnational_barriers:\n"
        '  - {type: funding, description: \'" onmouseover="alert(1)" x=" a barrier with quotes in it\'}\n'
        "sources:\n  - {title: 'A & B \"report\" onload=alert(1)', url: 'https://example.org/r?a=1&b=2%22onload'}\n"
        "updates:\n  - {date: 2022-09-01, text: 'Progress ` javascript:alert(1) ` and & and \"quotes\"'}"
    ),
    "Staff typed every assessment into both systems, then went back to separate forms.": (
        "Code `<script>alert(1)</script>` and `<img src=x onerror=alert(1)>` stay text.\n\n"
        '```html\n<script>alert(document.cookie)</script>\n<iframe srcdoc="<script>alert(1)</script>"></iframe>\n```\n\n'
        '[a link](https://example.org/x "title\\" onmouseover=\\"alert(1)") and ![alt " onerror=alert(1)](https://example.org/i.png)\n\n'
        "A line with javascript:alert(1) as words, and &lt;script&gt; as entities."
    ),
}


def hostile(lesson_id: str) -> str:
    text = VALID.replace("id: sample-lesson", f"id: {lesson_id}")
    for old, new in PAYLOADS.items():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    scratch = Scratch(tmp_path_factory.mktemp("hostile") / "handbook", with_site=True)
    scratch.copy_lessons()
    scratch.write("hostile-lesson.md", hostile("hostile-lesson"))
    scratch.write(
        "hostile-lesson-named.md",
        hostile("hostile-lesson-named").replace("organisation:\n", "organisation:\n  name: 'A \"quoted\" & <b>bold</b> partnership'\n"),
    )
    assert scratch.validate().returncode == 1  # markup in a name is refused...
    scratch.write(
        "hostile-lesson-named.md",
        hostile("hostile-lesson-named").replace("organisation:\n", "organisation:\n  name: 'A \"quoted\" & ampersand partnership'\n"),
    )
    validated = scratch.validate()
    assert validated.returncode == 0, validated.stdout  # ...and these get past validation
    out = scratch.root / "out"
    built = scratch.build(out)
    assert built.returncode == 0, built.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", out
    server.shutdown()


def test_no_script_from_a_lesson_runs_on_any_page(browser, hostile_site):
    base, out = hostile_site
    pages = sorted(str(p.parent.relative_to(out)) for p in out.rglob("index.html"))
    context = browser.new_context(base_url=base)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for path in pages:
        url = "" if path == "." else f"{path}/"
        page.goto(url)
        page.wait_for_load_state("load")
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('.md-content *')].flatMap(el => [...el.attributes]"
            ".filter(a => a.name.startsWith('on') || a.value.trim().toLowerCase().startsWith('javascript:'))"
            ".map(a => el.tagName + ' ' + a.name))"
        )
        assert handlers == [], (url, handlers)
        # The browse page's own module script is the only script allowed in the content.
        own = "script:not([src*='assets/javascripts/browse'])"
        assert page.locator(f".md-content {own}, .md-content iframe").count() == 0, url
        if "hostile" in url:  # hover over every link and image, in case a handler slipped through
            for element in page.locator(".md-content a, .md-content img").all():
                if element.is_visible():
                    element.hover(timeout=2000)
    page.goto("browse/?q=javascript")
    page.wait_for_function("document.getElementById('browse-status').textContent.includes('match')")
    context.close()
    assert dialogs == []
    lesson = (out / "lessons" / "hostile-lesson" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in lesson and "<script>alert(1)" not in lesson
