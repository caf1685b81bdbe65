"""Safe to share: personal data refused, markup refused or cleaned, hostile files survived, nothing leaked."""

from __future__ import annotations

import calendar
import datetime as dt
import filecmp
import subprocess
import sys
import time

import pytest

from build_tools.check.personal_data import scan
from build_tools.findings import Code, Severity
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


# Phone numbers are found by their shape, whatever their range: drama ranges, unallocated ranges and numbers
# run into other digits included. (text, the number found in it)
PHONES = [
    ("0161 496 0000", "0161 496 0000"),
    ("020 7946 0000", "020 7946 0000"),
    ("01632 960000", "01632 960000"),
    ("07700 900000", "07700 900000"),
    ("07700 900 123", "07700 900 123"),
    ("0113 496 0000", "0113 496 0000"),
    ("0121 496 0000", "0121 496 0000"),
    ("0300 123 4567", "0300 123 4567"),
    ("0800 123 4567", "0800 123 4567"),
    ("0800 123456", "0800 123456"),
    ("01234 56789", "01234 56789"),
    ("016977 4567", "016977 4567"),
    ("0208 946 0000", "0208 946 0000"),
    ("01614960000", "01614960000"),
    ("0161-496-0000", "0161-496-0000"),
    ("0161.496.0000", "0161.496.0000"),
    ("0161 \u2013 496 \u2013 0000", "0161 \u2013 496 \u2013 0000"),
    ("0161\u00a0496\u00a00000", "0161 496 0000"),  # reported on one line, with plain spaces
    ("(0161) 496 0000", "(0161) 496 0000"),
    ("(01632) 960000", "(01632) 960000"),
    ("+44 7700 900000", "+44 7700 900000"),
    ("+44 (0)161 496 0000", "+44 (0)161 496 0000"),
    ("+44 (0) 20 7946 0000", "+44 (0) 20 7946 0000"),
    ("+441614960000", "+441614960000"),
    ("0044 161 496 0000", "0044 161 496 0000"),
    ("(0)161 496 0000", "(0)161 496 0000"),
    ("call 0161 496\n0000 after nine", "0161 496 0000"),
    ("From 2019 0161 496 0000 was the duty line", "0161 496 0000"),
    ("ward 12 07700 900123 out of hours", "07700 900123"),
    ("ring 07700 900123 2019 onwards", "07700 900123"),
    ("tel07700900123", "07700900123"),
    ("Tel:01632960000.", "01632960000"),
    ("0161 496 0000 ext 123", "0161 496 0000"),
]


@pytest.mark.parametrize(("text", "number"), PHONES, ids=[p[0] for p in PHONES])
def test_any_uk_shaped_phone_number_is_an_error(text, number):
    found = [(m.text, m.code, m.severity) for m in scan(f"Ring {text} for help.", anonymous=True)]
    assert found == [(number, Code.PHONE, Severity.ERROR)]


def test_numbers_next_to_each_other_are_each_found():
    found = [m.text for m in scan("Ring 0161 496 0000, 0161 496 0001 or 07700900123/07700900124.", anonymous=True)]
    assert found == ["0161 496 0000", "0161 496 0001", "07700900123", "07700900124"]


NOT_PHONES = [
    "£1,200,000",
    "£38m and £1.2 million",
    "2019-2024",
    "2019 2020 2021 2022",
    "2021/22",
    "01/04/2023",
    "01.04.2023",
    "01-04-2023 to 31-03-2024",
    "01.04.2021-31.03.2022",
    "01 04 2023 31 03 2024",
    "2023-04-01",
    "1 April 2023",
    "ward 05",
    "95% of 0 to 5 year olds",
    "0-19 and 0-25 services",
    "1 000 referrals and 10 000 000 pounds",
    "ISBN 978-0-19-852663-6",
    "ISBN 0-19-852663-6",
    "ISBN 0198526636",
    "ISBN-10: 0198526636",
    "reference 2023-04-117, ticket 4500123",
    "case 0001234 and company number 01234567",
    "version 0.10.2",
    "0.5 WTE, 0.25 FTE, 0.75 0.5 0.25",
    "09:00-17:00",
    "0900-1700",
    "0900 1700 daily",
    "codes 001 002 003 004 005",
    "sections 018 019 020 021 022",
    "010 020 030 040 050",
    "sort code 01-02-03",
    "scores of 0 1 2 3 4 5 6 7 8 9 10",
    "OS grid reference SJ 0123 4567",
    "1998-2003 and 2015 to 2021",
    "0\u20135 and 01\u201304\u20132023",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_ordinary_numbers_are_not_phone_numbers(text):
    assert [m.text for m in scan(f"We saw {text} in the figures.", anonymous=True)] == []


# A titled name is reported whole: every title and every part of the name, so that an editor sees (and
# accepts) exactly what would be published. (text, the name found in it)
TITLED = [
    ("We asked Dr Sarah Jones about it.", "Dr Sarah Jones"),
    ("We asked Dr. Okafor about it.", "Dr. Okafor"),
    ("Mrs A. Smith chaired it.", "Mrs A. Smith"),
    ("Mrs A Smith chaired it.", "Mrs A Smith"),
    ("It was Dr J.R. Smith.", "Dr J.R. Smith"),
    ("Then Cllr Mary-Jane O'Neill objected.", "Cllr Mary-Jane O'Neill"),
    ("Then Cllr Mary-Jane O\u2019Neill objected.", "Cllr Mary-Jane O\u2019Neill"),
    ("Led by Professor Sir John Smith.", "Professor Sir John Smith"),
    ("Led by Mr John McDonald and others.", "Mr John McDonald"),
    ("Led by Ms Si\u00e2n Williams.", "Ms Si\u00e2n Williams"),
    ("Councillor Ahmed Al-Hassan spoke.", "Councillor Ahmed Al-Hassan"),
    ("The review by Dame Carol Black helped.", "Dame Carol Black"),
    ("As Sir Robert Francis said.", "Sir Robert Francis"),
    ("See the Dr Jones Centre.", "Dr Jones"),
    ("We met Dr Okafor. Then we left.", "Dr Okafor"),
    ("Ask Dr Sarah Jones Smith-Patel MBE.", "Dr Sarah Jones Smith-Patel"),
]


@pytest.mark.parametrize(("text", "name"), TITLED, ids=[t[1] for t in TITLED])
def test_a_titled_name_is_reported_whole(text, name):
    found = [(m.text, m.code, m.severity) for m in scan(text, anonymous=True)]
    assert found == [(name, Code.PERSON_NAME, Severity.WARNING)]


@pytest.mark.parametrize("text", ["Do the Mr Men books help?", "We drew up the Dr list.", "Yes, Sir.", "The Lady Chapel was used."])
def test_a_title_without_a_name_is_not_a_name(text):
    assert [m.text for m in scan(text, anonymous=True)] == []


def test_a_titled_name_in_a_lesson_is_reported_whole_with_its_place(scratch):
    text = with_body_text("We asked Professor Sir John Smith-Jones for help.")
    code, lines = findings(scratch, text)
    found = "Professor Sir John Smith-Jones"
    assert code == 0
    assert (
        f"lessons/sample-lesson.md:{line_of(text, found)}:{col_of(text, found)}: warning: a titled person's name: describe the role"
        f" instead, or an editor can accept it: '{found}'"
    ) in lines


# A first name followed by a capitalised surname may be a person's name: a warning an editor can accept.
UNTITLED = [
    ("Ask Sarah Jones for the figures.", "Sarah Jones"),
    ("Mohammed Khan led the pilot.", "Mohammed Khan"),
    ("Our head of service, Priya Patel, agreed.", "Priya Patel"),
    ("The plan was signed by Chief Executive Sarah Jones last week.", "Sarah Jones"),
    ("We asked Mary-Jane O'Neill first.", "Mary-Jane O'Neill"),
    ("We asked Sarah Louise Jones first.", "Sarah Louise Jones"),
    ("We asked Ahmed Al-Hassan first.", "Ahmed Al-Hassan"),
    ("The ward sister, Grace Okafor, said so.", "Grace Okafor"),
    ("With help from Jack Thompson we tried again.", "Jack Thompson"),
    ("Then Si\u00e2n Williams took over.", "Si\u00e2n Williams"),
    ("It was John McDonald's idea.", "John McDonald"),
    ("We thanked Sarah Green and the team.", "Sarah Green"),
    ("Nick Goodwin wrote the slides.", "Nick Goodwin"),
    ("- Grace Okafor, ward sister", "Grace Okafor"),
]


@pytest.mark.parametrize(("text", "name"), UNTITLED, ids=[u[1] for u in UNTITLED])
def test_a_first_name_and_surname_is_a_possible_name(text, name):
    found = [(m.text, m.code, m.severity) for m in scan(text, anonymous=False)]
    assert found == [(name, Code.POSSIBLE_PERSON_NAME, Severity.WARNING)]


# Names that are also words, months or places, and names of places, programmes and organisations.
NOT_NAMES = [
    "Will Social Care cope with the winter?",
    "Will Smith agree to the change?",
    "In May Ofsted inspected the service.",
    "From April Health Visitors moved to the trust.",
    "By June Council tax had risen.",
    "The Grace Period ended in March.",
    "We met at Victoria Station and Chester Zoo.",
    "It ran from Rose Court and Hope Street.",
    "We were given a Jack Russell.",
    "The Mark Scheme changed.",
    "We used the Mark Making In Early Years toolkit.",
    "Faith Leaders Forum and the Sunday Lunch Club.",
    "We took the Elizabeth Line to Queen Elizabeth Hospital.",
    "It moved to Prince Charles Hospital and St George Street.",
    "Albert Road, Harley Street and Stanley Park.",
    "Staff from the Mary Seacole House and the Florence Nightingale Foundation came.",
    "The Florence Ward and the Victoria Ward reopened.",
    "Marie Curie nurses and Christian Aid volunteers helped.",
    "We read about the Victoria Climbi\u00e9 Inquiry.",
    "Better Care Fund money under the Care Act 2014.",
    "Beds moved to Holly Lodge and Jordan Valley.",
    "Grace, Jack and Sarah each led a session.",
    "SARAH JONES in capitals is an acronym's shape.",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_words_places_and_organisations_are_not_names(text):
    assert [m.text for m in scan(text, anonymous=False)] == []


def test_a_possible_name_in_a_lesson_is_a_warning_an_editor_can_accept(scratch):
    text = with_body_text("We asked Sarah Jones for the figures.")
    code, lines = findings(scratch, text)
    assert code == 0
    assert (
        f"lessons/sample-lesson.md:{line_of(text, 'Sarah Jones')}:{col_of(text, 'Sarah Jones')}: warning: what may be a"
        " person's name: describe the role instead, or an editor can accept it: 'Sarah Jones'"
    ) in lines
    accepted = text.replace(
        "  reviewed_on: 2023-01-10\n",
        "  reviewed_on: 2023-01-10\n  accepted:\n    - {text: Sarah Jones, reason: She asked to be named for her work.}\n",
    )
    assert findings(scratch, accepted) == (0, ["Checked 1 lesson: all valid."])


CLEAN_TEXT = [
    line
    for line in (ROOT / "tests" / "fixtures" / "clean-public-service-text.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
PERSONAL_DATA_CODES = {
    Code.EMAIL,
    Code.PHONE,
    Code.NHS_NUMBER,
    Code.NI_NUMBER,
    Code.POSTCODE,
    Code.PERSON_NAME,
    Code.POSSIBLE_PERSON_NAME,
    Code.ORGANISATION_NAME,
    Code.PERSONAL_MAILBOX,
}


def test_the_clean_text_corpus_is_large():
    assert len(CLEAN_TEXT) >= 150


@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous", "named"])
def test_ordinary_public_service_sentences_have_no_personal_data(anonymous):
    found = [(line, m.text, m.code.value) for line in CLEAN_TEXT for m in scan(line, anonymous=anonymous)]
    assert found == []


@pytest.mark.parametrize("named", [False, True], ids=["anonymous", "named"])
def test_a_lesson_made_of_the_clean_text_is_valid_with_no_findings(scratch, named):
    body = "\n\n".join(CLEAN_TEXT)
    text = with_body_text(f"\n\n{body}\n")
    if named:
        text = text.replace("organisation:\n", "organisation:\n  name: Exampleshire Council\n")
    assert findings(scratch, text) == (0, ["Checked 1 lesson: all valid."])


def test_the_handbooks_own_lessons_have_no_personal_data():
    from build_tools.pipeline import Layout, check

    result = check(Layout(root=ROOT), model=False)
    assert [(f.path, f.line, f.code.value) for f in result.findings if f.code in PERSONAL_DATA_CODES] == []


@pytest.mark.parametrize("unit", ["a@b.co ", "Ask Sarah Jones now. ", "Dr Sarah Jones ", "0161 496 0000 ", "Sarah "])
def test_a_file_full_of_personal_data_is_scanned_in_linear_time(unit):
    # Every match is checked against those already reported; that must not take quadratic time.
    text = unit * (190_000 // len(unit))
    started = time.perf_counter()
    assert sum(1 for _ in scan(text, anonymous=True)) > 1000
    assert time.perf_counter() - started < 5


def test_what_is_found_across_a_line_break_is_reported_and_accepted_on_one_line(scratch):
    text = with_body_text("We asked Sarah\nJones, on 0161 496\n0000.")
    code, lines = findings(scratch, text)
    assert code == 1
    assert [line.split(": ")[-1] for line in lines[:-1]] == ["'Sarah Jones'", "'0161 496 0000'"]
    accepted = text.replace(
        "  reviewed_on: 2023-01-10\n",
        "  reviewed_on: 2023-01-10\n  accepted:\n"
        "    - {text: Sarah Jones, reason: She asked to be named.}\n"
        "    - {text: 0161 496 0000, reason: A public helpline.}\n",
    )
    assert findings(scratch, accepted) == (0, ["Checked 1 lesson: all valid."])


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
