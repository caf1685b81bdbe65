"""``python -m build_tools new``: gather what a draft needs from flags or, in a terminal, by asking."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from ..exit_codes import ExitCode
from ..findings import did_you_mean
from ..model.dates import month_key, today
from ..model.vocabulary import Schema, Vocabulary, load_schema
from ..pipeline import Layout, check, names_in_id
from .scaffold import Draft, draft_text, free_id, slugify


class UsageError(Exception):
    """A problem with what the user asked for: reported in one line, exit 2."""


def resolve(vocabulary: Vocabulary, value: str, flag: str) -> str:
    """A term id from an id or a label (any case)."""
    value = value.strip()
    for term in vocabulary.active_terms:
        if value in (term.id, str(vocabulary.active_terms.index(term) + 1)) or value.lower() == term.label.lower():
            return term.id
    raise UsageError(
        f"{flag} {value!r} is not a {vocabulary.title.lower()}{did_you_mean(value, [t.id for t in vocabulary.active_terms])}; "
        f"allowed: {', '.join(t.id for t in vocabulary.active_terms)}"
    )


def _choices(vocabulary: Vocabulary) -> str:
    return "\n".join(f"  {number:>2}. {term.label} ({term.id})" for number, term in enumerate(vocabulary.active_terms, start=1))


class Asker:
    """Asks for what is missing, one question at a time, until the answer is usable."""

    def __init__(self, ask: Callable[[str], str], say: Callable[[str], None]) -> None:
        self.ask = ask
        self.say = say

    def text(self, question: str, check: Callable[[str], str | None]) -> str:
        while True:
            answer = self.ask(f"{question}: ").strip()
            problem = check(answer)
            if problem is None:
                return answer
            self.say(problem)

    def terms(
        self, vocabulary: Vocabulary, multiple: bool, flag: str, check: Callable[[list[str]], str | None] = lambda ids: None
    ) -> list[str]:
        how = "one or more: numbers, ids or labels, separated by commas" if multiple else "one: a number, id or label"
        self.say(f"{vocabulary.title} ({how}):\n{_choices(vocabulary)}")
        while True:
            answer = self.ask(f"{vocabulary.title}: ")
            parts = [part for part in answer.split(",") if part.strip()] if multiple else [answer]
            try:
                ids = [resolve(vocabulary, part, flag) for part in parts]
            except UsageError as exc:
                self.say(str(exc).replace(f"{flag} ", "", 1))
                continue
            if not ids or not (multiple or len(ids) == 1):
                self.say("Please choose at least one.")
            elif problem := check(ids):
                self.say(problem)
            else:
                return list(dict.fromkeys(ids))[:4]

    def yes(self, question: str) -> bool:
        while True:
            answer = self.ask(f"{question} [Y/n]: ").strip().lower()
            if answer in ("", "y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.say("Please answer y or n.")

    def barriers(self, vocabulary: Vocabulary) -> list[tuple[str, str]]:
        """National barriers, each a type and a description, until the type is left empty."""
        intro = "what in national frameworks got in the way (optional; leave empty to finish)"
        self.say(f"{vocabulary.title}s: {intro}:\n{_choices(vocabulary)}")
        found: list[tuple[str, str]] = []
        while len(found) < MAX_BARRIERS:
            answer = self.ask(f"{vocabulary.title} (empty to finish): ").strip()
            if not answer:
                break
            try:
                kind = resolve(vocabulary, answer, "--barrier")
            except UsageError as exc:
                self.say(str(exc).replace("--barrier ", "", 1))
                continue
            found.append((kind, self.text("Description (one or two plain sentences)", _barrier_problem)))
        return found


def _title_problem(title: str) -> str | None:
    if not 10 <= len(title) <= 150:
        return f"The title must be 10-150 characters; this one is {len(title)}."
    if "<" in title or "](" in title:
        return "The title must be plain text, without HTML or links."
    return None


MAX_BARRIERS = 10
_MONTH = re.compile(r"\d{4}-\d{2}")


def _barrier_problem(text: str) -> str | None:
    if not 20 <= len(text) <= 600:
        return f"A description must be 20-600 characters; this one is {len(text)}."
    if re.search(r"<[A-Za-z/!?]|\]\(|&#?[A-Za-z0-9]+;|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        return "A description must be plain text, without HTML or links."
    return None


def _month_problem(value: str, now: dt.date) -> str | None:
    """Why ``value`` is not a month the work can have started or ended in, or None."""
    if not _MONTH.fullmatch(value):
        return f"{value!r} is not a month: write it as YYYY-MM, such as 2023-04"
    if month_key(value) is None:
        return f"{value!r} is not a real month: the month is 01 to 12"
    if value > f"{now:%Y-%m}":
        return f"{value} is in the future (this month is {now:%Y-%m})"
    return None


def _order_problem(started: str | None, ended: str | None) -> str | None:
    if started and ended and ended < started:
        return f"the work cannot have ended ({ended}) before it started ({started})"
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _barrier_flag(vocabulary: Vocabulary, value: str) -> tuple[str, str]:
    kind, colon, text = value.partition(":")
    if not colon:
        raise UsageError(f"--barrier {value!r}: write it as TYPE:TEXT, such as 'funding:The fund was announced in-year.'")
    kind_id = resolve(vocabulary, kind, "--barrier")
    text = text.strip()
    if problem := _barrier_problem(text):
        raise UsageError(f"--barrier: {_lower_first(problem)}")
    return kind_id, text


def gather(args: argparse.Namespace, schema: Schema, interactive: bool, asker: Asker | None) -> Draft:
    vocab = schema.vocabularies
    missing = []
    title = args.title
    if title is not None and (problem := _title_problem(title)):
        raise UsageError(f"--title: {problem}")
    service_areas = [resolve(vocab["service_area"], v, "--service-area") for v in args.service_area or []]
    failure_types = [resolve(vocab["failure_type"], v, "--failure-type") for v in args.failure_type or []]
    org_type = resolve(vocab["organisation_type"], args.organisation_type, "--organisation-type") if args.organisation_type else None
    region = resolve(vocab["region"], args.region, "--region") if args.region else None
    now = today()
    started, ended = args.started, args.ended
    for flag, month in (("--started", started), ("--ended", ended)):
        if month is not None and (problem := _month_problem(month, now)):
            raise UsageError(f"{flag}: {problem}")
    if problem := _order_problem(started, ended):
        raise UsageError(f"--ended: {problem}")
    status = resolve(vocab["status"], args.status, "--status") if args.status else None
    if status == "ongoing" and ended:
        raise UsageError(f"--status ongoing: the work has ended (--ended {ended}): use concluded or stopped")
    barriers = [_barrier_flag(vocab["barrier_type"], value) for value in args.barrier or []]
    if len(barriers) > MAX_BARRIERS:
        raise UsageError(f"a lesson has at most {MAX_BARRIERS} national barriers")
    for flag, value in (
        ("--title", title),
        ("--service-area", service_areas),
        ("--failure-type", failure_types),
        ("--organisation-type", org_type),
        ("--region", region),
        ("--anonymous or --named NAME", args.anonymous or args.named),
        ("--started", started),
        ("--status", status),
    ):
        if not value:
            missing.append(flag)
    if missing and not interactive:
        raise UsageError(f"missing {', '.join(missing)} (pass them as flags, or run in a terminal to be asked)")
    if missing:
        assert asker is not None
        if not title:
            title = asker.text("Title (what went wrong, in one plain sentence)", _title_problem)
        service_areas = service_areas or asker.terms(vocab["service_area"], True, "--service-area")
        failure_types = failure_types or asker.terms(vocab["failure_type"], True, "--failure-type")
        org_type = org_type or asker.terms(vocab["organisation_type"], False, "--organisation-type")[0]
        region = region or asker.terms(vocab["region"], False, "--region")[0]
        if not (args.anonymous or args.named):
            asker.say("Leave the organisation's name empty to publish anonymously.")
            args.named = asker.text("Organisation name (optional)", lambda answer: None) or None
        if not started:
            started = asker.text(
                "Started (when the work started, YYYY-MM)", lambda answer: _month_problem(answer, now) or _order_problem(answer, ended)
            )
        if ended is None:
            ended = (
                asker.text(
                    "Ended (YYYY-MM; leave empty if the work goes on)",
                    lambda answer: (
                        None
                        if not answer
                        else _month_problem(answer, now)
                        or _order_problem(started, answer)
                        or ("the status is ongoing (--status ongoing): leave the end empty" if status == "ongoing" else None)
                    ),
                )
                or None
            )
        if not status:
            has_ended = "the work has ended ({}): choose concluded or stopped"
            status = asker.terms(
                vocab["status"], False, "--status", lambda ids: has_ended.format(ended) if ended and ids == ["ongoing"] else None
            )[0]
        if not args.barrier:
            barriers = asker.barriers(vocab["barrier_type"])
    if len(service_areas) > 4 or len(failure_types) > 4:
        raise UsageError("a lesson has at most 4 service areas and 4 failure types")
    # each was given, or was missing and has been asked for
    assert org_type is not None and region is not None and started is not None and status is not None
    return Draft(
        title=title,
        service_areas=tuple(dict.fromkeys(service_areas)),
        failure_types=tuple(dict.fromkeys(failure_types)),
        organisation_type=org_type,
        region=region,
        name=args.named if not args.anonymous else None,
        started=started,
        ended=ended,
        status=status,
        barriers=tuple(barriers),
        today=now,
    )


def without_names(layout: Layout, lesson_id: str, asker: Asker | None) -> str:
    """An anonymous lesson's id without the places and public bodies it would name, each left out after a warning:
    in a terminal if the contributor agrees (else nothing can be written), without one with a note saying so."""
    while spans := names_in_id(layout, lesson_id):
        start, end = spans[0]
        name = lesson_id[start:end]
        print(
            f"warning: the id would name a place or public body, {name!r}: the id is the page's address, and"
            " `validate` refuses one that names a place or body in an anonymous lesson (identifying-id)",
            file=sys.stderr,
        )
        if asker is not None and not asker.yes(f"Leave {name!r} out of the id?"):
            raise UsageError(
                f"an anonymous lesson's id cannot name {name!r}, so nothing was written:"
                " use a title without it, or --named if the organisation agrees to be named"
            )
        lesson_id = "-".join(word for word in (lesson_id[:start] + "-" + lesson_id[end:]).split("-") if word) or "lesson"
        if asker is None:
            print(f"note: left {name!r} out of the id, which is now {lesson_id!r}", file=sys.stderr)
    return lesson_id


def run(args: argparse.Namespace) -> ExitCode:
    layout = Layout(root=Path(args.root))
    if not layout.schema.is_file():
        print(f"error: no schema at {layout.schema}; run from the handbook's folder or pass --root", file=sys.stderr)
        return ExitCode.USAGE
    interactive = sys.stdin.isatty()
    asker = Asker(input, lambda text: print(text, file=sys.stderr)) if interactive else None
    try:
        draft = gather(args, load_schema(layout.schema), interactive, asker)
        base = slugify(draft.title)
        if draft.name is None:
            base = without_names(layout, base, asker)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except EOFError:
        print("\nerror: no answer given; nothing was written", file=sys.stderr)
        return ExitCode.USAGE
    layout.lessons.mkdir(parents=True, exist_ok=True)
    lesson_id = free_id(layout.lessons, base)
    path = layout.lessons / f"{lesson_id}.md"
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even if a file appeared meanwhile
        handle.write(draft_text(lesson_id, draft))
    result = check(layout, [path])
    if not result.ok:
        path.unlink()
        print("error: the lesson could not be created:", file=sys.stderr)
        for finding in result.findings:
            print(f"  {finding.message}", file=sys.stderr)
        return ExitCode.USAGE
    print(layout.display(path))
    return ExitCode.OK
