"""Disclosure control on anonymous lessons, through the real validator and the real register of public bodies."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import VALID, line_of

ORGANISATION = """organisation:
  type: unitary-authority
  region: north-west
partners: [nhs-trust]
period: {started: 2021-04, ended: 2022-03}
status: concluded"""


def lesson(kind: str, region: str, period: str, status: str = "concluded", partners: str = "[nhs-trust]", name: str = "") -> str:
    named = f"\n  name: {name}" if name else ""
    organisation = f"organisation:\n  type: {kind}\n  region: {region}{named}\npartners: {partners}\nperiod: {period}\nstatus: {status}"
    assert ORGANISATION in VALID
    return VALID.replace(ORGANISATION, organisation)


def findings(scratch, text: str) -> list[dict]:
    scratch.write("sample-lesson.md", text)
    result = scratch.validate("--format", "json")
    return [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("attribution")]


@pytest.mark.parametrize(
    ("kind", "region"),
    [
        ("county-council", "wales"),  # Wales has no county councils: all 22 councils are unitary
        ("london-borough", "north-west"),  # London boroughs are in London
        ("integrated-care-board", "scotland"),  # ICBs are England's; Scotland has health boards
        ("welsh-health-board", "north-east"),
    ],
)
def test_a_type_and_region_no_body_has_is_an_error(scratch, kind, region):
    text = lesson(kind, region, "{started: 2021-04, ended: 2022-03}")
    (found,) = findings(scratch, text)
    assert found["code"] == "attribution-impossible" and found["severity"] == "error"
    assert found["line"] == line_of(text, "organisation:")
    assert "no public body in the register of public bodies" in found["message"]


def test_enough_bodies_publish_the_attribution_as_stated(scratch):
    # Dozens of unitary authorities in the North West and of NHS trusts to work with.
    assert findings(scratch, lesson("unitary-authority", "north-west", "{started: 2021-04, ended: 2022-03}")) == []


def test_a_named_lesson_is_not_counted(scratch):
    text = lesson("greater-london-authority", "london", "{started: 2021-04, ended: 2022-03}", name="Greater London Authority")
    assert findings(scratch, text) == []


def test_a_small_cell_is_recoded_upward_and_the_author_is_told_what_will_show(scratch):
    # The Greater London Authority is one body: "the Greater London Authority in London" would name it.
    (found,) = findings(scratch, lesson("greater-london-authority", "london", "{started: 2021-04, ended: 2022-03}"))
    assert found["code"] == "attribution-recoded" and found["severity"] == "warning"
    assert "points to 1 body, fewer than 3" in found["message"]
    assert "the site will show 'A strategic authority in England'" in found["message"]


def test_the_count_depends_on_the_years_of_the_work(scratch):
    # 2019-2020: the North East had three combined authorities (North East, North of Tyne, Tees Valley).
    assert findings(scratch, lesson("combined-authority", "north-east", "{started: 2019-01, ended: 2020-12}")) == []
    # Since May 2024 it has two (the North East Mayoral Combined Authority and Tees Valley).
    (found,) = findings(scratch, lesson("combined-authority", "north-east", "{started: 2025-01}", status="ongoing"))
    assert found["code"] == "attribution-recoded"
    assert "points to 2 bodies" in found["message"]


def test_partners_narrow_the_count_where_the_register_knows_who_overlaps(scratch):
    # In 2019-2020 two of the North East's three combined authorities had metropolitan borough councils as members:
    # Tees Valley's members are all unitary authorities.
    text = lesson("combined-authority", "north-east", "{started: 2019-01, ended: 2020-12}", partners="[metropolitan-borough]")
    (found,) = findings(scratch, text)
    assert found["code"] == "attribution-recoded"
    assert "working with a metropolitan borough council" in found["message"]
    # An NHS trust partner cannot narrow a combined authority: the register records no overlap between the two.
    assert findings(scratch, lesson("combined-authority", "north-east", "{started: 2019-01, ended: 2020-12}")) == []


def test_a_broken_register_stops_validation_with_its_line(scratch):
    path = scratch.root / "register" / "local-government.csv"
    text = path.read_text(encoding="utf-8")
    source = text.splitlines()[1].rsplit(",", 1)[1]
    path.write_text(text + f"made-up-council,Made-up Council,unitary-authorty,north-west,,,,,,,{source}\r\n", encoding="utf-8")
    scratch.write("sample-lesson.md", VALID)
    result = scratch.validate()
    assert result.returncode == 1
    line = len(text.splitlines()) + 1
    assert f"register/local-government.csv:{line}:1: error: register: type 'unitary-authorty' is not an organisation type" in result.stdout


def test_a_missing_register_stops_validation(scratch):
    import shutil

    shutil.rmtree(scratch.root / "register")
    scratch.write("sample-lesson.md", VALID)
    result = scratch.validate()
    assert result.returncode == 1
    assert "there is no register of public bodies here" in result.stdout


def test_a_single_national_body_cannot_be_anonymous(scratch):
    # Probation in England and Wales is one national service; with Northern Ireland's board, the UK has two.
    text = lesson("probation", "england-wide", "{started: 2022-01, ended: 2023-06}")
    (found,) = findings(scratch, text)
    assert found["code"] == "attribution-too-narrow" and found["severity"] == "error"
    assert found["line"] == line_of(text, "organisation:")
    assert "Publish it named" in found["message"] and "editors' synthesis" in found["message"]
    # Named, it can be published.
    assert findings(scratch, lesson("probation", "england-wide", "{started: 2022-01, ended: 2023-06}", name="The Probation Service")) == []


def test_a_draft_that_cannot_be_anonymous_is_warned_so_writing_can_go_on(scratch):
    text = lesson("probation", "england-wide", "{started: 2022-01, ended: 2023-06}").replace("  state: published", "  state: draft")
    (found,) = findings(scratch, text)
    assert found["code"] == "attribution-too-narrow" and found["severity"] == "warning"


def test_the_built_site_shows_only_the_published_attribution_everywhere(site):
    # The example shared-referral-platform states "a combined authority in the North East" working with metropolitan
    # borough councils: one body. Every output must give only what disclosure control publishes.
    import csv
    import io

    from .conftest import LESSONS, recoded_lessons, search_fragments, site_bytes

    lesson_id = "shared-referral-platform"
    assert LESSONS[lesson_id]["organisation"] == {"type": "combined-authority", "region": "north-east"}
    assert recoded_lessons()[lesson_id] == "A combined authority in England"

    texts = {p.relative_to(site).as_posix(): site_bytes(p).decode("utf-8", "replace") for p in site.rglob("*") if p.is_file()}
    stated = re.compile(r"combined authority in the North East", re.IGNORECASE)
    assert [name for name, text in texts.items() if stated.search(text)] == []
    assert "A combined authority in England" in texts[f"lessons/{lesson_id}/index.html"]

    record = next(r for r in json.loads(texts["lessons.json"])["lessons"] if r["id"] == lesson_id)
    assert record["organisation"] == {"type": "combined-authority", "region": "england", "name": None}
    row = next(r for r in csv.DictReader(io.StringIO(texts["lessons.csv"])) if r["id"] == lesson_id)
    assert (row["organisation_type"], row["region"]) == ("combined-authority", "england")

    # The search index's filters, which the browse page's facets read.
    fragment = next(
        json.loads(site_bytes(path).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")
        if f"/{lesson_id}/" in json.loads(site_bytes(path).removeprefix(b"pagefind_dcd"))["url"]
    )
    assert fragment["filters"]["region"] == ["england"]
    assert fragment["filters"]["organisation_type"] == ["combined-authority"]
    assert search_fragments(site)  # the index was read
