"""Generated documentation: the vocabulary tables in CONTRIBUTING.md and the issue form, from the schema,
and the table of finding codes in README.md, from ``findings.Code``. ``python -m build_tools docs``
writes them; ``--check`` fails if they have drifted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..findings import Code
from ..model.vocabulary import Schema
from .issue_form import FORM_PATH, form_yaml

SCHEMA_SOURCE = "schema/lesson.schema.json"
CODES_SOURCE = "the Code enum in build_tools/findings.py"
GUIDE_PATH = "CONTRIBUTING.md"
START, END = "<!-- vocabularies:start -->", "<!-- vocabularies:end -->"
README_PATH = "README.md"
CODES_START, CODES_END = "<!-- finding-codes:start -->", "<!-- finding-codes:end -->"
# The vocabularies a contributor chooses from, in the order the guide lists them.
GUIDE_VOCABULARIES = ("service_area", "failure_type", "organisation_type", "region", "status", "barrier_type", "contact_offer")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def vocabulary_tables(schema: Schema) -> str:
    parts = []
    for name in GUIDE_VOCABULARIES:
        vocabulary = schema.vocabularies[name]
        parts += [f"### {vocabulary.title}", "", _cell(vocabulary.description), "", "| id | label | meaning |", "| --- | --- | --- |"]
        parts += [f"| `{t.id}` | {_cell(t.label)} | {_cell(t.description)} |" for t in vocabulary.active_terms]
        retired = [t for t in vocabulary.terms if t.retired]
        if retired:
            parts += [
                "",
                "Retired: " + "; ".join(f"`{t.id}`" + (f" (use `{t.replaced_by}`)" if t.replaced_by else "") for t in retired) + ".",
            ]
        parts.append("")
    return "\n".join(parts)


def finding_codes_table() -> str:
    rows = [f"| `{code.value}` | {_cell(code.description)} |" for code in Code]
    return "\n".join(["| code | what it means |", "| --- | --- |", *rows, ""])


@dataclass(frozen=True)
class Generated:
    path: str
    text: str
    source: str  # what the text is made from, for the message when it is out of date


def _between_markers(root: Path, path: str, start: str, end: str, source: str, content: str) -> str:
    """The file at ``path`` with ``content`` between its two marker lines."""
    text = (root / path).read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise ValueError(f"{path} has lost its '{start}' and '{end}' markers")
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n<!-- Generated from {source} by `python -m build_tools docs`: do not edit. -->\n\n{content}\n{end}{after}"


def generated_files(root: Path, schema: Schema) -> list[Generated]:
    """Each generated file's path and the text it should have now."""
    guide = _between_markers(root, GUIDE_PATH, START, END, SCHEMA_SOURCE, vocabulary_tables(schema))
    readme = _between_markers(root, README_PATH, CODES_START, CODES_END, CODES_SOURCE, finding_codes_table())
    return [
        Generated(GUIDE_PATH, guide, SCHEMA_SOURCE),
        Generated(FORM_PATH, form_yaml(schema), SCHEMA_SOURCE),
        Generated(README_PATH, readme, CODES_SOURCE),
    ]


def stale(root: Path, schema: Schema) -> list[Generated]:
    """The generated files whose text differs from what they are made from."""
    out = []
    for item in generated_files(root, schema):
        path = root / item.path
        if not path.is_file() or path.read_text(encoding="utf-8") != item.text:
            out.append(item)
    return out


def write(root: Path, schema: Schema) -> list[str]:
    changed = stale(root, schema)
    for item in changed:
        (root / item.path).parent.mkdir(parents=True, exist_ok=True)
        (root / item.path).write_text(item.text, encoding="utf-8")
    return [item.path for item in changed]
