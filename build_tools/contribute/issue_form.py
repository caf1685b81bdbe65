"""The route for people who don't use git: a GitHub issue form, and turning a submitted issue into a draft.

The form is generated from the schema (``python -m build_tools docs``), and the same field list
reads the issue body back, so the two cannot disagree about labels or options.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..model.lesson_format import FORM_HELP, OPTIONAL_SECTIONS, REQUIRED_SECTIONS
from ..model.vocabulary import Schema, Vocabulary
from .front_matter import Flow, Plain, front_matter

NO_RESPONSE = "_No response_"
FORM_PATH = ".github/ISSUE_TEMPLATE/lesson.yml"


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str  # input | textarea | dropdown | checkboxes
    description: str
    required: bool = False
    vocabulary: str | None = None
    multiple: bool = False
    placeholder: str | None = None


AGREEMENTS = (
    "My organisation has agreed that this lesson may be published (named, or anonymously as chosen above).",
    "The lesson names no individual and contains no personal data: no names of people, personal email addresses, "
    "phone numbers or case details.",
)

FIELDS: tuple[FormField, ...] = (
    FormField(
        "title",
        "Title",
        "input",
        "What went wrong, in one plain sentence (10-150 characters).",
        True,
        placeholder="Weekend discharges stalled without social care assessors",
    ),
    FormField(
        "summary", "Summary", "textarea", "One or two plain sentences: what you tried and what went wrong (30-400 characters).", True
    ),
    FormField("service_areas", "Service areas", "dropdown", "The services the work touched (up to 4).", True, "service_area", True),
    FormField(
        "failure_types", "What went wrong", "dropdown", "The kinds of failure the lesson is about (up to 4).", True, "failure_type", True
    ),
    FormField(
        "organisation_type", "Organisation type", "dropdown", "The kind of organisation telling the lesson.", True, "organisation_type"
    ),
    FormField("region", "Region", "dropdown", "Where the work happened.", True, "region"),
    FormField(
        "organisation_name",
        "Organisation name",
        "input",
        "Leave this empty to publish anonymously: the lesson then names only the kind of organisation and the region.",
    ),
    FormField("partners", "Partners", "dropdown", "The kinds of the other organisations involved.", False, "organisation_type", True),
    FormField("started", "Started", "input", "When the work started, as YYYY-MM.", True, placeholder="2021-04"),
    FormField("ended", "Ended", "input", "When the work ended, as YYYY-MM. Leave empty if it is still going on.", placeholder="2022-03"),
    FormField("status", "Status", "dropdown", "Is the work still going on?", True, "status"),
    *(
        FormField(f"section_{index}", title, "textarea", FORM_HELP[title], title in REQUIRED_SECTIONS)
        for index, title in enumerate(REQUIRED_SECTIONS + OPTIONAL_SECTIONS, start=1)
    ),
    FormField(
        "national_barriers",
        "National barriers",
        "textarea",
        "Optional: what in national policy, regulation, legislation, funding, data sharing, inspection or workforce rules got "
        "in the way. One per line, starting with the kind and a colon, e.g. 'Funding: money arrived in-year so posts were "
        "fixed-term.'",
    ),
    FormField(
        "contact_offers",
        "Talk to peers",
        "dropdown",
        "Optional: what your team offers to peers who want to learn more.",
        False,
        "contact_offer",
        True,
    ),
    FormField(
        "contact_via",
        "Contact",
        "input",
        "Optional: a web page or a team mailbox (never a person's own address) where peers can reach the team.",
    ),
    FormField("sources", "Sources", "textarea", "Optional: public reports or evaluations, one per line: the title, then the web address."),
)


def form_document(schema: Schema) -> dict[str, Any]:
    """The issue form as data, ready to write as YAML."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": (
                    "Thank you for sharing what did not work. An editor will read this, may ask questions here, and will turn it into a "
                    "draft lesson for review. Nothing is published until you and the editors agree.\n\n"
                    "**This form is for a lesson that names its organisation.** The handbook's repository is private, but everyone "
                    "who can see it sees this issue and the GitHub account that opened it, and the repository keeps that record. "
                    "If the lesson is anonymous, or you need to stay anonymous, do not use this form: write to the editors, who "
                    "will send the lesson in for you (see CONTRIBUTING.md)."
                )
            },
        }
    ]
    for field in FIELDS:
        attributes: dict[str, Any] = {"label": field.label, "description": field.description}
        if field.placeholder:
            attributes["placeholder"] = field.placeholder
        if field.vocabulary:
            vocabulary = schema.vocabularies[field.vocabulary]
            attributes["multiple"] = field.multiple
            attributes["options"] = [term.label for term in vocabulary.active_terms]
        body.append({"type": field.kind, "id": field.id, "attributes": attributes, "validations": {"required": field.required}})
    body.append(
        {
            "type": "checkboxes",
            "id": "agreements",
            "attributes": {"label": "Before you submit", "options": [{"label": text, "required": True} for text in AGREEMENTS]},
        }
    )
    return {
        "name": "Propose a lesson",
        "description": "Share what did not work when services tried to integrate, without using git: for a lesson that names "
        "its organisation.",
        "title": "Lesson: ",
        "labels": ["lesson: proposed"],
        "body": body,
    }


def form_yaml(schema: Schema) -> str:
    header = "# Generated from schema/lesson.schema.json by `python -m build_tools docs`: do not edit by hand.\n"
    return header + yaml.safe_dump(form_document(schema), sort_keys=False, allow_unicode=True, width=1000)


class IssueError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def read_answers(body: str) -> dict[str, str]:
    """The answer under each of the form's headings, by field id. Empty answers are left out."""
    labels = {f"### {field.label}": field.id for field in FIELDS}
    answers: dict[str, list[str]] = {}
    current: str | None = None
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.strip() in labels:
            current = labels[line.strip()]
            answers[current] = []
        elif line.strip() == "### Before you submit":
            current = None
        elif current is not None:
            answers[current].append(line)
    cleaned = {key: "\n".join(lines).strip() for key, lines in answers.items()}
    return {key: value for key, value in cleaned.items() if value and value != NO_RESPONSE}


def _terms(vocabulary: Vocabulary, answer: str, label: str, problems: list[str]) -> list[str]:
    by_label = {term.label: term.id for term in vocabulary.active_terms}
    ids = []
    for part in (p.strip() for p in answer.split(",")):
        if part in by_label:
            ids.append(by_label[part])
        elif part:
            problems.append(f"'{label}': '{part}' is not one of the options ({', '.join(by_label)})")
    return ids


def _demote_headings(text: str) -> str:
    """Headings inside an answer become ### so they stay inside their section."""
    return re.sub(r"^ {0,3}#{1,2}(?=\s)", "###", text, flags=re.MULTILINE)


# The draft's first line. It names no issue: the lesson file outlives the issue, and the issue shows who opened it.
DRAFT_HEADER = "A draft lesson for an editor to review. CONTRIBUTING.md explains every field."


def lesson_from_issue(body: str, schema: Schema, lesson_id: str, today: dt.date) -> str:
    """A draft lesson's text from a submitted issue body. Raises IssueError listing everything missing or wrong.

    Nothing in the draft refers to the issue it came from."""
    answers = read_answers(body)
    problems: list[str] = []
    fields = {field.id: field for field in FIELDS}
    for field in FIELDS:
        if field.required and field.id not in answers:
            problems.append(f"'{field.label}' is required but was left empty")
    vocab = schema.vocabularies

    def terms(field_id: str) -> list[str]:
        field = fields[field_id]
        assert field.vocabulary is not None
        return _terms(vocab[field.vocabulary], answers.get(field_id, ""), field.label, problems)

    service_areas, failure_types, partners = terms("service_areas"), terms("failure_types"), terms("partners")
    org_type, region, status = terms("organisation_type"), terms("region"), terms("status")
    offers = terms("contact_offers")
    for field_id, low, high in (("title", 10, 150), ("summary", 30, 400)):
        length = len(" ".join(answers.get(field_id, "").split()))
        if field_id in answers and not low <= length <= high:
            problems.append(f"'{fields[field_id].label}' must be {low}-{high} characters; it is {length}")
    for field_id in ("started", "ended"):
        if field_id in answers and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", answers[field_id]):
            problems.append(f"'{fields[field_id].label}': write the month as YYYY-MM, e.g. 2021-04 (not '{answers[field_id]}')")
    barriers = []
    kinds = {term.label.lower(): term.id for term in vocab["barrier_type"].active_terms}
    for line in filter(None, (line.strip(" -*") for line in answers.get("national_barriers", "").split("\n"))):
        kind, _, text = line.partition(":")
        if kind.strip().lower() not in kinds or not text.strip():
            problems.append(
                f"'National barriers': start each line with one of {', '.join(t.label for t in vocab['barrier_type'].active_terms)}"
                f" and a colon (not '{line[:60]}')"
            )
        else:
            text = text.strip()
            barriers.append((kinds[kind.strip().lower()], text[0].upper() + text[1:]))
    sources = []
    for line in filter(None, (line.strip(" -*") for line in answers.get("sources", "").split("\n"))):
        match = re.fullmatch(r"\[?(.+?)\]?\(?\s*[-:|]?\s*(https?://\S+?)\)?", line)
        if match:
            sources.append((match.group(1).strip(" -:|"), match.group(2)))
        else:
            problems.append(f"'Sources': give the title and then the web address on each line (not '{line[:60]}')")
    if bool(offers) != ("contact_via" in answers):
        problems.append("'Talk to peers' and 'Contact' go together: fill in both, or neither")
    if problems:
        raise IssueError(problems)

    front = front_matter(
        {
            "id": Plain(lesson_id),
            "title": answers["title"],
            "summary": " ".join(answers["summary"].split()),
            "service_areas": Flow(service_areas),
            "failure_types": Flow(failure_types),
            "organisation": {"type": Plain(org_type[0]), "region": Plain(region[0]), "name": answers.get("organisation_name")},
            "partners": Flow(partners) if partners else None,
            "period": {"started": Plain(answers["started"]), "ended": Plain(answers["ended"]) if "ended" in answers else None},
            "status": Plain(status[0]),
            "published": today,
            "editorial": {"state": Plain("draft")},
            "national_barriers": [{"type": Plain(kind), "description": text} for kind, text in barriers] or None,
            "contact": {"offers": Flow(offers), "via": answers["contact_via"]} if offers else None,
            "sources": [{"title": title, "url": url} for title, url in sources] or None,
        },
        comment=DRAFT_HEADER,
    )
    sections = (
        f"\n## {title}\n\n{_demote_headings(answers[key])}\n"
        for index, title in enumerate(REQUIRED_SECTIONS + OPTIONAL_SECTIONS, start=1)
        if (key := f"section_{index}") in answers
    )
    return front + "".join(sections)
