"""The validator on valid and invalid lessons: exact file:line:col and message, exit codes."""

from __future__ import annotations

import sys

import pytest

from .conftest import ROOT, SCHEMA, VALID, col_of, line_of


def allowed(vocabulary: str) -> str:
    return ", ".join(option["const"] for option in SCHEMA["$defs"][vocabulary]["oneOf"])


def test_valid_lesson_passes(scratch):
    scratch.write("sample-lesson.md", VALID)
    result = scratch.validate()
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Checked 1 lesson: all valid."


def test_the_handbooks_own_lessons_are_valid():
    from .conftest import run

    result = run(sys.executable, "-m", "build_tools", "validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error: " not in result.stdout


# (what to replace, with what, the text to point at, the message)
CASES = [
    ("status: concluded", "status: finished", "finished", f"status: 'finished' is not a known status; allowed: {allowed('status')}"),
    (
        "[health, adult-social-care]",
        "[helth, adult-social-care]",
        "helth",
        f"service_areas[0]: 'helth' is not a known service area (did you mean 'health'?); allowed: {allowed('service_area')}",
    ),
    (
        "  type: unitary-authority",
        "  type: unitary-authorty",
        "unitary-authorty",
        "organisation.type: 'unitary-authorty' is not a known organisation type (did you mean 'unitary-authority'?); "
        f"allowed: {allowed('organisation_type')}",
    ),
    (
        "example: true",
        "example: true\nsumary: extra",
        "sumary",
        "unknown field 'sumary' (did you mean 'summary'?); allowed fields: " + ", ".join(SCHEMA["properties"]),
    ),
    (
        "title: Shared assessments stalled between two case systems",
        "title: Too short",
        "Too short",
        "title is 9 characters long; it must be 10-150 characters",
    ),
    (
        "title: Shared",
        "title: <script>alert(1)</script> Shared",
        "<script>",
        "title must be plain text, without HTML, entities, markdown links or control characters: write it as ordinary words",
    ),
    ("published: 2023-01-15", "published: 15/01/2023", "15/01/2023", "published: '15/01/2023' must be a date written YYYY-MM-DD"),
    ("published: 2023-01-15", "published: 2023-02-30", "2023-02-30", "published: '2023-02-30' is not a real calendar date"),
    ("published: 2023-01-15", "published: 2999-01-15", "2999-01-15", "published: 2999-01-15 is in the future (today is {today})"),
    (
        "{started: 2021-04, ended: 2022-03}",
        "{started: 2021-04, ended: 2020-03}",
        "2020-03",
        "period.ended (2020-03) is before period.started (2021-04)",
    ),
    ("example: true", "example: yes", "yes", "'yes' is ambiguous in YAML: write true or false, or put it in quotes if you mean the word"),
    (
        "title: Shared assessments stalled between two case systems",
        "title: 0101010101",
        "0101010101",
        'title must be text, not the number 101010101; put it in quotes ("0101010101") so it is read as text',
    ),
    (
        "failure_types: [technology-and-systems, data-and-information-sharing]",
        "failure_types: technology-and-systems",
        "technology-and-systems",
        "failure_types must be a list, not the text 'technology-and-systems'; write it as a list, e.g. [technology-and-systems]",
    ),
    (
        "  reviewed_by: handbook-editors\n",
        "",
        "editorial:",
        "missing required field 'reviewed_by' in editorial (required when editorial.state is published)",
    ),
    ("example: true", "example: true\nrelated: [no-such-lesson]", "no-such-lesson", "related lesson 'no-such-lesson' does not exist"),
    ("example: true", "example: true\nrelated: [sample-lesson]", "sample-lesson]", "a lesson cannot be related to itself"),
    (
        "example: true",
        "example: true\ncontact: {offers: [conversation], via: a person}",
        "a person",
        "contact.via must be a web address starting https:// or a role mailbox such as contact@example.org, not 'a person'",
    ),
    ("example: true", "example: true\nexample: false", "example: false", "'example' is given twice (first on line {first}); keep one"),
    (
        "id: sample-lesson",
        "id: other-lesson",
        "other-lesson",
        "id 'other-lesson' must equal the file name 'sample-lesson': rename the file to other-lesson.md or change the id",
    ),
    ("example: true", "example: &flag true", "&flag", "YAML anchors (&name) are not allowed: write each value out in full"),
    (
        "example: true",
        "example: !!python/object:os.system true",
        "!!python",
        "YAML tags (!!python/object:os.system) are not allowed: remove the tag and write the plain value",
    ),
    (
        "title: Shared assessments",
        "title: Shared: assessments",
        "assessments stalled",
        "the front matter is not valid YAML: a value that contains ': ' must be put in quotes",
    ),
]


@pytest.mark.parametrize(("old", "new", "point", "message"), CASES, ids=[c[2] for c in CASES])
def test_invalid_front_matter_is_reported_exactly(scratch, old, new, point, message):
    import datetime as dt

    assert old in VALID
    text = VALID.replace(old, new, 1)
    scratch.write("sample-lesson.md", text)
    result = scratch.validate()
    line = line_of(text, point)
    column = col_of(text, point)
    if point == "editorial:":
        column = 1
    if point == "assessments stalled":  # PyYAML points at the ': ' it cannot accept
        column = text.split("\n")[line - 1].index(": assessments") + 1
    if "{first}" in message:
        message = message.format(first=line_of(text, "example: true"))
    message = message.replace("{today}", dt.date.today().isoformat())
    expected = f"lessons/sample-lesson.md:{line}:{column}: error: {message}"
    assert expected in result.stdout.splitlines(), result.stdout
    assert result.returncode == 1


BODY_CASES = [
    (
        "## Why it went wrong\n\nThe two systems had no shared identifier and no interface.\n\n",
        "",
        "## What we would do differently",
        None,
        "missing section '## Why it went wrong'; every lesson has '## What we set out to do', '## What happened', "
        "'## Why it went wrong', '## What we would do differently'",
    ),
    (
        "## What happened",
        "## Background",
        "## Background",
        None,
        "'## Background' is not a lesson section; sections are '## What we set out to do', '## What happened', "
        "'## Why it went wrong', '## What we would do differently', '## What worked', '## Advice for others' "
        "(use '### ' for headings inside a section)",
    ),
    (
        "Staff typed every assessment into both systems, then went back to separate forms.\n",
        "",
        "## What happened",
        None,
        "the section '## What happened' is empty; only drafts may leave sections empty",
    ),
    (
        "## What we set out to do",
        "# Our lesson\n\n## What we set out to do",
        "# Our lesson",
        None,
        "the title comes from the front matter: remove this '# ' heading, or make it a '## ' section",
    ),
]


@pytest.mark.parametrize(("old", "new", "point", "_", "message"), BODY_CASES, ids=["missing", "unknown", "empty", "h1"])
def test_body_sections_are_checked(scratch, old, new, point, _, message):
    text = VALID.replace(old, new, 1)
    scratch.write("sample-lesson.md", text)
    result = scratch.validate()
    line = line_of(text, "---", 2) + 1 if message.startswith("missing section") else line_of(text, point)
    assert f"lessons/sample-lesson.md:{line}:1: error: {message}" in result.stdout.splitlines(), result.stdout
    assert result.returncode == 1


def test_sections_out_of_order(scratch):
    what, why = (
        "## What happened\n\nStaff typed every assessment into both systems, then went back to separate forms.\n\n",
        ("## Why it went wrong\n\nThe two systems had no shared identifier and no interface.\n\n"),
    )
    text = VALID.replace(what + why, why + what)
    scratch.write("sample-lesson.md", text)
    result = scratch.validate()
    assert f"lessons/sample-lesson.md:{line_of(text, '## What happened')}:1: error: '## What happened' is out of order" in result.stdout


def test_a_draft_may_leave_sections_empty(scratch):
    text = VALID.replace("state: published", "state: draft").replace(
        "Staff typed every assessment into both systems, then went back to separate forms.\n", ""
    )
    scratch.write("sample-lesson.md", text)
    assert scratch.validate().returncode == 0


def test_every_problem_in_every_file_in_one_run(scratch):
    scratch.write(
        "sample-lesson.md", VALID.replace("status: concluded", "status: finished").replace("region: north-west", "region: narnia")
    )
    scratch.write(
        "second-lesson.md",
        VALID.replace("id: sample-lesson", "id: second-lesson").replace("published: 2023-01-15", "published: 2023-13-01"),
    )
    result = scratch.validate()
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 3, result.stdout
    assert {e.split(":")[0] for e in errors} == {"lessons/sample-lesson.md", "lessons/second-lesson.md"}
    assert result.stdout.splitlines()[-1] == "Checked 2 lessons: 3 errors in 2 files."


def test_duplicate_ids_are_errors(scratch):
    scratch.write("sample-lesson.md", VALID)
    scratch.write("zz-copy.md", VALID)
    result = scratch.validate()
    assert (
        f"lessons/zz-copy.md:{line_of(VALID, 'id:')}:5: error: id 'sample-lesson' is already used by lessons/sample-lesson.md"
        in result.stdout
    )


def test_paths_limit_the_report_but_cross_file_rules_see_every_lesson(scratch):
    scratch.write("sample-lesson.md", VALID.replace("example: true", "example: true\nrelated: [other-lesson]"))
    scratch.write("other-lesson.md", VALID.replace("id: sample-lesson", "id: other-lesson").replace("status: concluded", "status: bad"))
    result = scratch.validate("lessons/sample-lesson.md")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Checked 1 lesson: all valid."
    assert scratch.validate("lessons/other-lesson.md").returncode == 1


def test_yaml_details_are_read_as_written(scratch):
    # Byte-order mark and CRLF line ends are normal; unquoted dates are the normal way to write dates.
    scratch.write("sample-lesson.md", ("\ufeff" + VALID).replace("\n", "\r\n").encode("utf-8"))
    assert scratch.validate().returncode == 0


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "the file is empty; start from the lesson template in CONTRIBUTING.md"),
        (
            VALID.encode().replace(b"Shared assessments", b"Shared \xe9 assessments"),
            3,
            "the file is not UTF-8 text; save it with UTF-8 encoding",
        ),
        (VALID.split("\n---\n")[0].encode(), 1, "the front matter is not closed: add a line '---' after the last field"),
        (b"# Title\n\nNo front matter.\n", 1, "a lesson must start with a line '---', then its front matter, then another '---' line"),
        (
            VALID.replace("  region: north-west", "\tregion: north-west").encode(),
            line_of(VALID, "region:"),
            "tab character in the front matter: indent with spaces instead",
        ),
        (
            VALID.replace("example: true", "example: *flag").encode(),
            line_of(VALID, "example:"),
            "YAML aliases (*name) are not allowed: write the value out in full",
        ),
    ],
    ids=["empty", "not-utf8", "unclosed", "no-front-matter", "tab", "alias"],
)
def test_unreadable_files_get_a_clear_error(scratch, content, line, message):
    scratch.write("sample-lesson.md", content)
    result = scratch.validate()
    assert result.returncode == 1
    assert any(
        out.startswith(f"lessons/sample-lesson.md:{line}:") and out.endswith(f": error: {message}") for out in result.stdout.splitlines()
    ), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2(scratch):
    assert scratch.validate("lessons/missing.md").returncode == 2
    from .conftest import run

    result = run(sys.executable, "-m", "build_tools", "validate", "--no-such-flag", cwd=ROOT)
    assert result.returncode == 2


def test_a_persons_address_as_contact_is_a_warning(scratch):
    text = VALID.replace("example: true", "example: true\ncontact: {offers: [conversation], via: jane.doe@example.org}")
    scratch.write("sample-lesson.md", text)
    result = scratch.validate()
    assert result.returncode == 0
    line, column = line_of(text, "jane.doe"), col_of(text, "jane.doe")
    # The address is quoted at the end, as for all personal data, so that CI formats can leave it out.
    assert (
        f"lessons/sample-lesson.md:{line}:{column}: warning: contact.via looks like a person's own address:"
        " use a team or role mailbox, or a web page: 'jane.doe@example.org'"
    ) in result.stdout.splitlines()


def test_every_finding_code_is_a_code_member(scratch):
    # Codes are public (--format json, annotation titles): Finding.code is typed Code, so mypy holds every check
    # to the enum, and every finding made from a wide range of broken lessons carries a member.
    import typing

    from build_tools.findings import Code, Finding
    from build_tools.pipeline import Layout, check

    assert typing.get_type_hints(Finding)["code"] is Code
    for index, (old, new, *_) in enumerate(CASES + BODY_CASES):
        scratch.write(f"case-{index}.md", VALID.replace(old, new, 1).replace("id: sample-lesson", f"id: case-{index}"))
    scratch.write("Not An Id.md", VALID.replace("example: true", "example: true\nrelated: [no-such-lesson]"))
    scratch.write("empty.md", b"")
    findings = check(Layout(scratch.root), model=False).findings
    assert len({f.code for f in findings}) >= 20
    assert [f for f in findings if type(f.code) is not Code] == []


def test_the_readme_describes_every_finding_code():
    from build_tools.contribute.contributor_docs import README_PATH, stale
    from build_tools.findings import Code
    from build_tools.model.vocabulary import load_schema

    assert README_PATH not in [item.path for item in stale(ROOT, load_schema(ROOT / "schema" / "lesson.schema.json"))]
    readme = (ROOT / README_PATH).read_text()
    assert len({code.value for code in Code}) == len(Code)
    for code in Code:
        assert "\n" not in code.description and code.description.endswith("."), code
        assert f"| `{code.value}` | {code.description} |" in readme


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("example: true", "example: true\nupdates: 5", "updates"),
        ("example: true", "example: true\nupdates: true", "updates"),
        ("example: true", "example: true\nrelated: 5", "related"),
        ("example: true", "example: true\nnational_barriers: 5", "national_barriers"),
        ("example: true", "example: true\nsources: 5", "sources"),
        ("  reviewed_on: 2023-01-10", "  reviewed_on: 2023-01-10\n  accepted: 5", "editorial.accepted"),
    ],
)
def test_a_list_field_given_another_type_is_reported_not_a_crash(scratch, old, new, field):
    text = VALID.replace(old, new)
    scratch.write("sample-lesson.md", text)
    result = scratch.validate()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    line = line_of(text, new.split("\n")[-1])
    assert f"sample-lesson.md:{line}:" in result.stdout
    assert f"{field} must be a list" in result.stdout


def test_a_synthetic_corpus_is_valid(scratch):
    # The benchmarks' corpus must pass every rule, disclosure control included, or they measure a failing build.
    scratch.tool("synth", "--count", "120", "--out", str(scratch.root / "lessons"))
    result = scratch.validate()
    assert result.returncode == 0, result.stdout
    assert "Checked 120 lessons" in result.stdout
