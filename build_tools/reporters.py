"""Reporters: how findings are shown. The checks never print; they return findings."""

from __future__ import annotations

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
