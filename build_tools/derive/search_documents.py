"""What the search engine indexes for each lesson: a small stand-in page made from the model.

Each lesson becomes its title, summary, text and facet filters, with the fields a result shows as
metadata. Deriving the documents from the model, not from the rendered pages, lets indexing start
before rendering does (see ``render.pagefind``).
"""

from __future__ import annotations

import html
import re

from ..model.lesson import Lesson
from .facets import lesson_filters
from .views import Views

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>)\s+|[*_`~]{1,3}", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The words of a markdown body, for indexing: link text kept, markup dropped."""
    return _MARKUP.sub("", _LINK.sub(r"\1", markdown))


def stand_in_page(lesson: Lesson, views: Views) -> str:
    """The document Pagefind indexes for a lesson: what a search should match, and what a result shows."""
    e = html.escape
    card = views.card(lesson)
    filters = "".join(f'<span data-pagefind-filter="{e(name)}">{e(value)}</span>' for name, value in lesson_filters(lesson))
    meta = "".join(
        f'<span data-pagefind-meta="{name}">{e(value)}</span>'
        for name, value in (("who", card.who), ("status", card.status), ("published", card.published))
    )
    progress = "".join(f"<p>{e(update.text)}</p>" for update in lesson.updates)
    barriers = "".join(f"<p>{e(barrier.description)}</p>" for barrier in lesson.national_barriers)
    paragraphs = "".join(f"<p>{e(block)}</p>" for block in plain_text(lesson.body).split("\n\n") if block.strip())
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(lesson.title)}</title></head><body>'
        f"<main data-pagefind-body><div hidden data-pagefind-ignore>{filters}{meta}"
        f'<span data-pagefind-sort="published">{lesson.published.isoformat()}</span></div>'
        f'<h1 data-pagefind-meta="title">{e(lesson.title)}</h1><p data-pagefind-meta="summary">{e(lesson.summary)}</p>'
        f"{paragraphs}{progress}{barriers}</main></body></html>"
    )
