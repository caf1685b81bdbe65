"""Safe to share: personal data refused, markup refused or cleaned, hostile files survived, nothing leaked."""

from __future__ import annotations

import calendar
import datetime as dt
import filecmp
import subprocess
import sys

import pytest

from build_tools.render.sanitize import clean_body

from .conftest import ROOT, VALID, Scratch, col_of, line_of, site_bytes

BODY_LINE = "Staff typed every assessment into both systems, then went back to separate forms."


def with_body_text(text: str) -> str:
    return VALID.replace(BODY_LINE, f"{BODY_LINE} {text}")


def findings(scratch: Scratch, text: str) -> tuple[int, list[str]]:
    scratch.write("sample-lesson.md", text)
    result = scratch.validate()
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, result.stdout.splitlines()


PERSONAL = [
    ("jane.doe@example.gov.uk", "error: an email address; remove it (a team's role mailbox goes in contact.via)"),
    ("0161 496 0000", "error: a phone number; remove it (peers can be reached through contact.via)"),
    ("07911 123456", "error: a phone number; remove it (peers can be reached through contact.via)"),
    ("943 476 5919", "error: what looks like an NHS number; remove it"),
    ("9434765919", "error: what looks like an NHS number; remove it"),
    ("AB 12 34 56 C", "error: what looks like a National Insurance number; remove it"),
    ("SW1A 1AA", "error: a full postcode; remove it or give only the area"),
    ("Dr Okafor", "warning: a titled person's name: describe the role instead, or an editor can accept it"),
    ("Northshire County Council", "warning: an organisation's name in an anonymous lesson: remove it, or an editor can accept it"),
]


@pytest.mark.parametrize(("found", "message"), PERSONAL, ids=[p[0] for p in PERSONAL])
def test_personal_data_in_the_body_is_reported_with_its_place(scratch, found, message):
    text = with_body_text(f"We asked {found} about it.")
    code, lines = findings(scratch, text)
    expected = f"lessons/sample-lesson.md:{line_of(text, found)}:{col_of(text, found)}: {message}: '{found}'"
    assert expected in lines, lines
    assert code == (1 if message.startswith("error") else 0)


def test_personal_data_in_front_matter_text_is_reported(scratch):
    text = VALID.replace("summary: >-\n", "summary: >-\n  Ring 020 7946 0958 for details.\n")
    code, lines = findings(scratch, text)
    assert code == 1
    assert any(
        line.startswith(f"lessons/sample-lesson.md:{line_of(text, 'summary:')}:10:")
        and line.endswith("error: summary: a phone number; remove it (peers can be reached through contact.via): '020 7946 0958'")
        for line in lines
    ), lines


def test_ordinary_public_service_text_passes_clean(scratch):
    text = with_body_text(
        "Under section 75 we pooled £1.2m in 2019/20, and NHS 111 and A&E ran 24/7 under the Care Act 2014. "
        "On 15/01/2023 there were 1,234 referrals (reference 2023-04-117, ticket 4500123), 12 weeks, 0.5 WTE, "
        "3 of 40 staff, 95% within 48 hours, from 2015 to 2021."
    )
    code, lines = findings(scratch, text)
    assert (code, lines) == (0, ["Checked 1 lesson: all valid."])


def test_a_named_lesson_may_name_organisations_but_not_people(scratch):
    text = with_body_text("Northshire County Council and Dr Okafor.").replace(
        "organisation:\n", "organisation:\n  name: Exampleshire Council\n"
    )
    code, lines = findings(scratch, text)
    assert code == 0
    assert not any("organisation's name" in line for line in lines)
    assert any("titled person's name" in line for line in lines)


def test_an_editor_can_accept_a_reported_string(scratch):
    text = with_body_text("The helpline, 0800 123 4567, is a public number.").replace(
        "  reviewed_on: 2023-01-10\n",
        "  reviewed_on: 2023-01-10\n  accepted:\n"
        "    - {text: 0800 123 4567, reason: The national helpline number is public and names nobody.}\n",
    )
    assert findings(scratch, text) == (0, ["Checked 1 lesson: all valid."])


def test_a_role_mailbox_in_contact_is_fine(scratch):
    text = VALID.replace("example: true", "example: true\ncontact: {offers: [conversation], via: discharge-team@example.org}")
    assert findings(scratch, text)[0] == 0


MARKUP = [
    ("<script>alert(1)</script>", "raw HTML is not allowed in a lesson: write it in markdown"),
    ('<img src=x onerror="alert(1)">', "raw HTML is not allowed in a lesson: write it in markdown"),
    ("<iframe src=https://example.org></iframe>", "raw HTML is not allowed in a lesson: write it in markdown"),
    ("<svg onload=alert(1)>", "raw HTML is not allowed in a lesson: write it in markdown"),
    ("<style>body{display:none}</style>", "raw HTML is not allowed in a lesson: write it in markdown"),
    ("[click](javascript:alert(1))", "links may only go to https://, http://, mailto: or pages of the handbook, not 'javascript:'"),
    ("[click](javascript&#58;alert(1))", "links may only go to https://, http://, mailto: or pages of the handbook, not 'javascript:'"),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "links may only go to https://, http://, mailto: or pages of the handbook, not 'data:'"),
]


@pytest.mark.parametrize(("markup", "message"), MARKUP, ids=range(len(MARKUP)))
def test_markup_in_the_body_is_refused(scratch, markup, message):
    text = with_body_text(markup)
    code, lines = findings(scratch, text)
    assert code == 1
    assert any(
        line.startswith(f"lessons/sample-lesson.md:{line_of(text, markup)}:") and line.endswith(f"error: {message}") for line in lines
    ), lines


def test_markdown_links_code_and_autolinks_are_fine(scratch):
    text = with_body_text(
        "See [the report](https://example.org/report), <https://example.org/a>, [a page](../other/), "
        "[mail us](mailto:team@example.org) and `<script>` in code."
    ).replace("(mailto:team@example.org)", "(https://example.org/contact)")
    assert findings(scratch, text)[0] == 0


def test_the_rendered_body_is_sanitised_anyway():
    dirty = (
        '<p>ok <a href="javascript:alert(1)">x</a> <img src="x" onerror="alert(1)"></p><script>alert(1)</script>'
        '<iframe src="https://example.org"></iframe><svg onload="alert(1)"></svg><style>p{}</style>'
        '<div style="x" onclick="alert(1)" class="admonition"><p srcdoc="x">fine</p></div><!-- note -->'
    )
    clean = clean_body(dirty)
    for bad in ("javascript:", "onerror", "<script", "<iframe", "<svg", "<style", "onclick", "srcdoc", "style=", "<!--"):
        assert bad not in clean, bad
    assert '<div class="admonition"><p>fine</p></div>' in clean
    assert '<h2 id="what">What<a class="headerlink" href="#what" title="Permanent link">¶</a></h2>' in clean_body(
        '<h2 id="what">What<a class="headerlink" href="#what" title="Permanent link">¶</a></h2>'
    )


HOSTILE = [
    ("long-line", (VALID.replace("example: true", "example: true\nnotes: " + "x" * 210_000)).encode(), "the file is over 200 KB"),
    ("deep", ("---\nid: " + "[" * 200 + "]" * 200 + "\n---\n").encode(), "nested too deeply"),
    ("laughs", (b'---\na: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n---\n'), "YAML anchors (&name) are not allowed"),
    ("nul", VALID.encode().replace(b"Shared", b"Sha\x00red"), "contains a NUL byte"),
    ("crlf-bom-tabs", ("\ufeff" + VALID.replace("  region:", "\tregion:")).replace("\n", "\r\n").encode("utf-8"), "tab character"),
    ("two-documents", VALID.replace("example: true", "example: true\n...\n---\nid: again").encode(), ""),
]


@pytest.mark.parametrize(("name", "content", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_get_a_clear_error_and_never_a_traceback(scratch, name, content, expected):
    scratch.write("sample-lesson.md", content)
    result = scratch.validate()
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stderr
    assert expected in result.stdout
    assert result.stdout.splitlines()[0].startswith("lessons/sample-lesson.md:")


def test_a_file_name_that_is_not_an_id(scratch):
    scratch.write("My Lesson.md", VALID)
    result = scratch.validate()
    assert result.returncode == 1
    assert "the file name 'My Lesson.md' must be the lesson id followed by .md" in result.stdout


# Today at midnight UTC, as a CI job would set it from the last commit.
EPOCH = str(calendar.timegm(dt.date.today().timetuple()))


def published_site(tmp_path, name: str = "out"):
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.copy_lessons()
    out = tmp_path / name
    result = scratch.build(out, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return scratch, out


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    scratch, first = published_site(tmp_path, "first")
    second = tmp_path / "second"
    assert scratch.build(second, env={"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0

    def differences(compare: filecmp.dircmp) -> list[str]:
        out = [f"{compare.left}/{name}" for name in compare.diff_files + compare.left_only + compare.right_only]
        # Known exceptions: gzip records a time in the compressed sitemap, and Pagefind writes its filter index
        # (and so the metadata file and entry point that name it) in hash-map order (upstream issue #638).
        # Everything else, the index's words and page fragments included, must match.
        out = [
            path
            for path in out
            if not path.endswith(("sitemap.xml.gz", "pagefind-entry.json", ".pf_meta", ".pf_filter")) and not path.endswith("/filter")
        ]
        for sub in compare.subdirs.values():
            out += differences(sub)
        return out

    filecmp.clear_cache()
    assert differences(filecmp.dircmp(first, second, ignore=[])) == []
    assert f"<lastmod>{dt.date.today().isoformat()}</lastmod>" in (first / "sitemap.xml").read_text()


def test_no_git_author_names_or_emails_reach_the_site(site):
    authors = subprocess.run(["git", "log", "--format=%an%n%ae%n%cn%n%ce"], cwd=ROOT, capture_output=True, text=True)
    names = {line.strip() for line in authors.stdout.splitlines() if len(line.strip()) >= 4} if authors.returncode == 0 else set()
    if not names:
        pytest.skip("no git history to compare against")
    leaks = [
        (str(path.relative_to(site)), name)
        for path in site.rglob("*")
        if path.is_file()
        for name in names
        if name.encode() in site_bytes(path)
    ]
    assert leaks == []


def test_the_validator_is_the_gate_in_every_mode(tmp_path):
    # There is no option that builds past an invalid lesson: not preview, not a non-strict build.
    scratch = Scratch(tmp_path / "handbook", with_site=True)
    scratch.write("sample-lesson.md", VALID.replace("status: concluded", "status: bad"))
    for env, strict in (({}, True), ({"HANDBOOK_PREVIEW": "true"}, True), ({}, False)):
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(scratch.root / "mkdocs.yml"), "-d", str(tmp_path / "o")]
        result = subprocess.run(
            [*command, *(["--strict"] if strict else [])],
            cwd=scratch.root,
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", **env},
        )
        assert result.returncode != 0
        assert "lessons/sample-lesson.md:" in result.stderr and "Traceback" not in result.stderr
