"""The handbook's command line: ``python -m build_tools COMMAND``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .handbook import Layout, check
from .reporters import report_text

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    layout = Layout(root=Path(args.root))
    if not layout.schema.is_file():
        print(f"error: no schema at {layout.schema}; run from the handbook's folder or pass --root", file=sys.stderr)
        return EXIT_USAGE
    paths = None
    if args.paths:
        paths = [Path(p) for p in args.paths]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
            return EXIT_USAGE
    result = check(layout, paths)
    report_text(result.findings, len(result.checked), sys.stdout)
    return EXIT_OK if result.ok else EXIT_INVALID


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m build_tools", description="Tools for the lessons handbook.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check lessons against the schema and the handbook's rules",
        description="Check lessons. Exit 0 when all are valid, 1 when any is invalid, 2 for a usage error.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="lesson files to check (default: every lesson)")
    validate.add_argument("--root", default=".", help="the handbook's folder (default: the current folder)")
    validate.set_defaults(run=_validate)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
