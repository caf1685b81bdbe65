"""Contributing: starting a lesson, the issue-form route, and the generated guide and form.

What the tools write is checked by calling them in-process; the command line itself (exit codes and
messages, the questions asked in a terminal, `docs --check`) runs as a separate process.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys

import pexpect
import pytest
import yaml

from build_tools.cli import parser
from build_tools.contribute import new_lesson
from build_tools.contribute.issue_form import lesson_from_issue, read_answers
from build_tools.contribute.scaffold import slugify
from build_tools.model.vocabulary import load_schema
from build_tools.pipeline import Layout, check

from .conftest import ROOT, Scratch, run

SCHEMA = json.loads((ROOT / "schema" / "lesson.schema.json").read_text())
ISSUE_BODY = (ROOT / "tests" / "fixtures" / "issue-body.md").read_text()


def labels(vocabulary: str) -> list[str]:
    return [o["title"] for o in SCHEMA["$defs"][vocabulary]["oneOf"] if not o.get("deprecated")]


def new(scratch: Scratch, *args: str):
    return run(
        sys.executable, "-m", "build_tools", "new", "--root", str(scratch.root), *args, cwd=scratch.root, env={"PYTHONPATH": str(ROOT)}
    )


def new_in_process(scratch: Scratch, capsys, *args: str) -> tuple[int, str]:
    """`new` with every answer given as flags, run in this process: its exit code and what it printed."""
    code = new_lesson.run(parser().parse_args(["new", "--root", str(scratch.root), *args]))
    return code, capsys.readouterr().out


def errors(scratch: Scratch) -> list[str]:
    """The errors `validate` would report for the scratch handbook's lessons: none means it exits 0."""
    result = check(Layout(root=scratch.root), model=False)
    return [f"{finding.path}:{finding.line}: {finding.message}" for finding in result.findings if finding.is_error]


FLAGS = (
    "--title",
    "Referrals bounced between two front doors for months",
    "--service-area",
    "health",
    "--service-area",
    "Adult social care",
    "--failure-type",
    "data-and-information-sharing",
    "--organisation-type",
    "nhs-trust",
    "--region",
    "london",
    "--started",
    "2023-04",
    "--status",
    "ongoing",
)


def test_new_writes_a_draft_that_validates(scratch, capsys):
    code, out = new_in_process(scratch, capsys, *FLAGS, "--anonymous")
    assert code == 0
    path = "lessons/referrals-bounced-between-two-front-doors-for-months.md"
    assert out.strip() == path
    text = (scratch.root / path).read_text()
    assert "state: draft" in text and "service_areas: [health, adult-social-care]" in text
    front = yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n"))
    assert "name" not in front["organisation"]
    for heading in ("What we set out to do", "What happened", "Why it went wrong", "What we would do differently"):
        assert f"## {heading}\n\n<!-- Prompt: " in text
    assert errors(scratch) == []


def test_new_never_overwrites(scratch, capsys):
    assert new_in_process(scratch, capsys, *FLAGS, "--anonymous")[0] == 0
    _, second = new_in_process(scratch, capsys, *FLAGS, "--named", "Exampleshire County Council")
    assert second.strip() == "lessons/referrals-bounced-between-two-front-doors-for-months-2.md"
    assert "name: Exampleshire County Council" in (scratch.root / second.strip()).read_text()
    assert len(list((scratch.root / "lessons").glob("*.md"))) == 2


def test_new_without_a_terminal_names_what_is_missing(scratch):
    result = new(scratch, "--title", "Referrals bounced between two front doors for months")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: missing --service-area, --failure-type, --organisation-type, --region, --anonymous or --named NAME, "
        "--started, --status (pass them as flags, or run in a terminal to be asked)"
    )
    assert not list((scratch.root / "lessons").glob("*.md"))


def front_of(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n"))


BARRIER = "We could not see community health records without a new agreement."


def test_new_records_the_period_status_and_barriers_it_is_given(scratch, capsys):
    flags = [*FLAGS[:-4], "--started", "2022-05", "--ended", "2023-03", "--status", "Concluded", "--anonymous"]
    code, out = new_in_process(
        scratch, capsys, *flags, "--barrier", f"data-sharing:{BARRIER}", "--barrier", "Funding: The fund came in-year."
    )
    assert code == 0
    front = front_of((scratch.root / out.strip()).read_text())
    assert front["period"] == {"started": "2022-05", "ended": "2023-03"}
    assert front["status"] == "concluded"
    assert front["national_barriers"] == [
        {"type": "data-sharing", "description": BARRIER},
        {"type": "funding", "description": "The fund came in-year."},
    ]
    assert errors(scratch) == []


def test_a_draft_without_an_end_or_barriers_says_where_they_go(scratch, capsys):
    code, out = new_in_process(scratch, capsys, *FLAGS, "--anonymous")
    assert code == 0
    text = (scratch.root / out.strip()).read_text()
    assert front_of(text)["period"] == {"started": "2023-04"} and front_of(text)["status"] == "ongoing"
    assert "# No end date yet: add `ended: YYYY-MM` when the work ends" in text
    assert "national_barriers" not in front_of(text) and "# No national barriers:" in text


NEXT_MONTH = f"{(dt.date.today().replace(day=1) + dt.timedelta(days=32)):%Y-%m}"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--started", "2023-13"], "error: --started: '2023-13' is not a real month: the month is 01 to 12"),
        (["--started", "April 2023"], "error: --started: 'April 2023' is not a month: write it as YYYY-MM, such as 2023-04"),
        (["--started", NEXT_MONTH], f"error: --started: {NEXT_MONTH} is in the future (this month is {dt.date.today():%Y-%m})"),
        (["--ended", NEXT_MONTH, "--status", "stopped"], f"error: --ended: {NEXT_MONTH} is in the future"),
        (["--ended", "2023-01", "--status", "stopped"], "error: --ended: the work cannot have ended (2023-01) before it started (2023-04)"),
        (["--ended", "2023-06"], "error: --status ongoing: the work has ended (--ended 2023-06): use concluded or stopped"),
        (["--status", "paused"], "error: --status 'paused' is not a status"),
        (["--barrier", "funding"], "error: --barrier 'funding': write it as TYPE:TEXT, such as 'funding:The fund was announced in-year.'"),
        (["--barrier", f"money:{BARRIER}"], "error: --barrier 'money' is not a national barrier"),
        (["--barrier", "funding:Too short."], "error: --barrier: a description must be 20-600 characters; this one is 10."),
        (["--barrier", f"funding:See <b>this</b> {BARRIER}"], "error: --barrier: a description must be plain text, without HTML or links."),
    ],
)
def test_new_checks_the_period_status_and_barriers_as_they_are_given(scratch, capsys, flags, message):
    code = new_lesson.run(parser().parse_args(["new", "--root", str(scratch.root), *FLAGS, "--anonymous", *flags]))
    assert code == 2
    assert capsys.readouterr().err.startswith(message)
    assert not list((scratch.root / "lessons").glob("*.md"))


def test_new_rejects_unknown_terms(scratch):
    result = new(scratch, *FLAGS, "--anonymous", "--failure-type", "data-sharing")
    assert result.returncode == 2
    assert "error: --failure-type 'data-sharing' is not a failure type" in result.stderr


def test_new_asks_in_a_terminal(scratch):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "build_tools", "new", "--root", str(scratch.root)],
        cwd=str(scratch.root),
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        encoding="utf-8",
        timeout=20,
    )
    child.expect("Title")
    child.sendline("Too short")
    child.expect("must be 10-150 characters")
    child.sendline("Our shared front door sent families round in circles")
    child.expect(r"1\. Health \(health\)")
    child.expect("Service area: ")
    child.sendline("3, health")
    child.expect("Failure type: ")
    child.sendline("no-such-thing")
    child.expect("is not a failure type")
    child.sendline("Culture and relationships")
    child.expect("Organisation type: ")
    child.sendline("multi-agency-partnership")
    child.expect("Region: ")
    child.sendline("yorkshire-and-the-humber")
    child.expect("Organisation name")
    child.sendline("")
    child.expect("Started")
    child.sendline("2023-13")
    child.expect("not a real month")
    child.sendline("2023-04")
    child.expect("Ended")
    child.sendline("2023-01")
    child.expect(r"cannot have ended \(2023-01\) before it started \(2023-04\)")
    child.sendline("2024-02")
    child.expect("Status: ")
    child.sendline("ongoing")
    child.expect("the work has ended")
    child.sendline("2")
    child.expect(r"5\. Data sharing \(data-sharing\)")
    child.expect("National barrier")
    child.sendline("data-sharing")
    child.expect("Description")
    child.sendline("Too short")
    child.expect("must be 20-600 characters")
    child.sendline("We could not see community health records without a new agreement.")
    child.expect("National barrier")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (scratch.root / "lessons" / "our-shared-front-door-sent-families-round-in-circles.md").read_text()
    assert "service_areas: [children-and-families, health]" in text
    assert "failure_types: [culture-and-relationships]" in text
    assert "region: yorkshire-and-the-humber" in text
    front = front_of(text)
    assert front["period"] == {"started": "2023-04", "ended": "2024-02"} and front["status"] == "concluded"
    assert front["national_barriers"] == [{"type": "data-sharing", "description": BARRIER}]
    assert errors(scratch) == []


def test_ids_keep_words_whole_across_apostrophes_and_split_them_at_dashes():
    assert slugify("Children's services didn't share") == "childrens-services-didnt-share"
    assert slugify("Children\u2019s services didn\u2019t share") == "childrens-services-didnt-share"
    assert slugify("The \u2018hub\u2019 missed King\u02bcs Lynn") == "the-hub-missed-kings-lynn"
    assert slugify("Discharge\u2014a year lost in Stoke\u2013on\u2013Trent") == "discharge-a-year-lost-in-stoke-on-trent"
    assert slugify("Zo\u00eb's caf\u00e9 closed early") == "zoes-cafe-closed-early"


PLACE_TITLE = ("--title", "Referrals in King's Lynn bounced between two front doors")


def test_new_leaves_a_place_out_of_an_anonymous_lessons_id_and_says_so(scratch, capsys):
    code = new_lesson.run(parser().parse_args(["new", "--root", str(scratch.root), *FLAGS, *PLACE_TITLE, "--anonymous"]))
    assert code == 0
    out, err = capsys.readouterr()
    assert out.strip() == "lessons/referrals-in-bounced-between-two-front-doors.md"
    assert "warning: the id would name a place or public body, 'kings-lynn'" in err
    assert "left 'kings-lynn' out of the id" in err
    assert errors(scratch) == []  # the title's place name is a warning an editor can accept; the id would be an error


def test_a_named_lesson_keeps_the_place_in_its_id(scratch, capsys):
    code, out = new_in_process(scratch, capsys, *FLAGS, *PLACE_TITLE, "--named", "Exampleshire County Council")
    assert code == 0
    assert out.strip() == "lessons/referrals-in-kings-lynn-bounced-between-two-front-doors.md"


def spawn_new(scratch: Scratch, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "build_tools", "new", "--root", str(scratch.root), *args],
        cwd=str(scratch.root),
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        encoding="utf-8",
        timeout=20,
    )


def test_new_offers_to_leave_a_place_out_of_the_id_in_a_terminal(scratch):
    child = spawn_new(scratch, *FLAGS, "--title", "Stoke-on-Trent hub missed people with complex needs", "--anonymous")
    child.expect("'stoke-on-trent'")
    child.expect(r"Leave 'stoke-on-trent' out of the id\? \[Y/n\]: ")
    child.sendline("maybe")
    child.expect(r"\[Y/n\]: ")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [path.name for path in (scratch.root / "lessons").glob("*.md")] == ["hub-missed-people-with-complex-needs.md"]
    assert errors(scratch) == []


def test_keeping_a_place_in_an_anonymous_id_writes_nothing(scratch):
    child = spawn_new(scratch, *FLAGS, *PLACE_TITLE, "--anonymous")
    child.expect(r"\[Y/n\]: ")
    child.sendline("n")
    child.expect("nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert not list((scratch.root / "lessons").glob("*.md"))


def from_issue(scratch: Scratch, body: str):
    issue = scratch.root / "issue.md"
    issue.write_text(body)
    return scratch.tool("from-issue", str(issue))


def test_an_issue_body_round_trips_into_a_valid_draft(scratch):
    lesson_id = slugify(read_answers(ISSUE_BODY)["title"])
    text = lesson_from_issue(ISSUE_BODY, load_schema(scratch.root / "schema" / "lesson.schema.json"), lesson_id, dt.date.today())
    scratch.write(f"{lesson_id}.md", text)
    front, body = text.split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    assert data["title"] == "Joint discharge hub missed the people who needed it most"
    assert data["service_areas"] == ["health", "adult-social-care"]
    assert data["organisation"] == {"type": "unitary-authority", "region": "east-midlands"}  # no name: anonymous
    assert data["period"] == {"started": "2022-05", "ended": "2023-03"}
    assert data["editorial"] == {"state": "draft"}
    assert data["national_barriers"][1] == {
        "type": "data-sharing",
        "description": "We could not see community health records without a new agreement.",
    }
    assert data["contact"] == {"offers": ["conversation", "documents"], "via": "https://example.org/discharge-hub"}
    assert data["sources"] == [{"title": "Hub evaluation, first year", "url": "https://example.org/hub-evaluation"}]
    assert "### A heading the contributor typed" in body
    assert "## What worked" not in body and "## Advice for others" in body
    assert errors(scratch) == []


def test_a_draft_from_an_issue_points_back_to_no_issue(scratch):
    """The lesson file outlives the issue: it names no issue, so nothing in it leads back to who opened one."""
    result = from_issue(scratch, ISSUE_BODY)
    assert result.returncode == 0, result.stderr
    text = (scratch.root / result.stdout.strip()).read_text()
    assert "issue" not in text.lower() and "#" not in text.split("\n---\n", 1)[0].replace("# A draft lesson", "")
    refused = scratch.tool("from-issue", str(scratch.root / "issue.md"), "--issue", "12")
    assert refused.returncode == 2 and "unrecognized arguments: --issue" in refused.stderr


def test_an_incomplete_issue_gets_a_list_of_what_is_missing(scratch):
    body = ISSUE_BODY.replace("East Midlands", "_No response_").replace("Health, Adult social care", "Health, Social care")
    result = from_issue(scratch, body)
    assert result.returncode == 1
    assert "- 'Region' is required but was left empty" in result.stderr.splitlines()
    assert any(line.startswith("- 'Service areas': 'Social care' is not one of the options") for line in result.stderr.splitlines())
    assert not list((scratch.root / "lessons").glob("*.md"))


def test_the_form_offers_exactly_the_schemas_vocabularies():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "lesson.yml").read_text())
    dropdowns = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    assert dropdowns == {
        "service_areas": labels("service_area"),
        "failure_types": labels("failure_type"),
        "organisation_type": labels("organisation_type"),
        "region": labels("region"),
        "partners": labels("organisation_type"),
        "status": labels("status"),
        "contact_offers": labels("contact_offer"),
    }
    assert all("," not in label for options in dropdowns.values() for label in options)  # GitHub joins choices with ", "


def test_generated_guide_and_form_are_up_to_date():
    result = run(sys.executable, "-m", "build_tools", "docs", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    for vocabulary in ("service_area", "failure_type", "region"):
        for option in SCHEMA["$defs"][vocabulary]["oneOf"]:
            assert f"| `{option['const']}` | {option['title']} | {option['description']} |" in guide


def test_docs_check_fails_when_the_schema_changes(tmp_path):
    for part in ("schema", ".github", "CONTRIBUTING.md", "README.md"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    schema = json.loads((tmp_path / "schema" / "lesson.schema.json").read_text())
    schema["$defs"]["region"]["oneOf"].append({"const": "isle-of-man", "title": "Isle of Man", "description": "The Isle of Man."})
    (tmp_path / "schema" / "lesson.schema.json").write_text(json.dumps(schema))
    check = run(
        sys.executable, "-m", "build_tools", "docs", "--check", "--root", str(tmp_path), cwd=tmp_path, env={"PYTHONPATH": str(ROOT)}
    )
    assert check.returncode == 1
    assert "CONTRIBUTING.md: out of date" in check.stderr and ".github/ISSUE_TEMPLATE/lesson.yml: out of date" in check.stderr
    write = run(sys.executable, "-m", "build_tools", "docs", "--root", str(tmp_path), cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert write.returncode == 0
    assert "| `isle-of-man` | Isle of Man | The Isle of Man. |" in (tmp_path / "CONTRIBUTING.md").read_text()
    assert "Isle of Man" in (tmp_path / ".github" / "ISSUE_TEMPLATE" / "lesson.yml").read_text()
