"""The schema works in standard tools: check-jsonschema gives the same verdict as the handbook's
validator on schema-level rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from build_tools.check.schema import SchemaChecker
from build_tools.check.source import read_source
from build_tools.model.vocabulary import load_schema

from .conftest import ROOT, VALID, run

SCHEMA_PATH = ROOT / "schema" / "lesson.schema.json"

# Each turns the valid lesson into one that breaks a schema-level rule.
BREAKS = {
    "unknown-field": ("example: true", "example: true\nauthor: someone"),
    "bad-service-area": ("[health, adult-social-care]", "[health, social-care]"),
    "bad-region": ("region: north-west", "region: midlands"),
    "missing-summary": ("summary: >-", "notes: >-"),
    "short-title": ("title: Shared assessments stalled between two case systems", "title: Stalled"),
    "markup-in-title": ("title: Shared", "title: <em>Shared</em>"),
    "link-in-title": (
        "title: Shared assessments stalled between two case systems",
        "title: '[Shared assessments](https://example.org) stalled'",
    ),
    "entity-in-title": ("title: Shared", "title: Shared &amp;"),
    "bad-date-format": ("published: 2023-01-15", "published: 2023-1-15"),
    "month-as-published": ("published: 2023-01-15", "published: 2023-01"),
    "number-as-title": ("title: Shared assessments stalled between two case systems", "title: 20230115"),
    "published-without-review": ("  reviewed_on: 2023-01-10\n", ""),
    "too-many-service-areas": (
        "[health, adult-social-care]",
        "[health, adult-social-care, public-health, education-and-skills, employment-and-welfare]",
    ),
    "no-failure-types": ("[technology-and-systems, data-and-information-sharing]", "[]"),
    "duplicate-partner": ("partners: [nhs-trust]", "partners: [nhs-trust, nhs-trust]"),
    "bad-id": ("id: sample-lesson", "id: Sample_Lesson"),
    "bad-contact": ("example: true", "example: true\ncontact: {offers: [conversation], via: call us}"),
    "bad-barrier-type": (
        "example: true",
        "example: true\nnational_barriers: [{type: money, description: Funding arrived too late to recruit anyone.}]",
    ),
    "string-example": ("example: true", "example: 'true'"),
}

# Valid variants that use the optional fields.
KEEPS = {
    "full": (
        "example: true",
        "example: true\n"
        "national_barriers:\n  - {type: funding, description: Funding arrived in-year so posts were fixed-term.}\n"
        "updates:\n  - {date: 2022-09-01, text: The pilot was extended by six months.}\n"
        "contact: {offers: [conversation, site-visit], via: lessons-team@example.org}\n"
        "sources:\n  - {title: Evaluation report, url: 'https://example.org/report'}\n"
        "related: [another-lesson]",
    ),
    "draft-without-review": ("state: published\n  reviewed_by: handbook-editors\n  reviewed_on: 2023-01-10", "state: draft"),
    "named": ("organisation:\n", "organisation:\n  name: Exampleshire County Council\n"),
}


def test_check_jsonschema_agrees_with_the_validator(tmp_path: Path):
    checker = SchemaChecker(load_schema(SCHEMA_PATH))
    cases: dict[str, str] = {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "lessons").glob("*.md"))}
    for name, (old, new) in {**BREAKS, **KEEPS}.items():
        assert old in VALID, name
        cases[f"case-{name}"] = VALID.replace(old, new, 1)

    ours: dict[str, bool] = {}
    yaml_files = []
    for name, text in cases.items():
        md = tmp_path / f"{name}.md"
        md.write_text(text, encoding="utf-8")
        src = read_source(md, md.name)
        assert not src.findings, (name, src.findings)  # the cases are about the schema, not YAML
        ours[name] = not checker.check(src)
        front = tmp_path / f"{name}.yaml"
        front.write_text(text.split("\n---\n", 1)[0].removeprefix("---\n") + "\n", encoding="utf-8")
        yaml_files.append(str(front))

    tool = shutil.which("check-jsonschema", path=str(Path(__import__("sys").executable).parent))
    result = run(tool, "--schemafile", str(SCHEMA_PATH), "-o", "JSON", *yaml_files, cwd=tmp_path)
    report = json.loads(result.stdout)
    assert not report["parse_errors"]
    failing = {Path(error["filename"]).stem for error in report["errors"]}
    theirs = {name: name not in failing for name in cases}

    assert theirs == ours
    assert all(ours[f"case-{name}"] is False for name in BREAKS)
    assert all(ours[f"case-{name}"] is True for name in KEEPS)
