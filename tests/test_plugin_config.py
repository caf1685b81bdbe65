"""The plugin's configuration in mkdocs.yml: paths checked by MkDocs' own option types, messages relative to the handbook."""

from __future__ import annotations

from .conftest import VALID, Scratch


def configure(scratch: Scratch, **options: str) -> None:
    scratch.configure(**options)


def test_a_missing_lessons_folder_is_a_configuration_error(scratch_site, tmp_path):
    configure(scratch_site, lessons_dir="stories")
    result = scratch_site.build(tmp_path / "out")
    assert result.returncode != 0
    assert "isn't an existing directory" in result.stderr
    assert "stories" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_schema_is_a_configuration_error(scratch_site, tmp_path):
    configure(scratch_site, schema="schema/nothing.json")
    result = scratch_site.build(tmp_path / "out")
    assert result.returncode != 0
    assert "isn't an existing file" in result.stderr
    assert "Traceback" not in result.stderr


def test_lessons_in_another_folder_are_named_relative_to_the_handbook(scratch_site, tmp_path):
    lesson = scratch_site.root / "stories" / "sample-lesson.md"
    lesson.parent.mkdir()
    lesson.write_text(VALID.replace("status: concluded", "status: finished"), encoding="utf-8")
    configure(scratch_site, lessons_dir="stories")
    result = scratch_site.build(tmp_path / "out")
    assert result.returncode != 0
    assert "stories/sample-lesson.md:" in result.stderr
    assert str(scratch_site.root) not in result.stderr

    lesson.write_text(VALID, encoding="utf-8")
    result = scratch_site.build(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "lessons" / "sample-lesson" / "index.html").is_file()
