"""Front matter the contribute tools write: drafts from `new` and `from-issue`, pinned byte for byte."""

from __future__ import annotations

import datetime as dt

from build_tools.contribute.issue_form import lesson_from_issue
from build_tools.contribute.scaffold import Draft, draft_text, slugify
from build_tools.model.vocabulary import load_schema

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = FIXTURES / "front-matter"
SCHEMA = load_schema(ROOT / "schema" / "lesson.schema.json")


def expected(name: str) -> str:
    return (EXPECTED / name).read_text(encoding="utf-8")


def test_a_named_draft_is_written_exactly_as_before():
    draft = Draft(
        title='Referrals bounced "between" two front doors: a year lost',
        service_areas=("health", "adult-social-care"),
        failure_types=("data-and-information-sharing",),
        organisation_type="nhs-trust",
        region="london",
        name="St Mary's & Exampleshire #1 Trust",
        today=dt.date(2024, 3, 9),
    )
    assert draft_text(slugify(draft.title), draft) == expected("draft-named.md")


def test_an_anonymous_draft_is_written_exactly_as_before():
    draft = Draft(
        title="Weekend discharges stalled without social care assessors",
        service_areas=("health",),
        failure_types=("workforce-and-capacity", "planning-and-timescales"),
        organisation_type="unitary-authority",
        region="north-west",
        name=None,
        today=dt.date(2024, 11, 30),
    )
    assert draft_text(slugify(draft.title), draft) == expected("draft-anonymous.md")


def test_a_full_issue_is_drafted_exactly_as_before():
    body = (FIXTURES / "issue-body.md").read_text(encoding="utf-8")
    text = lesson_from_issue(body, SCHEMA, "joint-discharge-hub-missed-the-people-who-needed-it-most", dt.date(2024, 5, 6), 12)
    assert text == expected("issue-12.md")


def test_a_named_issue_without_optional_answers_is_drafted_exactly_as_before():
    body = expected("issue-named-body.md")
    assert lesson_from_issue(body, SCHEMA, "joint-discharge-hub", dt.date(2024, 5, 6)) == expected("issue-named.md")
