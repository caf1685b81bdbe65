"""Reporters: how findings are shown. The checks never print; they return findings.

- text: one line a finding, ``path:line:col: severity: message``, then a summary. For personal data the
  line ends with the text found (``: 'excerpt'``), so that the author can find it: this is for their own
  terminal.
- github: the text lines for the log, a workflow command per finding so GitHub annotates the
  changed lines, and a table in the job summary (GitHub shows only ten annotations a step).
- json: one document for tools.

CI logs, annotations, job summaries and JSON are read by more people than the author, and kept, so the github
and json formats give the kind, code and place of personal data but never the text found. A message that
quotes a value (the schema's, for one) has any text found elsewhere hidden too.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .findings import Finding, Severity


def format_finding(finding: Finding, *, excerpt: bool = True) -> str:
    """``path:line:col: severity: message``, then ``: 'text found'`` for personal data unless ``excerpt`` is
    false: for output others read, such as a CI log."""
    line = f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value}: {finding.message}"
    return f"{line}: '{finding.excerpt}'" if excerpt and finding.excerpt is not None else line


HIDDEN = "[hidden]"


def without_excerpts(findings: list[Finding]) -> list[Finding]:
    """The findings with no excerpts, and with every text found hidden from every message: the schema quotes a
    value it rejects, and that value may be the phone number the personal-data check found in it."""
    excerpts = sorted({f.excerpt for f in findings if f.excerpt}, key=len, reverse=True)
    if not excerpts:
        return findings
    # An excerpt is on one line with single spaces; the value a message quotes may have other whitespace, or
    # escape it ("0161\\xa0496").
    space = r"(?:\s|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4})+"
    found = re.compile("|".join(space.join(map(re.escape, excerpt.split())) for excerpt in excerpts))
    return [replace(f, message=found.sub(HIDDEN, f.message), excerpt=None) for f in findings]


def summary(findings: list[Finding], checked: int) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    files = len({f.path for f in findings if f.severity is Severity.ERROR})
    noun = "lesson" if checked == 1 else "lessons"
    if not findings:
        return f"Checked {checked} {noun}: all valid."
    parts = [f"{errors} error{'s' * (errors != 1)} in {files} file{'s' * (files != 1)}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return f"Checked {checked} {noun}: {', '.join(parts)}."


def report_text(findings: list[Finding], checked: int, out: TextIO) -> None:
    for finding in findings:
        print(format_finding(finding), file=out)
    print(summary(findings, checked), file=out)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Finding) -> str:
    """A workflow command that annotates the finding's line in the pull request."""
    kind = "error" if finding.is_error else "warning"
    props = [f"file={_escape_property(finding.path)}"]
    if finding.line:
        props.append(f"line={finding.line}")
    if finding.column:
        props.append(f"col={finding.column}")
    props.append(f"title={_escape_property('Lesson ' + kind + ': ' + finding.code.replace('-', ' '))}")
    return f"::{kind} {','.join(props)}::{_escape_data(finding.message)}"


def report_github(findings: list[Finding], checked: int, out: TextIO) -> None:
    findings = without_excerpts(findings)
    report_text(findings, checked, out)
    for finding in findings:
        print(github_command(finding), file=out)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with Path(summary_file).open("a", encoding="utf-8") as handle:
            handle.write(job_summary(findings, checked))


def job_summary(findings: list[Finding], checked: int) -> str:
    """Markdown for the job summary page: every finding, since annotations are capped."""

    def cell(text: str) -> str:
        return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")

    lines = ["## Lesson check", "", cell(summary(findings, checked)), ""]
    if findings:
        lines += ["| File | Line | Column | Severity | Problem | Code |", "| --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {cell(f.path)} | {f.line} | {f.column} | {f.severity.value} | {cell(f.message)} | `{f.code}` |" for f in findings]
        lines.append("")
    return "\n".join(lines) + "\n"


def report_json(findings: list[Finding], checked: int, out: TextIO) -> None:
    findings = without_excerpts(findings)
    errors = sum(1 for f in findings if f.is_error)
    document = {
        "checked": checked,
        "valid": errors == 0,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "severity": f.severity.value,
                "code": f.code,
                "message": f.message,
            }
            for f in findings
        ],
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")


REPORTERS: dict[str, Callable[[list[Finding], int, TextIO], None]] = {
    "text": report_text,
    "github": report_github,
    "json": report_json,
}
