"""Files generated from the schema for contributors: the vocabulary tables in CONTRIBUTING.md and the
issue form. ``python -m build_tools docs`` writes them; ``--check`` fails if they have drifted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.vocabulary import Schema
from .issue_form import FORM_PATH, form_yaml

GUIDE_PATH = "CONTRIBUTING.md"
START, END = "<!-- vocabularies:start -->", "<!-- vocabularies:end -->"
# The vocabularies a contributor chooses from, in the order the guide lists them.
GUIDE_VOCABULARIES = ("service_area", "failure_type", "organisation_type", "region", "status", "barrier_type", "contact_offer")


def vocabulary_tables(schema: Schema) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    parts = []
    for name in GUIDE_VOCABULARIES:
        vocabulary = schema.vocabularies[name]
        parts += [f"### {vocabulary.title}", "", cell(vocabulary.description), "", "| id | label | meaning |", "| --- | --- | --- |"]
        parts += [f"| `{t.id}` | {cell(t.label)} | {cell(t.description)} |" for t in vocabulary.active_terms]
        retired = [t for t in vocabulary.terms if t.retired]
        if retired:
            parts += [
                "",
                "Retired: " + "; ".join(f"`{t.id}`" + (f" (use `{t.replaced_by}`)" if t.replaced_by else "") for t in retired) + ".",
            ]
        parts.append("")
    return "\n".join(parts)


@dataclass(frozen=True)
class Generated:
    path: str
    text: str


def generated_files(root: Path, schema: Schema) -> list[Generated]:
    """Each generated file's path and the text it should have now."""
    guide = (root / GUIDE_PATH).read_text(encoding="utf-8")
    if START not in guide or END not in guide:
        raise ValueError(f"{GUIDE_PATH} has lost its '{START}' and '{END}' markers")
    before, rest = guide.split(START, 1)
    after = rest.split(END, 1)[1]
    guide = (
        f"{before}{START}\n<!-- Generated from schema/lesson.schema.json by `python -m build_tools docs`: do not edit. -->\n\n"
        f"{vocabulary_tables(schema)}\n{END}{after}"
    )
    return [Generated(GUIDE_PATH, guide), Generated(FORM_PATH, form_yaml(schema))]


def stale(root: Path, schema: Schema) -> list[str]:
    """The generated files whose text differs from what the schema makes."""
    out = []
    for item in generated_files(root, schema):
        path = root / item.path
        if not path.is_file() or path.read_text(encoding="utf-8") != item.text:
            out.append(item.path)
    return out


def write(root: Path, schema: Schema) -> list[str]:
    changed = stale(root, schema)
    for item in generated_files(root, schema):
        if item.path in changed:
            (root / item.path).parent.mkdir(parents=True, exist_ok=True)
            (root / item.path).write_text(item.text, encoding="utf-8")
    return changed
