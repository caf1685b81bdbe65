"""Property-based: whatever bytes a lesson file holds, the loader and validator return a lesson or
findings, never an exception, and never hang."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.check.rules import check_lesson
from build_tools.check.schema import SchemaChecker
from build_tools.check.source import read_source
from build_tools.findings import Finding
from build_tools.model.vocabulary import load_schema

from .conftest import ROOT, VALID

CHECKER = SchemaChecker(load_schema(ROOT / "schema" / "lesson.schema.json"))
LINES = VALID.split("\n")
YAML_BITS = st.sampled_from(
    [
        "&a",
        "*a",
        "!!python/object:os.system",
        "!tag",
        "{",
        "}",
        "[",
        "]",
        ":",
        ": ",
        "- ",
        "---",
        "...",
        "|",
        ">-",
        "'",
        '"',
        "\t",
        "yes",
        "no",
        "010",
        "0x1F",
        "1e309",
        ".inf",
        "~",
        "null",
        "2023-02-30",
        "2023-13",
        "<script>",
        "&#58;",
        "\ufeff",
        "\x00",
        "\r",
        "é",
        "日本",
        "\u202e",
        "#",
        "%",
        "@",
        "`",
        "?",
        "<<",
        "=",
        "+1",
        "-1",
    ]
)


def check_text(data: bytes) -> list[Finding]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample-lesson.md"
        path.write_bytes(data)
        src = read_source(path, "lessons/sample-lesson.md")
        found = list(src.findings)
        if src.data is not None:
            found += CHECKER.check(src)
            found += check_lesson(src, dt.date(2026, 11, 22))
        for finding in found:
            assert isinstance(finding, Finding) and finding.line >= 0 and finding.column >= 0 and finding.message
        return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    check_text(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=1500))
def test_any_text_after_a_front_matter_marker(text):
    check_text(("---\n" + text).encode("utf-8", "surrogatepass"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, 60), YAML_BITS), min_size=1, max_size=6))
def test_a_valid_lesson_with_hostile_edits(edits):
    lines = list(LINES)
    for index, column, bit in edits:
        line = lines[index]
        lines[index] = line[:column] + bit + line[column:]
    check_text("\n".join(lines).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
        max_leaves=25,
    )
)
def test_generated_front_matter_structures(value):
    import json

    # JSON is YAML: any structure, written out, must be read and judged without an exception.
    check_text(f"---\nid: sample-lesson\nextra: {json.dumps(value)}\n---\n\n## What happened\n\nText.\n".encode())
