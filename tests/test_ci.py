"""CI: GitHub annotations and JSON findings, and workflow files that only call what the repo has."""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import subprocess
import sys

import pytest
import yaml

from build_tools.cli import parser
from build_tools.findings import Finding
from build_tools.reporters import format_finding, github_command

from .conftest import ROOT, VALID, col_of, line_of, run


def broken(scratch, count: int = 1) -> str:
    text = VALID.replace("status: concluded", "status: finished")
    for index in range(count):
        name = "sample-lesson" if index == 0 else f"copy-{index}"
        scratch.write(f"{name}.md", text.replace("id: sample-lesson", f"id: {name}"))
    return text


def test_github_format_annotates_every_finding_and_fills_the_job_summary(scratch, tmp_path):
    text = broken(scratch, count=12)  # more than the ten annotations GitHub shows a step
    summary = tmp_path / "summary.md"
    result = scratch.validate("--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    line, column = line_of(text, "finished"), col_of(text, "finished")
    out = result.stdout.splitlines()
    assert (
        f"::error file=lessons/sample-lesson.md,line={line},col={column},title=Lesson error%3A vocabulary::"
        "status: 'finished' is not a known status; allowed: ongoing, concluded, stopped"
    ) in out
    assert sum(1 for x in out if x.startswith("::error ")) == 12
    assert sum(1 for x in out if ": error: status: 'finished'" in x) == 12  # the readable log as well
    table = summary.read_text()
    assert table.startswith("## Lesson check\n")
    assert table.count("| error | status: 'finished' is not a known status") == 12


def test_workflow_command_values_are_escaped():
    finding = Finding("lessons/a,b:c.md", 3, 4, "100% wrong\nsecond line", code="odd-one")
    assert (
        github_command(finding)
        == "::error file=lessons/a%2Cb%3Ac.md,line=3,col=4,title=Lesson error%3A odd one::100%25 wrong%0Asecond line"
    )


def test_json_format(scratch):
    text = broken(scratch)
    result = scratch.validate("--format", "json")
    document = json.loads(result.stdout)
    assert document["valid"] is False and document["errors"] == 1 and document["checked"] == 1
    assert document["findings"] == [
        {
            "path": "lessons/sample-lesson.md",
            "line": line_of(text, "finished"),
            "column": col_of(text, "finished"),
            "severity": "error",
            "code": "vocabulary",
            "message": "status: 'finished' is not a known status; allowed: ongoing, concluded, stopped",
        }
    ]


# Each kind of personal data, where it is put in a lesson and the text found. CI logs, annotations, job summaries
# and JSON are read by more people than the author, and kept: they give the kind, code and place only.
BODY_LINE = "Staff typed every assessment into both systems, then went back to separate forms."
LEAKS = [
    ("email", BODY_LINE, f"{BODY_LINE} Write to jane.doe@example.gov.uk.", "jane.doe@example.gov.uk"),
    ("phone", BODY_LINE, f"{BODY_LINE} Ring 01632 960000.", "01632 960000"),
    ("nhs-number", BODY_LINE, f"{BODY_LINE} Patient 943 476 5919.", "943 476 5919"),
    ("ni-number", BODY_LINE, f"{BODY_LINE} NI number AB 12 34 56 C.", "AB 12 34 56 C"),
    ("postcode", BODY_LINE, f"{BODY_LINE} She lives at SW1A 1AA.", "SW1A 1AA"),
    ("person-name", BODY_LINE, f"{BODY_LINE} Ask Dr Sarah Okafor.", "Sarah Okafor"),
    ("possible-person-name", BODY_LINE, f"{BODY_LINE} Ask Priya Patel.", "Priya Patel"),
    ("organisation-name", BODY_LINE, f"{BODY_LINE} Northshire County Council ran it.", "Northshire"),
    ("phone", "  We tried to run", "  Ring 0161 496 0000. We tried to run", "0161 496 0000"),
    (
        "personal-mailbox",
        "example: true",
        "example: true\ncontact: {offers: [conversation], via: jane.doe@example.org}",
        "jane.doe",
    ),
    # The schema's own message quotes the value; the personal-data check finds the phone number in it.
    ("phone", "example: true", "example: true\ncontact: {offers: [conversation], via: 0161 496 0000}", "0161 496 0000"),
    ("phone", "example: true", 'example: true\ncontact: {offers: [conversation], via: "0161\\u00a0496\\u00a00000"}', "496"),
]


@pytest.mark.parametrize(("code", "old", "new", "secret"), LEAKS, ids=[f"{leak[0]}-{i}" for i, leak in enumerate(LEAKS)])
def test_ci_formats_never_repeat_personal_data(scratch, tmp_path, code, old, new, secret):
    text = VALID.replace(old, new, 1)
    assert secret in text
    scratch.write("sample-lesson.md", text)
    # The author's own terminal shows what was found, so that they can find it.
    assert secret in scratch.validate().stdout
    summary = tmp_path / "summary.md"
    github = scratch.validate("--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert f"title=Lesson {'error' if github.returncode else 'warning'}%3A {code.replace('-', ' ')}::" in github.stdout
    assert secret not in github.stdout + github.stderr
    assert secret not in summary.read_text()
    assert f"| `{code}` |" in summary.read_text()
    json_run = scratch.validate("--format", "json")
    assert secret not in json_run.stdout + json_run.stderr
    document = json.loads(json_run.stdout)
    assert code in {finding["code"] for finding in document["findings"]}
    assert all("excerpt" not in finding for finding in document["findings"])


def test_the_text_format_quotes_what_it_found_and_github_gives_the_place(scratch):
    text = VALID.replace(BODY_LINE, f"{BODY_LINE} Ring 01632 960000.")
    scratch.write("sample-lesson.md", text)
    line, column = line_of(text, "01632"), col_of(text, "01632")
    place = f"lessons/sample-lesson.md:{line}:{column}: error: a phone number; remove it (peers can be reached through contact.via)"
    assert f"{place}: '01632 960000'" in scratch.validate().stdout.splitlines()
    github = scratch.validate("--format", "github").stdout.splitlines()
    assert place in github
    assert (
        f"::error file=lessons/sample-lesson.md,line={line},col={column},title=Lesson error%3A phone::"
        "a phone number; remove it (peers can be reached through contact.via)"
    ) in github


def test_format_finding_leaves_the_excerpt_out_when_asked():
    finding = Finding("lessons/a.md", 3, 4, "a phone number; remove it", code="phone", excerpt="0161 496 0000")
    assert format_finding(finding) == "lessons/a.md:3:4: error: a phone number; remove it: '0161 496 0000'"
    assert format_finding(finding, excerpt=False) == "lessons/a.md:3:4: error: a phone number; remove it"
    plain = Finding("lessons/a.md", 3, 4, "status: 'x' is not a known status", code="vocabulary")
    assert format_finding(plain) == format_finding(plain, excerpt=False) == "lessons/a.md:3:4: error: status: 'x' is not a known status"


def test_the_site_build_log_in_ci_does_not_repeat_personal_data(scratch_site, tmp_path):
    scratch_site.write("sample-lesson.md", VALID.replace(BODY_LINE, f"{BODY_LINE} Ring 01632 960000."))
    local = scratch_site.build(tmp_path / "local", env={"CI": ""})
    assert local.returncode != 0 and "'01632 960000'" in local.stderr
    ci = scratch_site.build(tmp_path / "ci", env={"CI": "true"})
    assert ci.returncode != 0 and "lessons/sample-lesson.md:" in ci.stderr and "a phone number" in ci.stderr
    assert "01632 960000" not in ci.stdout + ci.stderr


def make_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z0-9_.-]+):", (ROOT / "Makefile").read_text(), flags=re.MULTILINE))


def cli_commands() -> set[str]:
    subparsers = next(a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(subparsers.choices)


def workflow_steps():
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                yield path.name, step


def commands_in(script: str):
    for line in script.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line.startswith("if "):
            line = line[3:]
        if line and not line.startswith("#"):
            words = shlex.split(line.rstrip(";").removesuffix("; then"), comments=True)
            # The command alone, without where its output goes: `make status FORMAT=markdown >> "$GITHUB_STEP_SUMMARY"`.
            yield list(itertools.takewhile(lambda word: word not in SHELL_OPERATORS, words))


SHELL_OPERATORS = {">", ">>", "|", "2>&1", "&&", "||"}


def test_workflows_call_only_targets_and_commands_the_repo_has():
    targets, commands, checked = make_targets(), cli_commands(), 0
    for name, step in workflow_steps():
        for words in commands_in(step.get("run", "")):
            if words[:1] == ["make"]:
                target = next(w for w in words[1:] if "=" not in w)
                assert target in targets, f"{name}: make {target} is not a Makefile target"
                dry = subprocess.run(["make", "-n", *words[1:]], cwd=ROOT, capture_output=True, text=True)
                assert dry.returncode == 0, f"{name}: {' '.join(words)}: {dry.stderr}"
                checked += 1
            if "build_tools" in words:
                command = words[words.index("build_tools") + 1]
                assert command in commands, f"{name}: build_tools has no command {command!r}"
                checked += 1
            for word in words:
                if word.startswith((".venv/", ".ci/", "./")):
                    assert word.startswith(".venv/") or (ROOT / word).exists(), f"{name}: {word} does not exist"
    assert checked >= 6


@pytest.mark.parametrize("workflow", ["pull-request.yml", "publish.yml", "lesson-from-issue.yml", "editors-status.yml"])
def test_expected_workflows_exist(workflow):
    assert (ROOT / ".github" / "workflows" / workflow).is_file()


def test_pull_requests_validate_annotated_build_strictly_and_upload_a_preview():
    steps = [step for name, step in workflow_steps() if name == "pull-request.yml"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "make validate FORMAT=github" in runs and "make build" in runs
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text()
    # The artifact is the preview to open from disk, with the lesson under review in it, not the production build.
    preview = next(words for step in steps for words in commands_in(step.get("run", "")) if words[:2] == ["make", "preview-build"])
    out = next(word.split("=", 1)[1] for word in preview if word.startswith("PREVIEW_DIR="))
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == out


def test_pull_requests_summarise_the_changed_lessons_findings_without_the_text_found(scratch, tmp_path):
    """Run the summary step's script against a repository whose last commit merges a change to two lessons."""
    steps = [step for name, step in workflow_steps() if name == "pull-request.yml"]
    script = next(step["run"] for step in steps if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert "git diff -z --name-only --diff-filter=AMR HEAD^1 HEAD -- 'lessons/*.md'" in script
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    scratch.write("sample-lesson.md", VALID)
    scratch.write("other-lesson.md", VALID.replace("id: sample-lesson", "id: other-lesson"))
    run("git", "init", "-q", cwd=scratch.root)
    run(*git, "add", "-A", cwd=scratch.root)
    run(*git, "commit", "-q", "-m", "base", cwd=scratch.root)
    # The pull request: a phone number in one lesson, and a new lesson; the other lesson is untouched.
    scratch.write("sample-lesson.md", VALID.replace(BODY_LINE, f"{BODY_LINE} Ring 01632 960000."))
    scratch.write("new-lesson.md", VALID.replace("id: sample-lesson", "id: new-lesson"))
    run(*git, "add", "-A", cwd=scratch.root)
    run(*git, "commit", "-q", "-m", "change", cwd=scratch.root)
    (scratch.root / ".venv" / "bin").mkdir(parents=True)
    python = scratch.root / ".venv" / "bin" / "python"  # the handbook's virtualenv, as `make install` leaves it in CI
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    summary, temp = tmp_path / "summary.md", tmp_path / "runner"
    temp.mkdir()
    env = {"GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(temp), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(["bash", "-e", "-c", script], cwd=scratch.root, env={**os.environ, **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = summary.read_text()
    assert text.startswith("## Lessons this pull request adds or changes\n")
    assert "- `lessons/sample-lesson.md`" in text and "- `lessons/new-lesson.md`" in text and "other-lesson" not in text
    assert "## Lesson check" in text and "`phone`" in text and "lessons/sample-lesson.md" in text
    assert "01632" not in text and "960000" not in text


def test_the_pre_commit_hook_validates_staged_lessons(scratch):
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert re.match(hook["files"], "lessons/x.md") and not re.match(hook["files"], "docs/x.md")
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    for dependency in hook["additional_dependencies"]:
        name, version = dependency.split("==")
        assert pins[name] == version, f"the hook pins {dependency}, requirements.txt {pins[name]}"
    # Run the hook's own command the way pre-commit does: entry, then the staged file names.
    good = scratch.write("sample-lesson.md", VALID)
    bad = scratch.write("bad-lesson.md", VALID.replace("id: sample-lesson", "id: bad-lesson").replace("status: concluded", "status: x"))
    entry = shlex.split(hook["entry"])
    assert entry[:3] == ["python", "-m", "build_tools"]
    command = [sys.executable, *entry[1:]]
    ok = run(*command, str(good.relative_to(scratch.root)), cwd=scratch.root, env={"PYTHONPATH": str(ROOT)})
    assert ok.returncode == 0, ok.stdout
    failed = run(*command, str(bad.relative_to(scratch.root)), cwd=scratch.root, env={"PYTHONPATH": str(ROOT)})
    assert failed.returncode == 1 and "lessons/bad-lesson.md:" in failed.stdout


def test_the_issue_route_leaves_no_pointer_to_the_issue_and_keeps_its_body_out_of_the_log():
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        # A step's log lists its environment variables with their values: a submission's text goes through files.
        assert not re.search(r"github\.event\.[a-z_]+\.body", path.read_text()), path.name
    uses_the_number = 0
    for name, step in workflow_steps():
        for words in commands_in(step.get("run", "")):
            if name == "lesson-from-issue.yml" and any("ISSUE_NUMBER" in word for word in words):
                # Only the issue itself is told about the draft; the commit, branch and pull request name the lesson.
                assert words[:3] == ["gh", "issue", "comment"], words
                uses_the_number += 1
            assert "--issue" not in words
    assert uses_the_number == 2


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_uploaded_artifacts_do_not_outlive_their_need():
    uploads = [
        (name, step)
        for name, step in workflow_steps()
        if step.get("uses", "").startswith(("actions/upload-artifact", "actions/upload-pages-artifact"))
    ]
    assert {name for name, _ in uploads} == {"pull-request.yml", "publish.yml"}
    for name, step in uploads:
        # A preview is for the review in hand; the Pages artifact only for the deploy that follows.
        limit = 3 if name == "pull-request.yml" else 1
        assert 1 <= int(step["with"]["retention-days"]) <= limit, (name, step["uses"])


def test_publishing_supports_pages_from_a_private_repository_or_a_separate_public_repository():
    publish = workflow("publish.yml")
    assert publish["permissions"] == {"contents": "read"}  # each job asks for what it needs beyond reading
    steps = publish["jobs"]["build"]["steps"]
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    push = next(step for step in steps if "make push-site" in step.get("run", ""))
    assert "'pages'" in pages["if"] and "'repository'" in push["if"]
    assert push["env"] == {"SITE_TOKEN": "${{ secrets.PUBLIC_SITE_TOKEN }}", "SITE_REPOSITORY": "${{ vars.PUBLIC_SITE_REPOSITORY }}"}
    deploy = publish["jobs"]["deploy"]
    assert deploy["if"] == pages["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])


def test_pushing_the_site_replaces_the_public_repositorys_history_with_one_commit_by_the_bot(tmp_path):
    site = tmp_path / "site"
    (site / "lessons" / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "lessons" / "a" / "index.html").write_text("<p>a lesson</p>")
    public = tmp_path / "public.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(public)], check=True)
    env = {"SITE_DIR": str(site), "SITE_REMOTE": public.as_uri(), "SITE_TOKEN": "not-a-real-token", "HOME": str(tmp_path)}
    for _ in range(2):  # the second publish replaces the first
        result = run("make", "--no-print-directory", "push-site", cwd=ROOT, env=env)
        assert result.returncode == 0, result.stderr
        assert "not-a-real-token" not in result.stdout + result.stderr
    log = subprocess.run(
        ["git", "--git-dir", str(public), "log", "--format=%an <%ae>|%cn <%ce>|%s", "main"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    bot = f"{make_variable('BOT_NAME')} <{make_variable('BOT_EMAIL')}>"
    assert log == [f"{bot}|{bot}|Publish the handbook"]
    files = subprocess.run(["git", "--git-dir", str(public), "ls-tree", "-r", "--name-only", "main"], capture_output=True, text=True)
    assert files.stdout.split() == [".nojekyll", "index.html", "lessons/a/index.html"]


def make_variable(name: str) -> str:
    (value,) = re.findall(rf"^{name} := (.+)$", (ROOT / "Makefile").read_text(), flags=re.MULTILINE)
    return value


def test_drafts_from_issues_are_committed_as_the_handbooks_bot():
    steps = workflow("lesson-from-issue.yml")["jobs"]["draft"]["steps"]
    script = next(step["run"] for step in steps if "gh pr create" in step.get("run", ""))
    commits = [words for words in commands_in(script) if "commit" in words or "bot-commit" in words]
    assert commits and all(words[:2] == ["make", "bot-commit"] for words in commits)
    assert "@" not in script  # no identity of its own: the Makefile's bot


def test_bot_commit_commits_what_is_staged_as_the_bot(tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    (repo / "lesson.md").write_text("text\n")
    subprocess.run(["git", "-C", str(repo), "add", "lesson.md"], check=True)
    env = {"HOME": str(tmp_path), "GIT_DIR": str(repo / ".git"), "GIT_WORK_TREE": str(repo)}
    result = run("make", "--no-print-directory", "bot-commit", 'MESSAGE=Add lesson x, "quoted" $HOME', cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    log = subprocess.run(["git", "-C", str(repo), "log", "--format=%an <%ae>|%cn <%ce>|%s"], capture_output=True, text=True).stdout
    bot = f"{make_variable('BOT_NAME')} <{make_variable('BOT_EMAIL')}>"
    assert log.splitlines() == [f'{bot}|{bot}|Add lesson x, "quoted" $HOME']
    assert run("make", "--no-print-directory", "bot-commit", cwd=ROOT, env=env).returncode != 0  # a message is required


def test_the_editors_status_runs_weekly_into_the_job_summary_with_least_privilege():
    status = workflow("editors-status.yml")
    triggers = status[True] if True in status else status["on"]  # YAML 1.1 reads `on` as true
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"]
    assert status["permissions"] == {"contents": "read"}
    steps = [step for job in status["jobs"].values() for step in job["steps"]]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0  # the history, for how long each lesson has waited
    assert any('make status FORMAT=markdown >> "$GITHUB_STEP_SUMMARY"' in step.get("run", "") for step in steps)
