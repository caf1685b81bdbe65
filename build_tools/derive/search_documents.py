"""What the search engine indexes for each lesson: a small stand-in page made from the model.

Each lesson becomes its title, summary, text and facet filters, with the fields a result shows as
metadata. Deriving the documents from the model, not from the rendered pages, lets indexing start
before rendering does (see ``render.pagefind``).
"""

from __future__ import annotations

import html
import re
from enum import StrEnum

from ..model.lesson import Lesson
from .facets import lesson_filters
from .views import LessonCard, Views

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>)\s+|[*_`~]{1,3}", re.MULTILINE)


class ResultField(StrEnum):
    """What a search result shows of a lesson: the one place these names are written.

    Each is the name of a LessonCard attribute, and of the Pagefind metadata that carries it in the lesson's search
    document. The browse page's card template names each in a data-slot attribute (see ``result_card``), and
    browse.js fills each slot with the result's metadata of that name. The facet filters are named by the facets
    (``facets.FACETS``), which the browse page's form carries in its data-facet attributes.
    """

    TITLE = "title"
    SUMMARY = "summary"
    WHO = "who"
    STATUS = "status"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"  # only lessons shown in a preview carry it

    def of(self, card: LessonCard) -> str | None:
        value: str | None = getattr(card, self.value)
        return value


# Carried in the hidden block; the title and summary are the document's heading and first paragraph.
_HIDDEN_FIELDS = (ResultField.WHO, ResultField.STATUS, ResultField.PUBLISHED, ResultField.UNPUBLISHED)


def result_card() -> LessonCard:
    """The card browse.js fills for each search result, drawn by the card partial inside a <template>.

    Each field the search index carries holds its own name, which the partial writes as a data-slot attribute.
    The index carries no example flag and no machine-readable date, so a result shows neither the Example badge
    nor a ``datetime``; adding them would change every lesson's search document.
    """
    return LessonCard(
        title=ResultField.TITLE,
        summary=ResultField.SUMMARY,
        url="",
        who=ResultField.WHO,
        status=ResultField.STATUS,
        published=ResultField.PUBLISHED,
        published_iso="",
        example=False,
        unpublished=ResultField.UNPUBLISHED,
    )


def plain_text(markdown: str) -> str:
    """The words of a markdown body, for indexing: link text kept, markup dropped."""
    return _MARKUP.sub("", _LINK.sub(r"\1", markdown))


def stand_in_page(lesson: Lesson, views: Views) -> str:
    """The document Pagefind indexes for a lesson: what a search should match, and what a result shows."""
    e = html.escape
    card = views.card(lesson)
    filters = "".join(f'<span data-pagefind-filter="{e(name)}">{e(value)}</span>' for name, value in lesson_filters(lesson))
    meta = "".join(
        f'<span data-pagefind-meta="{field}">{e(value)}</span>' for field in _HIDDEN_FIELDS if (value := field.of(card)) is not None
    )
    progress = "".join(f"<p>{e(update.text)}</p>" for update in lesson.updates)
    barriers = "".join(f"<p>{e(barrier.description)}</p>" for barrier in lesson.national_barriers)
    paragraphs = "".join(f"<p>{e(block)}</p>" for block in plain_text(lesson.body).split("\n\n") if block.strip())
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(lesson.title)}</title></head><body>'
        f"<main data-pagefind-body><div hidden data-pagefind-ignore>{filters}{meta}"
        f'<span data-pagefind-sort="published">{lesson.published.isoformat()}</span></div>'
        f'<h1 data-pagefind-meta="{ResultField.TITLE}">{e(card.title)}</h1>'
        f'<p data-pagefind-meta="{ResultField.SUMMARY}">{e(card.summary)}</p>'
        f"{paragraphs}{progress}{barriers}</main></body></html>"
    )
