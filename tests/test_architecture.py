"""The layout's promises: imports follow the pipeline's stages, only the render stage imports MkDocs, the
package installs whole, and vocabularies live only in the schema."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "build_tools"

# What each part of build_tools may import of the handbook, besides itself. The data flows one way:
# model -> check -> pipeline -> derive -> render; contribute writes lessons and checks them through the
# pipeline; cli presents everything but rendering. A part missing from this table fails the test, so a new
# module or package has to be placed in the flow.
MAY_IMPORT: dict[str, set[str]] = {
    "model": set(),
    "findings": set(),
    "exit_codes": set(),
    "check": {"model", "findings"},
    "pipeline": {"model", "check", "findings"},
    "derive": {"model"},
    "render": {"pipeline", "derive", "model", "findings", "reporters"},
    "reporters": {"findings"},
    "contribute": {"model", "findings", "pipeline", "exit_codes"},
    "editors": {"model", "findings", "pipeline", "reporters", "exit_codes"},
    "synth": {"model"},
    "cli": {"model", "findings", "pipeline", "reporters", "contribute", "editors", "synth", "exit_codes"},
    "__main__": {"cli"},
    "__init__": set(),
}
ENGINE = ("mkdocs", "material")


def part_of(path: Path) -> str:
    """The stage a file belongs to: its package under build_tools, or its own name at the top."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imports(path: Path, source: str | None = None):
    """(line, absolute module name) for every import in a file of build_tools, relative ones resolved."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    package = PurePosixPath("build_tools", *path.relative_to(PACKAGE).parent.parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.parents[node.level - 2] if node.level > 1 else package
            prefix = ".".join(base.parts) if node.level else ""
            if node.module:
                yield node.lineno, f"{prefix}.{node.module}" if prefix else node.module
            else:  # "from . import synth": each name is a module
                yield from ((node.lineno, f"{prefix}.{alias.name}") for alias in node.names)


def violations(path: Path, source: str | None = None) -> list[str]:
    """Imports in ``path`` that go against the flow, as 'file:line: imports X'."""
    part = part_of(path)
    if part not in MAY_IMPORT:
        return [f"{path.relative_to(ROOT)}: '{part}' is not in MAY_IMPORT; place it in the pipeline's flow"]
    found = []
    for line, module in imports(path, source):
        names = module.split(".")
        if names[0] in ENGINE and part != "render":
            found.append(f"{path.relative_to(ROOT)}:{line}: imports {module}; only build_tools/render/ may import the site engine")
        elif names[0] == "build_tools" and len(names) > 1 and names[1] != part and names[1] not in MAY_IMPORT[part]:
            found.append(f"{path.relative_to(ROOT)}:{line}: {part} imports {module}, against the flow")
    return found


def test_imports_follow_the_pipeline():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 30
    assert [v for path in files for v in violations(path)] == []


@pytest.mark.parametrize(
    ("file", "source"),
    [
        ("model/lesson.py", "from ..check.rules import check_lesson\n"),
        ("model/lesson.py", "from ..findings import Finding\n"),
        ("check/rules.py", "from ..derive import views\n"),
        ("derive/pages.py", "from ..pipeline import check\n"),
        ("derive/pages.py", "from ..render.pagefind import BackgroundIndex\n"),
        ("derive/pages.py", "import build_tools.check.source\n"),
        ("derive/views.py", "from mkdocs.config import Config\n"),
        ("cli.py", "from .render import mkdocs_plugin\n"),
        ("pipeline.py", "from . import contribute\n"),
        ("newstage/thing.py", "import os\n"),
    ],
)
def test_an_import_against_the_flow_is_caught(file, source):
    assert violations(PACKAGE / file, source), f"{file}: {source.strip()} was not caught"


def test_imports_within_the_flow_are_allowed():
    assert violations(PACKAGE / "derive/pages.py", "from ..model.lesson import Lesson\nfrom .views import Views\n") == []
    assert violations(PACKAGE / "render/mkdocs_plugin.py", "from mkdocs.plugins import BasePlugin\nfrom ..pipeline import check\n") == []


def test_a_built_wheel_holds_every_package_and_its_data(tmp_path):
    # Built from a copy: setuptools leaves build/ and egg-info folders behind in the tree it builds.
    tree = tmp_path / "tree"
    shutil.copytree(PACKAGE, tree / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(tmp_path), str(tree)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("lessons_handbook-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    # Every module, and the data files the checks read (build_tools/check/data/first_names.txt).
    data = [path for path in PACKAGE.rglob("*") if path.is_file() and path.parent.name == "data"]
    assert data, "no data files found under build_tools"
    expected = {path.relative_to(ROOT).as_posix() for path in [*PACKAGE.rglob("*.py"), *data]}
    assert expected <= names, sorted(expected - names)
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "handbook = build_tools.render.mkdocs_plugin:HandbookPlugin" in zipfile.ZipFile(wheel).read(entry_points).decode()


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


def test_every_broader_term_exists_in_the_broader_vocabulary():
    from build_tools.model.vocabulary import load_schema

    schema = load_schema(ROOT / "schema" / "lesson.schema.json")
    ladders = [v for v in schema.vocabularies.values() if v.broader]
    assert {v.name for v in ladders} == {"organisation_type", "region", "nation"}
    for vocabulary in ladders:
        broader = schema.vocabularies[vocabulary.broader]
        for term in vocabulary.terms:
            # The top of a ladder (the UK) has nowhere further to go.
            assert term.broader in broader.by_id or (vocabulary is broader and term.broader is None), (vocabulary.name, term.id)
