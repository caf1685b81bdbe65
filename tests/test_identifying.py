"""Identifying details in anonymous lessons, through the real validator and the real register of public bodies:
names of bodies, places, events on the public record, the id, and addresses on a body's own domain."""

from __future__ import annotations

import json

import pytest

from build_tools.findings import Finding
from build_tools.pipeline import Layout
from build_tools.pipeline import check as check_handbook

from .conftest import ROOT, VALID, Scratch, col_of, line_of

CODES = {"identifying-name", "identifying-place", "identifying-event", "identifying-id", "own-domain"}
BODY_LINE = "Staff typed every assessment into both systems, then went back to separate forms."
CLEAN_PROSE = (ROOT / "tests" / "fixtures" / "clean-prose.md").read_text(encoding="utf-8")


def with_body_text(text: str, lesson: str = VALID) -> str:
    assert BODY_LINE in lesson
    return lesson.replace(BODY_LINE, f"{BODY_LINE} {text}")


def named(lesson: str) -> str:
    return lesson.replace("organisation:\n", "organisation:\n  name: Exampleshire Council\n")


def accepting(lesson: str, text: str) -> str:
    return lesson.replace(
        "  reviewed_on: 2023-01-10\n",
        f"  reviewed_on: 2023-01-10\n  accepted:\n    - {{text: '{text}', reason: The editors checked it and it names no one here.}}\n",
    )


def check(scratch: Scratch) -> list[Finding]:
    """Every finding on the scratch handbook, in-process: with each finding's excerpt, which CI formats leave out."""
    return check_handbook(Layout(root=scratch.root), model=False).findings


def found(scratch: Scratch, text: str, name: str = "sample-lesson.md") -> list[tuple[int, int, str, str, str | None]]:
    """(line, column, severity, code, text found) of each identifying finding, in order."""
    scratch.write(name, text)
    return [(f.line, f.column, f.severity.value, f.code.value, f.excerpt) for f in check(scratch) if f.code in CODES]


def only(scratch: Scratch, code: str) -> Finding:
    (finding,) = [f for f in check(scratch) if f.code == code]
    return finding


def at(text: str, needle: str, severity: str, code: str, nth: int = 1) -> tuple[int, int, str, str, str]:
    return (line_of(text, needle, nth), col_of(text, needle, nth), severity, code, needle)


# Names of bodies in the register.


def test_a_bodys_name_and_abbreviation_are_warnings_at_their_place(scratch):
    text = with_body_text("We met Wigan Metropolitan Borough Council, and later the GMCA.")
    assert found(scratch, text) == [
        at(text, "Wigan Metropolitan Borough Council", "warning", "identifying-name"),
        at(text, "GMCA", "warning", "identifying-name"),
    ]


def test_the_message_says_what_to_do_and_ends_with_the_text(scratch):
    scratch.write("sample-lesson.md", with_body_text("The GMCA paid."))
    finding = only(scratch, "identifying-name")
    assert finding.message == (
        "the name of a public body in an anonymous lesson: describe it by its kind instead ('the county council',"
        " 'a neighbouring trust'), or an editor can accept it"
    )
    assert finding.excerpt == "GMCA"
    # The author's own text output quotes it; CI formats do not (see test_ci.py).
    assert finding.message + ": 'GMCA'" in scratch.validate().stdout
    assert "GMCA" not in scratch.validate("--format", "json").stdout


def test_common_acronyms_are_not_a_bodys_abbreviation(scratch):
    # ABC, BCP and RCT are also register abbreviations (councils in Northern Ireland, Dorset and Wales).
    text = with_body_text(
        "The ICB, the CCG, the MASH, SEND, EHCP, GP, A&E, DWP, ONS, CQC, LGA and ADASS all took part; an ABC, a BCP and an RCT too."
    )
    assert found(scratch, text) == []


def test_an_abbreviation_must_match_exactly(scratch):
    assert found(scratch, with_body_text("The kcc and Kcc and KCCs are not abbreviations.")) == []


def test_a_name_across_a_line_break_hyphens_and_ampersands(scratch):
    text = with_body_text("We worked with\nBrighton & Hove and with Stoke-on-Trent's and Stoke on Trent's teams.")
    assert found(scratch, text) == [
        (line_of(text, "Brighton & Hove"), 1, "warning", "identifying-place", "Brighton & Hove"),
        at(text, "Stoke-on-Trent", "warning", "identifying-place"),
        at(text, "Stoke on Trent", "warning", "identifying-place"),
    ]


def test_the_longest_name_is_reported_once(scratch):
    text = with_body_text("North Tyneside Council ran it.")
    assert found(scratch, text) == [at(text, "North Tyneside Council", "warning", "identifying-name")]


# Places.


def test_a_council_area_and_a_town_are_places(scratch):
    text = with_body_text("Families in North Tyneside travelled to Whitley Bay and to Kirkby for the clinic.")
    assert found(scratch, text) == [
        at(text, "North Tyneside", "warning", "identifying-place"),
        at(text, "Whitley Bay", "warning", "identifying-place"),
        at(text, "Kirkby", "warning", "identifying-place"),
    ]


def test_a_county_that_has_no_council_is_a_place(scratch):
    text = with_body_text("Teams across Merseyside and Berkshire tried it.")
    assert [f[4] for f in found(scratch, text)] == ["Merseyside", "Berkshire"]


def test_a_distinctive_place_is_reported_at_the_start_of_a_sentence_too(scratch):
    text = with_body_text("Kirklees had tried it first.")
    assert found(scratch, text) == [at(text, "Kirklees", "warning", "identifying-place")]


ORDINARY = [
    ("We moved the team to Reading in 2019.", ["Reading"]),
    ("Reading the report, we saw the gap.", []),
    ("It worked. Reading it again, we saw the gap.", []),
    ("In Reading, the team grew.", ["Reading"]),
    ("- Reading lists helped.", []),
    ("The hub on the High Street closed.", []),
    ("The Street Triage pilot ran in Street.", ["Street"]),
    ("Children with Down syndrome waited longest.", []),
    ("Bury was slower than Bolton.", ["Bolton"]),
    ("We went to Bury and to Bath for it.", ["Bury", "Bath"]),
    ("In March 2021 the hub opened in March.", []),
    ("Stanley said it would work.", []),
    ("A second team in Stanley did the work.", ["Stanley"]),
    ("Decisions made in Westminster got in the way.", []),
    ("Westminster City Council led it.", ["Westminster City Council"]),
    ("The Bristol Stool Chart and the Glasgow Coma Scale were on every ward.", []),
]


@pytest.mark.parametrize(("sentence", "reported"), ORDINARY, ids=[s for s, _ in ORDINARY])
def test_words_that_are_also_ordinary_words_names_or_months(scratch, sentence, reported):
    # The sentence starts a paragraph of its own.
    text = VALID.replace("Staff typed every assessment", f"{sentence}\n\nStaff typed every assessment")
    assert [f[4] for f in found(scratch, text)] == reported


def test_a_place_in_front_matter_text_is_reported_where_it_is_written(scratch):
    text = (
        VALID.replace(
            "  We tried to run one assessment for people known to both services, but the two case systems could not\n",
            "  We tried to run one assessment for people known to both services in North\n  Tyneside, but the two case systems could not\n",
        )
        .replace("title: Shared assessments stalled", "title: In Kirkby shared assessments stalled")
        .replace(
            "example: true",
            "example: true\nnational_barriers:\n  - {type: funding, description: 'Money for Kirkby ran out, said the ''Sefton'' team.'}",
        )
    )
    assert found(scratch, text) == [
        at(text, "Kirkby", "warning", "identifying-place"),
        (line_of(text, "in North"), col_of(text, "North"), "warning", "identifying-place", "North Tyneside"),
        at(text, "Kirkby", "warning", "identifying-place", nth=2),
        at(text, "Sefton", "warning", "identifying-place"),
    ]


# Events.

EVENTS = [
    ("The council issued a section 114 notice in 2023.", "section 114 notice"),
    ("After the s114 we cut everything.", "s114"),
    ("After the S.114 we cut everything.", "S.114"),
    ("Ofsted rated children's services inadequate that year.", "inadequate"),
    ("We were rated 'inadequate' in 2018.", "inadequate"),
    ("The trust went into special measures.", "special measures"),
    ("Commissioners were sent in by the Secretary of State.", "Commissioners were sent in"),
    ("Government-appointed commissioners ran the service.", "Government-appointed commissioners"),
    ("Government intervention followed the report.", "Government intervention"),
    ("The council was placed in intervention.", "placed in intervention"),
    ("A best value inspection found weak governance.", "best value inspection"),
    ("The minister issued statutory directions.", "statutory directions"),
    ("A serious case review found the same gap.", "serious case review"),
    ("The safeguarding adults review was published in May.", "safeguarding adults review"),
    ("The DfE issued an improvement notice.", "improvement notice"),
]


@pytest.mark.parametrize(("sentence", "event"), EVENTS, ids=[e for _, e in EVENTS])
def test_an_event_on_the_public_record_is_a_warning(scratch, sentence, event):
    text = with_body_text(sentence)
    assert found(scratch, text) == [at(text, event, "warning", "identifying-event")]


def test_the_same_words_in_ordinary_senses_are_not_events(scratch):
    text = with_body_text(
        "The funding was inadequate and staff rated the training as inadequate. Early intervention and crisis"
        " intervention worked. The commissioners agreed to fund it. Serious case reviews nationally show the same. There"
        " were 114 referrals. The statutory guidance gave no direction. Best value for money came from small contracts."
    )
    assert found(scratch, text) == []


# The id.


def lesson_with_id(lesson_id: str) -> str:
    return VALID.replace("id: sample-lesson", f"id: {lesson_id}")


def test_a_place_in_the_id_is_an_error_at_the_id(scratch):
    text = lesson_with_id("kent-weekend-discharges")
    assert found(scratch, text, "kent-weekend-discharges.md") == [(2, 5, "error", "identifying-id", "kent")]


def test_a_council_area_of_several_words_in_the_id(scratch):
    text = lesson_with_id("discharges-in-north-tyneside")
    assert found(scratch, text, "discharges-in-north-tyneside.md") == [at(text, "north-tyneside", "error", "identifying-id")]


def test_the_id_message_says_to_rename(scratch):
    scratch.write("kent-weekend-discharges.md", lesson_with_id("kent-weekend-discharges"))
    finding = only(scratch, "identifying-id")
    assert finding.message == (
        "id: the id is the page's address, and it names a place or public body, which identifies an anonymous lesson:"
        " rename the file and the id without it (nothing else can make an address safe)"
    )
    assert finding.excerpt == "kent"


@pytest.mark.parametrize("lesson_id", ["street-triage-mental-health", "reading-age-screening", "march-deadline-missed"])
def test_ordinary_words_in_the_id_are_fine(scratch, lesson_id):
    assert found(scratch, lesson_with_id(lesson_id), f"{lesson_id}.md") == []


def test_an_editor_cannot_accept_an_id(scratch):
    text = accepting(lesson_with_id("kent-weekend-discharges"), "kent")
    assert [f[3] for f in found(scratch, text, "kent-weekend-discharges.md")] == ["identifying-id"]


# Addresses on a body's own domain.


def with_contact(via: str) -> str:
    return VALID.replace("example: true", f"example: true\ncontact:\n  offers: [conversation]\n  via: {via}")


@pytest.mark.parametrize(
    ("via", "host"),
    [
        ("adult-social-care@kent.gov.uk", "kent.gov.uk"),
        ("https://www.kent.gov.uk/contact-us", "www.kent.gov.uk"),
        ("team@wigan.gov.uk", "wigan.gov.uk"),
    ],
)
def test_a_contact_on_a_register_bodys_domain_is_an_error(scratch, via, host):
    text = with_contact(via)
    line = line_of(text, "via:")
    assert found(scratch, text) == [(line, text.split("\n")[line - 1].index(host) + 1, "error", "own-domain", host)]


def test_the_contact_message_sends_people_to_the_editors(scratch):
    scratch.write("sample-lesson.md", with_contact("team@kent.gov.uk"))
    finding = only(scratch, "own-domain")
    assert finding.message == (
        "contact.via is on the web site of a public body, which names the organisation: anonymous lessons are contacted"
        " through the editors (leave contact.via as the editors' relay address and quote the lesson's reference)"
    )
    assert finding.excerpt == "kent.gov.uk"


@pytest.mark.parametrize(
    ("via", "host"),
    [
        ("discharge.team@nhs.net", "nhs.net"),
        ("team@somewhere.nhs.uk", "somewhere.nhs.uk"),
        ("https://www.somewhere.gov.uk/contact", "www.somewhere.gov.uk"),
        ("office@school.sch.uk", "school.sch.uk"),
        ("tim@rhywle.gov.wales", "rhywle.gov.wales"),
    ],
)
def test_a_contact_on_any_public_sector_domain_is_an_error(scratch, via, host):
    text = with_contact(via)
    (finding,) = found(scratch, text)
    assert finding == at(text, host, "error", "own-domain")


def test_a_contact_elsewhere_is_fine(scratch):
    assert found(scratch, with_contact("handbook-contact@example.org")) == []


def test_a_source_on_a_register_bodys_site_is_an_error_and_national_sites_are_fine(scratch):
    text = VALID.replace(
        "example: true",
        "example: true\nsources:\n"
        "  - {title: Cabinet papers, url: 'https://democracy.kent.gov.uk/papers/1'}\n"
        "  - {title: The Care Act, url: 'https://www.legislation.gov.uk/ukpga/2014/23'}\n"
        "  - {title: Guidance, url: 'https://www.gov.uk/guidance/hospital-discharge'}",
    )
    assert found(scratch, text) == [at(text, "democracy.kent.gov.uk", "error", "own-domain")]


def test_a_link_to_a_register_bodys_site_in_the_body_is_an_error(scratch):
    text = with_body_text("The [board papers](https://www.wigan.gov.uk/papers) say so.")
    assert found(scratch, text) == [at(text, "www.wigan.gov.uk", "error", "own-domain")]


# Editors, named lessons, and what the register holds.


def test_an_editor_can_accept_a_warning(scratch):
    text = accepting(with_body_text("We learned from Kirkby and Sefton."), "Kirkby")
    assert [f[4] for f in found(scratch, text)] == ["Sefton"]


def test_a_named_lesson_is_not_checked(scratch):
    text = named(lesson_with_id("kent-weekend-discharges"))
    text = with_body_text("Kent County Council issued a section 114 notice; Kirkby and the GMCA helped.", text)
    text = text.replace("example: true", "example: true\ncontact:\n  offers: [conversation]\n  via: team@kent.gov.uk")
    assert found(scratch, text, "kent-weekend-discharges.md") == []


def test_bodies_in_any_register_file_are_looked_for_and_national_ones_are_not(scratch):
    source = (scratch.root / "register" / "sources.csv").read_text(encoding="utf-8").splitlines()[1].split(",", 1)[0]
    (scratch.root / "register" / "test-bodies.csv").write_text(
        "id,name,type,region,valid_from,valid_to,short_names,abbreviations,domains,part_of,source\n"
        f"northshire-constabulary,Northshire Constabulary,police,north-west,,,Northshire Police,NSCX,northshire.police.uk,,{source}\n"
        f"a-national-service,Probation Help Service,probation,england-wide,,,,PHSX,phs.example.org,,{source}\n",
        encoding="utf-8",
    )
    text = with_body_text("Northshire Police, the NSCX, the Probation Help Service and the PHSX all helped.")
    text = text.replace("example: true", "example: true\ncontact:\n  offers: [conversation]\n  via: https://phs.example.org/")
    assert found(scratch, text) == [
        at(text, "Northshire Police", "warning", "identifying-name"),
        at(text, "NSCX", "warning", "identifying-name"),
    ]


# Ordinary public-service prose.


def test_ordinary_public_service_prose_reports_nothing(scratch):
    paragraphs = "\n\n".join(line for line in CLEAN_PROSE.splitlines() if line.strip())
    text = VALID.replace(BODY_LINE, paragraphs)
    text = text.replace("title: Shared assessments stalled between two case systems", "title: Street Triage stalled in the North West")
    assert found(scratch, text) == []


def test_ordinary_prose_reports_nothing_sentence_by_sentence_in_the_summary(scratch):
    # Each sentence as a whole summary: the start of a field is the start of a sentence.
    for sentence in [line for line in CLEAN_PROSE.splitlines() if line.strip()][:20]:
        text = VALID.replace(
            "summary: >-\n",
            f"summary: >-\n  {sentence}\n",
        )
        assert found(scratch, text) == [], sentence


def test_the_handbooks_own_lessons_have_no_identifying_errors():
    from .conftest import run_in_process

    result = run_in_process("validate", "--format", "json", cwd=ROOT)
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] in CODES]
    assert [f for f in findings if f["severity"] == "error"] == []
    assert findings == []  # the lessons are fictional and careful: none warrants even a warning
