"""Rules across lessons: unique ids, and related lessons that exist and will be published with this one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..findings import Code, Finding, Severity, did_you_mean
from .source import SourceFile


def check_across(sources: Sequence[SourceFile], report_for: Iterable[str] | None = None) -> list[Finding]:
    """Rules across lessons: unique ids and related lessons that exist and will be published with this one."""
    wanted = set(report_for) if report_for is not None else None
    findings: list[Finding] = []
    by_id: dict[str, SourceFile] = {}
    for src in sources:
        lesson_id = (src.data or {}).get("id")
        if not isinstance(lesson_id, str):
            continue
        if lesson_id in by_id:
            first = by_id[lesson_id]
            if wanted is None or src.path in wanted:
                findings.append(src.finding_for(("id",), f"id '{lesson_id}' is already used by {first.path}", Code.DUPLICATE_ID))
        else:
            by_id[lesson_id] = src

    for src in sources:
        if wanted is not None and src.path not in wanted:
            continue
        data = src.data or {}
        related = data.get("related")
        if not isinstance(related, list):
            continue
        state = _state(src)
        for index, other_id in enumerate(related):
            if not isinstance(other_id, str) or other_id == data.get("id"):
                continue
            where = ("related", index)
            other = by_id.get(other_id)
            if other is None:
                findings.append(
                    src.finding_for(
                        where, f"related lesson '{other_id}' does not exist{did_you_mean(other_id, list(by_id))}", Code.RELATED_MISSING
                    )
                )
            elif state == "published" and _state(other) != "published":
                findings.append(
                    src.finding_for(
                        where,
                        f"related lesson '{other_id}' is not published yet, so the link will not appear until it is",
                        Code.RELATED_UNPUBLISHED,
                        Severity.WARNING,
                    )
                )
    return findings


def _state(src: SourceFile) -> Any:
    editorial = (src.data or {}).get("editorial")
    return editorial.get("state") if isinstance(editorial, dict) else None
