"""Dates as lessons write them: YYYY-MM-DD days and YYYY-MM months, and the build's idea of today."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any


def parse_date(text: Any) -> dt.date | None:
    """A YYYY-MM-DD string as a date, or None if it is not a real calendar date."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def month_key(text: str) -> tuple[int, int, int] | None:
    """YYYY-MM or YYYY-MM-DD as a sortable key, or None if it is not a real month or date."""
    if re.fullmatch(r"\d{4}-\d{2}", text or ""):
        year, month = int(text[:4]), int(text[5:7])
        return (year, month, 0) if 1 <= month <= 12 else None
    date = parse_date(text)
    return (date.year, date.month, date.day) if date else None


def today() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set, so a rebuild of the same input is byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
