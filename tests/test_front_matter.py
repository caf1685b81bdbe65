"""Front matter the contribute tools write: the writer reads back as what it was given, and drafts from
`new` and `from-issue` are pinned byte for byte."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from build_tools.check.source import read_source
from build_tools.contribute.front_matter import Absent, Commented, Fields, Flow, Folded, Plain, Value, front_matter
from build_tools.contribute.issue_form import lesson_from_issue
from build_tools.contribute.scaffold import Draft, draft_text, slugify
from build_tools.model.vocabulary import load_schema

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = FIXTURES / "front-matter"
SCHEMA = load_schema(ROOT / "schema" / "lesson.schema.json")


def expected(name: str) -> str:
    return (EXPECTED / name).read_text(encoding="utf-8")


def test_a_named_draft_is_written_exactly_as_asked():
    draft = Draft(
        title='Referrals bounced "between" two front doors: a year lost',
        service_areas=("health", "adult-social-care"),
        failure_types=("data-and-information-sharing",),
        organisation_type="nhs-trust",
        region="london",
        name="St Mary's & Exampleshire #1 Trust",
        started="2022-10",
        ended="2023-12",
        status="stopped",
        barriers=(("data-sharing", 'Records: we could not see the "other" side\'s referrals.'), ("funding", "The fund came in-year.")),
        today=dt.date(2024, 3, 9),
    )
    assert draft_text(slugify(draft.title), draft) == expected("draft-named.md")


def test_an_anonymous_draft_is_written_exactly_as_asked():
    draft = Draft(
        title="Weekend discharges stalled without social care assessors",
        service_areas=("health",),
        failure_types=("workforce-and-capacity", "planning-and-timescales"),
        organisation_type="unitary-authority",
        region="north-west",
        name=None,
        started="2024-02",
        ended=None,
        status="ongoing",
        barriers=(),
        today=dt.date(2024, 11, 30),
    )
    assert draft_text(slugify(draft.title), draft) == expected("draft-anonymous.md")


def test_a_full_issue_is_drafted_exactly_as_before():
    body = (FIXTURES / "issue-body.md").read_text(encoding="utf-8")
    text = lesson_from_issue(body, SCHEMA, "joint-discharge-hub-missed-the-people-who-needed-it-most", dt.date(2024, 5, 6))
    assert text == expected("issue-anonymous.md")


def test_a_named_issue_without_optional_answers_is_drafted_exactly_as_before():
    body = expected("issue-named-body.md")
    assert lesson_from_issue(body, SCHEMA, "joint-discharge-hub", dt.date(2024, 5, 6)) == expected("issue-named.md")


def test_the_writer_writes_the_handbooks_style():
    fields: Fields = {
        "id": Plain("weekend-discharges"),
        "title": "Weekend discharges: a year lost",
        "service_areas": Flow(["health", "adult-social-care"]),
        "organisation": {"type": Plain("nhs-trust"), "name": Absent("No name: published anonymously."), "region": None},
        "published": Commented(dt.date(2024, 5, 6), "editors set this"),
        "sources": [{"title": "Evaluation", "url": "https://example.org/a"}, {"title": "Review"}],
    }
    assert front_matter(fields, comment="A draft.") == (
        "---\n"
        "# A draft.\n"
        "id: weekend-discharges\n"
        'title: "Weekend discharges: a year lost"\n'
        "service_areas: [health, adult-social-care]\n"
        "organisation:\n"
        "  type: nhs-trust\n"
        "  # No name: published anonymously.\n"
        "published: 2024-05-06  # editors set this\n"
        "sources:\n"
        "  - title: Evaluation\n"
        '    url: "https://example.org/a"\n'
        "  - title: Review\n"
        "---\n"
    )


def test_words_yaml_would_read_as_true_false_or_null_are_quoted():
    fields: Fields = {"a": "Yes", "b": "off", "c": "NULL", "d": "Nothing", "e": "Yesterday"}
    assert front_matter(fields) == '---\na: "Yes"\nb: "off"\nc: "NULL"\nd: Nothing\ne: Yesterday\n---\n'


# Characters YAML cannot carry in a file at all, or reads as a line break (NEL).
UNPRINTABLE = [chr(code) for code in range(0x7F, 0xA0)] + ["\ufffe", "\uffff"]
AWKWARD = st.sampled_from(
    [
        "",
        "Partnership: phase 2",
        "Ward #3",
        "# not a comment",
        'He said "stop"',
        "It's the trust's",
        "- a bullet",
        "-",
        "? a question",
        "~",
        "123",
        "0x1F",
        "1e3",
        "3.14",
        ".inf",
        "2022-05",
        "2023-01-15",
        "Zoë's café",
        "日本語のテキスト",
        "a [list] and {map}",
        "&anchor",
        "*alias",
        "!tag",
        "%directive",
        "@handle",
        "`code`",
        "| literal",
        "> folded",
        " leading space",
        "two\nlines",
        "tab\there",
        "back\\slash",
        "yes",
        "No",
        "OFF",
        "y",
        "True",
        "null",
        "Nothing",
    ]
)
# Plain text loses trailing spaces, as it always has: drafts keep being written as before.
TEXT = st.one_of(AWKWARD, st.text(st.characters(codec="utf-8", exclude_characters=UNPRINTABLE))).filter(lambda text: not text.endswith(" "))
ONE_LINE = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Zl", "Zp"], exclude_characters=UNPRINTABLE))
KEYS = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
# Ids and terms are written as they are; none is one of YAML's words.
IDS = st.from_regex(r"[a-z][a-z0-9]{2,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True).filter(
    lambda word: word not in ("yes", "off", "null", "true")
)
INLINE = st.one_of(
    TEXT,
    IDS.map(Plain),
    st.dates().map(lambda day: Plain(f"{day:%Y-%m}")),
    st.lists(IDS, max_size=4).map(Flow),
    st.dates(),
)
LEAF = st.one_of(
    INLINE,
    st.builds(Commented, INLINE, ONE_LINE),
    ONE_LINE.map(str.strip).filter(bool).map(Folded),
)


def writes_a_field(fields: dict[str, Value]) -> bool:
    """A block with a field that is written: an empty block would read back as null."""
    return any(value is not None and not isinstance(value, Absent) for value in fields.values())


OMITTED = st.one_of(st.none(), ONE_LINE.map(Absent))
BLOCK = st.dictionaries(KEYS, st.one_of(LEAF, OMITTED)).filter(writes_a_field)
ITEMS = st.lists(st.dictionaries(KEYS, LEAF, min_size=1), min_size=1)
FIELDS = st.dictionaries(KEYS, st.one_of(LEAF, OMITTED, BLOCK, ITEMS)).filter(writes_a_field)


def data(value: Value) -> Any:
    """What the reader should return for a value the writer was given."""
    if isinstance(value, Commented):
        return data(value.value)
    if isinstance(value, Plain | Folded):
        return value.text
    if isinstance(value, Flow):
        return list(value.items)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: data(item) for key, item in value.items() if item is not None and not isinstance(item, Absent)}
    if isinstance(value, list):
        return [data(item) for item in value]
    return value


@given(FIELDS, st.none() | ONE_LINE)
def test_what_the_writer_writes_reads_back_as_what_it_was_given(fields, comment):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.md"
        path.write_text(front_matter(fields, comment), encoding="utf-8")
        source = read_source(path, "lesson.md")
    assert [finding.message for finding in source.findings] == []
    assert source.data == data(fields)
