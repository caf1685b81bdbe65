"""Findings: what the checks report, as data with a location.

Checks return findings; reporters (see ``reporters``) decide how to show them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR
    # A stable name for the check, so tools can filter findings without parsing messages.
    code: str = "invalid"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def did_you_mean(value: str, options: Sequence[str]) -> str:
    """' (did you mean 'x'?)' for the closest option, or '' if none is close."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def field_name(path: Sequence[str | int]) -> str:
    """A path into the front matter as an author would write it: 'organisation.type', 'updates[0].date'."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the front matter"
