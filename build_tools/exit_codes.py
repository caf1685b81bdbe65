"""What every command's exit status means: scripts, CI and pre-commit act on these."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1  # the input is not valid: a lesson, an issue body, or generated files out of date
    USAGE = 2  # the command was called wrongly (argparse exits with 2 too)
    INTERNAL = 3  # a bug in the tools, not in the input
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it
