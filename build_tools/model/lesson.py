"""The lesson model: a validated lesson as typed data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .dates import parse_date
from .disclosure import Attribution


@dataclass(frozen=True)
class Organisation:
    type: str
    region: str
    name: str | None = None


@dataclass(frozen=True)
class Period:
    started: str
    ended: str | None = None


@dataclass(frozen=True)
class Editorial:
    state: str
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    review_by: dt.date | None = None


@dataclass(frozen=True)
class Barrier:
    type: str
    description: str


@dataclass(frozen=True)
class Update:
    date: dt.date
    text: str


@dataclass(frozen=True)
class Contact:
    offers: tuple[str, ...]
    via: str

    @property
    def is_email(self) -> bool:
        return "@" in self.via and not self.via.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    summary: str
    service_areas: tuple[str, ...]
    failure_types: tuple[str, ...]
    organisation: Organisation
    period: Period
    status: str
    published: dt.date
    editorial: Editorial
    body: str
    path: str  # the source file, relative to the handbook root
    partners: tuple[str, ...] = ()
    national_barriers: tuple[Barrier, ...] = ()
    related: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()  # newest first
    contact: Contact | None = None
    sources: tuple[Source, ...] = ()
    example: bool = False
    # What public outputs say of the organisation: for an anonymous lesson, after disclosure control.
    attribution: Attribution | None = None

    @property
    def latest_activity(self) -> dt.date:
        """When the lesson last changed for readers: its publication or its newest progress note."""
        return max(self.published, self.updates[0].date) if self.updates else self.published

    @property
    def is_published(self) -> bool:
        return self.editorial.state == "published"

    @property
    def shown_as(self) -> Attribution:
        """The attribution every public output uses: never the organisation as stated, unless it is safe to show."""
        if self.attribution is None:
            raise ValueError(f"lesson {self.id} has not been through disclosure control")
        return self.attribution

    @property
    def is_anonymous(self) -> bool:
        return self.organisation.name is None

    @property
    def url(self) -> str:
        """Site-relative URL of the lesson's page."""
        return f"lessons/{self.id}/"

    def review_overdue(self, today: dt.date) -> bool:
        return self.editorial.review_by is not None and self.editorial.review_by < today


def lesson_from_data(data: dict[str, Any], body: str, path: str, attribution: Attribution | None = None) -> Lesson:
    """Build a Lesson from front matter that has passed validation."""
    organisation = data["organisation"]
    period = data["period"]
    editorial = data["editorial"]
    contact = data.get("contact")
    updates = sorted(
        (Update(date=_date(u["date"]), text=u["text"]) for u in data.get("updates", [])),
        key=lambda u: u.date,
        reverse=True,
    )
    return Lesson(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        service_areas=tuple(data["service_areas"]),
        failure_types=tuple(data["failure_types"]),
        organisation=Organisation(organisation["type"], organisation["region"], organisation.get("name")),
        period=Period(period["started"], period.get("ended")),
        status=data["status"],
        published=_date(data["published"]),
        editorial=Editorial(
            state=editorial["state"],
            reviewed_by=editorial.get("reviewed_by"),
            reviewed_on=parse_date(editorial.get("reviewed_on")),
            review_by=parse_date(editorial.get("review_by")),
        ),
        body=body,
        path=path,
        partners=tuple(data.get("partners", [])),
        national_barriers=tuple(Barrier(b["type"], b["description"]) for b in data.get("national_barriers", [])),
        related=tuple(data.get("related", [])),
        updates=tuple(updates),
        contact=Contact(tuple(contact["offers"]), contact["via"]) if contact else None,
        sources=tuple(Source(s["title"], s["url"]) for s in data.get("sources", [])),
        example=bool(data.get("example", False)),
        attribution=attribution,
    )


def _date(text: str) -> dt.date:
    date = parse_date(text)
    if date is None:  # validation guarantees this cannot happen
        raise ValueError(f"not a date: {text!r}")
    return date
