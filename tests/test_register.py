"""The register of public bodies: consistent with itself and the schema, and true to the counts it is known to hold."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from build_tools.model.register import Problem, RegisterError, load_register, register_problems
from build_tools.model.vocabulary import load_schema

from .conftest import ROOT

SCHEMA = load_schema(ROOT / "schema" / "lesson.schema.json")
REGISTER = load_register(ROOT / "register")
TODAY = dt.date(2026, 12, 2)


def existing(on: dt.date = TODAY) -> Counter[tuple[str, str]]:
    return Counter((body.type, body.region) for body in REGISTER.bodies if body.existed_during(on, on))


def test_the_register_is_consistent():
    assert register_problems(REGISTER, SCHEMA) == []


def test_every_source_says_when_it_was_true_and_under_what_licence():
    assert REGISTER.sources
    for source in REGISTER.sources.values():
        assert source.title and source.publisher and source.licence, source.key
        assert source.as_of <= TODAY, source.key


def test_a_name_points_to_one_body_at_a_time():
    # Two bodies alive at once with the same full name would make name detection ambiguous. (Domains may be
    # shared: councils that share staff share a web site.)
    seen = {}
    for body in REGISTER.bodies:
        other = seen.get(body.name.lower())
        if other is not None and other.existed_during(body.valid_from or dt.date.min, body.valid_to or dt.date.max):
            pytest.fail(f"{body.file}:{body.line}: name {body.name!r} is also {other.file}:{other.line}")
        seen[body.name.lower()] = body


# Counts of bodies that exist today, from the published totals the register's sources give.
KNOWN_TOTALS = [
    ("london-borough", "london", 33),  # the 32 boroughs and the City of London
    ("unitary-authority", "wales", 22),
    ("unitary-authority", "scotland", 32),
    ("district-council", "northern-ireland", 11),
    ("metropolitan-borough", None, 36),
    ("welsh-health-board", "wales", 7),
    ("scottish-health-board", "scotland", 14),
    ("greater-london-authority", "london", 1),
]


@pytest.mark.parametrize(("kind", "region", "total"), KNOWN_TOTALS)
def test_known_totals(kind, region, total):
    counts = existing()
    found = sum(n for (t, r), n in counts.items() if t == kind and (region is None or r == region))
    assert found == total


def test_reorganisations_are_dated():
    # Northern Ireland's 26 councils became 11 on 1 April 2015: both are in the register, each for its years.
    before = sum(n for (t, r), n in existing(dt.date(2015, 3, 1)).items() if (t, r) == ("district-council", "northern-ireland"))
    after = sum(n for (t, r), n in existing(dt.date(2015, 5, 1)).items() if (t, r) == ("district-council", "northern-ireland"))
    assert (before, after) == (26, 11)


def test_a_broken_register_file_is_reported_with_its_line(tmp_path):
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "sources.csv").write_text("key,title,publisher,licence,url,as_of\nx,T,P,OGL,https://example.org,2024-01-01\n")
    (folder / "bodies.csv").write_text(
        "id,name,type,region,valid_from,valid_to,short_names,abbreviations,domains,part_of,source\n"
        "a-council,A Council,unitary-authority,north-west,,,,,,,x\n"
        "b-council,B Council,unitary-authority,north-west,2019-13-01,,,,,,x\n"
    )
    with pytest.raises(RegisterError) as caught:
        load_register(folder)
    assert caught.value.problem == Problem("bodies.csv", 3, "valid_from '2019-13-01' is not a date written YYYY-MM-DD")
