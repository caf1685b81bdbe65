"""Disclosure control as findings: what the site will show of an anonymous lesson's organisation, and why.

The counting is the model's (``model.disclosure``); this reads a lesson's front matter defensively (the
schema reports malformed values) and tells the author and the editors the outcome.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from ..findings import Code, Finding, Severity
from ..model.dates import month_key, parse_date
from ..model.disclosure import Assessment, Attribution, Disclosure, Outcome
from ..model.vocabulary import Schema
from .source import SourceFile


def _month_start(text: Any) -> dt.date | None:
    key = month_key(text) if isinstance(text, str) else None
    return dt.date(key[0], key[1], key[2] or 1) if key else None


def _month_end(text: Any) -> dt.date | None:
    key = month_key(text) if isinstance(text, str) else None
    if not key:
        return None
    return dt.date(key[0], key[1], key[2] or calendar.monthrange(key[0], key[1])[1])


def assess_lesson(data: dict[str, Any], disclosure: Disclosure, today: dt.date) -> Assessment | None:
    """The assessment of a lesson's attribution, or None while its organisation or period is not well formed."""
    organisation, period = data.get("organisation"), data.get("period")
    if not isinstance(organisation, dict) or not isinstance(period, dict):
        return None
    kind, region, name = organisation.get("type"), organisation.get("region"), organisation.get("name")
    vocabularies = disclosure.schema.vocabularies
    if kind not in vocabularies["organisation_type"].by_id or region not in vocabularies["region"].by_id:
        return None
    start = _month_start(period.get("started"))
    # Work still going on runs to today; other work with no end date ran until it was published.
    ongoing = data.get("status") == "ongoing"
    end = today if ongoing else (_month_end(period.get("ended")) or parse_date(data.get("published")) or today)
    if start is None or end < start:
        return None
    partners = data.get("partners")
    partners = [p for p in partners if isinstance(p, str)] if isinstance(partners, list) else []
    return disclosure.assess(
        organisation_type=kind,
        region=region,
        name=name if isinstance(name, str) and name.strip() else None,
        start=start,
        end=min(end, today),
        ongoing=ongoing,
        partners=partners,
    )


def _bodies(count: int | None) -> str:
    return "no body the register knows of" if count == 0 else "1 body" if count == 1 else f"{count} bodies"


def _when(data: dict[str, Any]) -> str:
    period = data.get("period") or {}
    started, ended = period.get("started"), period.get("ended")
    return f"between {started} and {ended}" if ended else f"since {started}"


def _stated(assessment: Assessment, data: dict[str, Any], schema: Schema) -> str:
    partners = [schema.vocabularies["organisation_type"].phrase(p) for p in assessment.partners_narrowed]
    working = f", working with {' and '.join(partners)}," if partners else ""
    return f"'{assessment.stated.phrase(schema)}'{working} {_when(data)}"


def check_attribution(src: SourceFile, disclosure: Disclosure, today: dt.date) -> list[Finding]:
    data = src.data or {}
    assessment = assess_lesson(data, disclosure, today)
    if assessment is None or assessment.outcome in (Outcome.NAMED, Outcome.NOT_COUNTED, Outcome.SAFE):
        return []
    schema = disclosure.schema
    stated = _stated(assessment, data, schema)
    register = "the register of public bodies (register/)"
    if assessment.outcome is Outcome.IMPOSSIBLE:
        message = (
            f"organisation: no public body in {register} matches {stated}: check the organisation's type, region and"
            " partners (if the register is missing a body, tell the editors)"
        )
        return [src.finding_for(("organisation",), message, Code.ATTRIBUTION_IMPOSSIBLE, at_key=True)]
    shown = assessment.published.phrase(schema)
    if assessment.outcome is Outcome.RECODED:
        message = (
            f"organisation: {stated} points to {_bodies(assessment.matches)}, fewer than {assessment.threshold}, so an anonymous"
            f" lesson could identify it; the site will show '{_capital(shown)}' ({_bodies(assessment.published_matches)})"
            " on every page, listing, feed and export instead"
        )
        return [src.finding_for(("organisation",), message, Code.ATTRIBUTION_RECODED, Severity.WARNING, at_key=True)]
    draft = isinstance(data.get("editorial"), dict) and data["editorial"].get("state") == "draft"
    message = (
        f"organisation: {stated} points to {_bodies(assessment.matches)}, and even '{shown}' points to fewer than"
        f" {assessment.threshold}: an anonymous lesson would identify it. Publish it named (add organisation.name,"
        " with the organisation's agreement), or ask the editors to publish it as an editors' synthesis"
    )
    # A draft can go on being written; it cannot go to review or be published like this.
    severity = Severity.WARNING if draft else Severity.ERROR
    return [src.finding_for(("organisation",), message, Code.ATTRIBUTION_TOO_NARROW, severity, at_key=True)]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def published_attribution(data: dict[str, Any], disclosure: Disclosure, today: dt.date) -> Attribution:
    """What public outputs say about a valid lesson's organisation."""
    assessment = assess_lesson(data, disclosure, today)
    if assessment is None:  # validation guarantees a well-formed organisation and period
        raise ValueError("the lesson's organisation or period is not well formed")
    return assessment.published
