"""The handbook's command line: ``python -m build_tools COMMAND``."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import synth
from .contribute import contributor_docs, issue_form, new_lesson
from .contribute.scaffold import free_id, slugify
from .editors import publish, status
from .exit_codes import ExitCode
from .model.register import load_register
from .model.vocabulary import load_schema
from .pipeline import Layout, check
from .reporters import REPORTERS


def _validate(args: argparse.Namespace) -> ExitCode:
    layout = Layout(root=Path(args.root))
    if not layout.schema.is_file():
        print(f"error: no schema at {layout.schema}; run from the handbook's folder or pass --root", file=sys.stderr)
        return ExitCode.USAGE
    paths = None
    if args.paths:
        paths = [Path(p) for p in args.paths]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
            return ExitCode.USAGE
    result = check(layout, paths, model=False)
    REPORTERS[args.format](result.findings, len(result.checked), sys.stdout)
    return ExitCode.OK if result.ok else ExitCode.INVALID


def _docs(args: argparse.Namespace) -> ExitCode:
    root = Path(args.root)
    schema = load_schema(Layout(root=root).schema)
    if args.check:
        out_of_date = contributor_docs.stale(root, schema)
        for item in out_of_date:
            print(f"{item.path}: out of date with {item.source}; run 'python -m build_tools docs'", file=sys.stderr)
        return ExitCode.INVALID if out_of_date else ExitCode.OK
    for path in contributor_docs.write(root, schema):
        print(f"updated {path}")
    return ExitCode.OK


def _from_issue(args: argparse.Namespace) -> ExitCode:
    layout = Layout(root=Path(args.root))
    try:
        body = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    schema = load_schema(layout.schema)
    title = issue_form.read_answers(body).get("title", "")
    layout.lessons.mkdir(parents=True, exist_ok=True)
    lesson_id = free_id(layout.lessons, slugify(title))
    try:
        text = issue_form.lesson_from_issue(body, schema, lesson_id, dt.date.today())
    except issue_form.IssueError as exc:
        print("The lesson could not be drafted from this issue:", file=sys.stderr)
        for problem in exc.problems:
            print(f"- {problem}", file=sys.stderr)
        return ExitCode.INVALID
    path = layout.lessons / f"{lesson_id}.md"
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    result = check(layout, [path])
    if not result.ok:
        path.unlink()
        print("The lesson could not be drafted from this issue:", file=sys.stderr)
        for finding in result.findings:
            if finding.is_error:
                print(f"- {finding.message}", file=sys.stderr)
        return ExitCode.INVALID
    print(layout.display(path))
    return ExitCode.OK


def _synth(args: argparse.Namespace) -> ExitCode:
    if args.count < 1:
        print("error: --count must be at least 1", file=sys.stderr)
        return ExitCode.USAGE
    layout = Layout(root=Path(args.root))
    paths = synth.write_corpus(Path(args.out), args.count, load_schema(layout.schema), load_register(layout.register), seed=args.seed)
    print(f"wrote {len(paths)} lessons to {args.out}")
    return ExitCode.OK


def _add_root(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", default=".", help="the handbook's folder (default: the current folder)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m build_tools", description="Tools for the lessons handbook.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check lessons against the schema and the handbook's rules",
        description="Check lessons. Exit 0 when all are valid, 1 when any is invalid, 2 for a usage error.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="lesson files to check (default: every lesson)")
    _add_root(validate)
    validate.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default="text",
        help="text (default), github (annotations for GitHub Actions) or json",
    )
    validate.set_defaults(run=_validate)

    new = commands.add_parser(
        "new",
        help="start a lesson: write a draft with every required field",
        description="Write lessons/<id>.md as a draft that validates. What is missing is asked for in a terminal;"
        " without one, a missing required flag is an error (exit 2). An anonymous lesson's id leaves out the names"
        " of places and public bodies, with a warning: the id is the page's address.",
    )
    new.add_argument("--title", help="what went wrong, in one plain sentence (10-150 characters)")
    new.add_argument("--service-area", action="append", metavar="ID", help="a service area (repeat for more)")
    new.add_argument("--failure-type", action="append", metavar="ID", help="a failure type (repeat for more)")
    new.add_argument("--organisation-type", metavar="ID", help="the kind of organisation telling the lesson")
    new.add_argument("--region", metavar="ID", help="where the work happened")
    who = new.add_mutually_exclusive_group()
    who.add_argument("--anonymous", action="store_true", help="publish without the organisation's name")
    who.add_argument("--named", metavar="NAME", help="publish with the organisation's name")
    new.add_argument("--started", metavar="YYYY-MM", help="the month the work started")
    new.add_argument("--ended", metavar="YYYY-MM", help="the month the work ended (leave out while it goes on)")
    new.add_argument("--status", metavar="STATUS", help="ongoing, concluded or stopped (not ongoing with --ended)")
    new.add_argument(
        "--barrier",
        action="append",
        metavar="TYPE:TEXT",
        help="a national barrier: a barrier type (policy, funding, data-sharing... see CONTRIBUTING.md) and one or two plain"
        " sentences, e.g. 'funding:The fund came in-year.' (optional; repeat for more)",
    )
    _add_root(new)
    new.set_defaults(run=new_lesson.run)

    docs = commands.add_parser(
        "docs",
        help="regenerate the vocabulary tables in CONTRIBUTING.md and the issue form, and the finding codes in README.md",
        description="Regenerate the files made from the schema and the finding codes. "
        "With --check, change nothing and exit 1 if any is out of date.",
    )
    docs.add_argument("--check", action="store_true", help="only report files that are out of date")
    _add_root(docs)
    docs.set_defaults(run=_docs)

    from_issue = commands.add_parser(
        "from-issue",
        help="turn a submitted lesson issue into a draft lesson file",
        description="Read the body of an issue made with the 'Propose a lesson' form and write a draft lesson, which names "
        "no issue. Exit 1 with a list of problems if the issue is incomplete.",
    )
    from_issue.add_argument("file", metavar="FILE", help="the issue body, as markdown ('-' for standard input)")
    _add_root(from_issue)
    from_issue.set_defaults(run=_from_issue)

    status_command = commands.add_parser(
        "status",
        help="for editors: lessons by editorial state, reviews due, and warnings to accept",
        description="Report lessons by editorial state and how long each has waited, review dates passed or due "
        "within 60 days, drafts with sections still to write, and anonymous lessons with warnings an editor must "
        "accept (by code and position, never the text found). Exit 0.",
    )
    status_command.add_argument(
        "--format",
        choices=sorted(status.FORMATS),
        default="text",
        help="text (default) or markdown (for a GitHub job summary or an issue)",
    )
    _add_root(status_command)
    status_command.set_defaults(run=status.run)

    publish_command = commands.add_parser(
        "publish",
        help="for editors: publish a reviewed lesson, recording the review",
        description="Set editorial.state to published, reviewed_by, reviewed_on (today), review_by and published "
        "(today), editing only those lines, then check the handbook. If the lesson would be invalid, or is anonymous "
        "with warnings not accepted in editorial.accepted, the file is left unchanged and the exit status is 1. "
        "A lesson already published needs --again (exit 2 without it).",
    )
    publish_command.add_argument("lesson_id", metavar="ID", help="the lesson's id (its file name without .md)")
    publish_command.add_argument(
        "--reviewer", required=True, metavar="NAME", help="the editorial team's id, such as handbook-editors, never a person's name"
    )
    publish_command.add_argument("--review-by", metavar="YYYY-MM-DD", help="when to review it again (default: a year from today)")
    publish_command.add_argument(
        "--again", action="store_true", help="re-review a published lesson: update the review, keep its published date"
    )
    _add_root(publish_command)
    publish_command.set_defaults(run=publish.run)

    synth = commands.add_parser(
        "synth",
        help="write a synthetic corpus of valid, fictional lessons for benchmarks",
        description="Write N valid lessons into DIR. The same seed always gives the same corpus.",
    )
    synth.add_argument("--count", type=int, required=True, metavar="N")
    synth.add_argument("--out", required=True, metavar="DIR")
    synth.add_argument("--seed", type=int, default=1, metavar="S")
    synth.add_argument("--root", default=".", help="the handbook's folder, for its schema (default: the current folder)")
    synth.set_defaults(run=_synth)
    return top


def main(argv: list[str] | None = None) -> ExitCode:
    args = parser().parse_args(argv)
    command: Callable[[argparse.Namespace], ExitCode] = args.run
    try:
        return command(args)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except Exception as exc:
        if os.environ.get("HANDBOOK_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in the handbook's tools, not in your lesson: "
            "please report it (set HANDBOOK_DEBUG=1 to see the details).",
            file=sys.stderr,
        )
        return ExitCode.INTERNAL
