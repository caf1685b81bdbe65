"""The layout's promises: the core does not import MkDocs, and vocabularies live only in the schema."""

from __future__ import annotations

import ast
import json
import sys

from .conftest import ROOT


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_only_the_plugin_imports_mkdocs():
    offenders = [
        path.name
        for path in (ROOT / "build_tools").rglob("*.py")
        if path.name != "mkdocs_plugin.py" and any(m == "mkdocs" or m.startswith(("mkdocs.", "material")) for m in imported_modules(path))
    ]
    assert offenders == []


def test_core_imports_cleanly_without_mkdocs(tmp_path):
    # Run the validator with mkdocs made unimportable: the core must not need it.
    from .conftest import run

    (tmp_path / "mkdocs").mkdir()
    (tmp_path / "mkdocs" / "__init__.py").write_text("raise ImportError('mkdocs is not available here')\n")
    result = run(
        sys.executable,
        "-c",
        "import sys; sys.path.insert(0, sys.argv[1]); import build_tools.cli, build_tools.derive.pages",
        str(tmp_path),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_vocabulary_ids_are_written_only_in_the_schema():
    schema = json.loads((ROOT / "schema" / "lesson.schema.json").read_text())
    # Multi-word ids are distinctive enough to search for; one-word ids ("health") occur in prose.
    ids = [
        option["const"]
        for definition in schema["$defs"].values()
        for option in definition.get("oneOf", [])
        if "const" in option and "-" in option["const"]
    ]
    assert len(ids) > 20
    places = [
        *ROOT.joinpath("build_tools").rglob("*.py"),
        *ROOT.joinpath("site_overrides").rglob("*.html"),
        *ROOT.joinpath("docs").rglob("*.md"),
        ROOT / "mkdocs.yml",
    ]
    for path in places:
        text = path.read_text(encoding="utf-8")
        repeated = [term for term in ids if f'"{term}"' in text or f"'{term}'" in text or f" {term}," in text]
        assert repeated == [], f"{path.relative_to(ROOT)} repeats vocabulary ids {repeated}: read them from the schema"


def test_every_vocabulary_term_has_a_label_and_description():
    from build_tools.model.vocabulary import load_schema

    schema = load_schema(ROOT / "schema" / "lesson.schema.json")
    for vocabulary in schema.vocabularies.values():
        assert vocabulary.terms
        for term in vocabulary.terms:
            assert term.label.strip() and term.description.strip().endswith("."), (vocabulary.name, term.id)
