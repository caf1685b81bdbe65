"""Reporters: how findings are shown. The checks never print; they return findings.

- text: one line a finding, ``path:line:col: severity: message``, then a summary.
- github: the text lines for the log, a workflow command per finding so GitHub annotates the
  changed lines, and a table in the job summary (GitHub shows only ten annotations a step).
- json: one document for tools.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .findings import Finding, Severity


def format_finding(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value}: {finding.message}"


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
        lines += ["| File | Line | Column | Severity | Problem |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {cell(f.path)} | {f.line} | {f.column} | {f.severity.value} | {cell(f.message)} |" for f in findings]
        lines.append("")
    return "\n".join(lines) + "\n"


def report_json(findings: list[Finding], checked: int, out: TextIO) -> None:
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
