"""Shared fixtures: a scratch handbook to write lessons into, and helpers to run the real tools."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.cli import main

ROOT = Path(__file__).resolve().parents[1]

# A valid published lesson. Tests change one thing in it and look for the exact finding.
VALID = """\
---
id: sample-lesson
title: Shared assessments stalled between two case systems
summary: >-
  We tried to run one assessment for people known to both services, but the two case systems could not
  share records, so staff typed everything twice and then stopped using the joint form.
service_areas: [health, adult-social-care]
failure_types: [technology-and-systems, data-and-information-sharing]
organisation:
  type: unitary-authority
  region: north-west
partners: [nhs-trust]
period: {started: 2021-04, ended: 2022-03}
status: concluded
published: 2023-01-15
editorial:
  state: published
  reviewed_by: handbook-editors
  reviewed_on: 2023-01-10
example: true
---

## What we set out to do

One assessment for people known to both the council and the trust.

## What happened

Staff typed every assessment into both systems, then went back to separate forms.

## Why it went wrong

The two systems had no shared identifier and no interface.

## What we would do differently

Agree the data flow and the interface before changing the form.
"""


# The handbook's own schema and lessons, read independently of build_tools, so that what tests expect does not
# come from the code they check.
SCHEMA = json.loads((ROOT / "schema" / "lesson.schema.json").read_text(encoding="utf-8"))


def labels(vocabulary: str) -> dict[str, str]:
    """Each term's label by id, from the schema."""
    return {option["const"]: option["title"] for option in SCHEMA["$defs"][vocabulary]["oneOf"]}


def split_lesson(text: str) -> tuple[dict, str]:
    """A lesson file's front matter, as plain YAML reads it, and its body."""
    front, body = text.split("\n---\n", 1)
    return yaml.safe_load(front.removeprefix("---\n")), body


def front_matter(path: Path) -> dict:
    return split_lesson(path.read_text(encoding="utf-8"))[0]


LESSONS = {path.stem: front_matter(path) for path in sorted((ROOT / "lessons").glob("*.md"))}
PUBLISHED = {key: meta for key, meta in LESSONS.items() if meta["editorial"]["state"] == "published"}


def html_page(site: Path, url: str) -> BeautifulSoup:
    """A built page, by its site-relative URL ("lessons/x/") or file path ("404.html")."""
    path = site / url if url.endswith(".html") else site / url / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line on which ``needle`` occurs for the ``nth`` time."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} not found")


def col_of(text: str, needle: str, nth: int = 1) -> int:
    line = text.split("\n")[line_of(text, needle, nth) - 1]
    return line.index(needle) + 1


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300)


def run_in_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m build_tools ARGS`` run in this process, for speed: the same exit code and output as the real
    command. Tests of the command itself (starting, usage errors, the pre-commit hook) run it with ``run``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), mock.patch.dict(os.environ, env or {}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own exits: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return subprocess.CompletedProcess(["build_tools", *args], code, out.getvalue(), err.getvalue())


def recoded_lessons() -> dict[str, str]:
    """The handbook's own lessons whose attribution disclosure control recodes, with what the validator says the site
    will show instead ("A combined authority in England")."""
    result = run_in_process("validate", "--format", "json", cwd=ROOT)
    shown = {}
    for finding in json.loads(result.stdout)["findings"]:
        if finding["code"] == "attribution-recoded":
            shown[Path(finding["path"]).stem] = finding["message"].split("the site will show '", 1)[1].split("'", 1)[0]
    return shown


def site_bytes(path: Path) -> bytes:
    """A built file's content, decompressed if it is gzip (sitemaps, the search index's fragments)."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def search_fragments(site: Path) -> dict[str, str]:
    """The search index's text of each page, by URL, read from Pagefind's fragments."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(site_bytes(fragment).removeprefix(b"pagefind_dcd"))
        pages[record["url"]] = record["content"]
    return pages


class Scratch:
    """A handbook in a temporary folder: the real schema, and lessons a test writes."""

    def __init__(self, root: Path, with_site: bool = False) -> None:
        self.root = root
        shutil.copytree(ROOT / "schema", root / "schema")
        shutil.copytree(ROOT / "register", root / "register")
        (root / "lessons").mkdir()
        if with_site:
            for part in ("docs", "site_overrides"):
                shutil.copytree(ROOT / part, root / part)
            shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")

    def configure(self, **options: str) -> None:
        """Set options of the handbook plugin in this handbook's mkdocs.yml, as YAML text."""
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        for key, value in options.items():
            text, count = re.subn(rf"^      {key}: .*$", f"      {key}: {value}", text, flags=re.MULTILINE)
            if not count:
                marker = "  - handbook:\n"
                assert marker in text
                text = text.replace(marker, f"{marker}      {key}: {value}\n")
        config.write_text(text, encoding="utf-8")

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / "lessons" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def copy_lessons(self) -> None:
        for path in (ROOT / "lessons").glob("*.md"):
            shutil.copy(path, self.root / "lessons" / path.name)

    def tool(self, command: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``python -m build_tools COMMAND --root <this handbook> ARGS`` in this handbook's folder."""
        return run(
            sys.executable,
            "-m",
            "build_tools",
            command,
            "--root",
            str(self.root),
            *args,
            cwd=self.root,
            env={"PYTHONPATH": str(ROOT), **(env or {})},
        )

    def validate(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """``python -m build_tools validate --root <this handbook> ARGS``, in this process and this handbook's folder."""
        return run_in_process("validate", "--root", str(self.root), *args, cwd=self.root, env=env)

    def build(self, out: Path, env: dict[str, str] | None = None, options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        """``mkdocs build --strict`` into ``out``, with any further ``options`` of ``mkdocs build``."""
        return run(
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            *options,
            "-f",
            str(self.root / "mkdocs.yml"),
            "-d",
            str(out),
            cwd=self.root,
            env=env,
        )


# How `make preview-build` builds a preview to open from disk (a test checks the Makefile says the same).
PREVIEW_BUILD_ENV = {"HANDBOOK_PREVIEW": "true"}
PREVIEW_BUILD_OPTIONS = ("--no-directory-urls",)
PREVIEW_DRAFT = "a-draft-in-preview"  # the draft lesson the preview build adds to the handbook's own


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Path:
    """The handbook's own lessons and a draft, built as `make preview-build` builds them, once for the test run."""
    scratch = Scratch(tmp_path_factory.mktemp("preview") / "handbook", with_site=True)
    scratch.copy_lessons()
    draft = VALID.replace("id: sample-lesson", f"id: {PREVIEW_DRAFT}")
    record = "state: published\n  reviewed_by: handbook-editors\n  reviewed_on: 2023-01-10"
    scratch.write(f"{PREVIEW_DRAFT}.md", draft.replace(record, "state: draft"))
    out = scratch.root / "out"
    result = scratch.build(out, env=PREVIEW_BUILD_ENV, options=PREVIEW_BUILD_OPTIONS)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path / "handbook")


@pytest.fixture
def scratch_site(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path / "handbook", with_site=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The handbook's own lessons, built once for the whole test run."""
    scratch = Scratch(tmp_path_factory.mktemp("build") / "handbook", with_site=True)
    scratch.copy_lessons()
    out = scratch.root / "out"
    result = scratch.build(out)
    assert result.returncode == 0, result.stderr
    return out
