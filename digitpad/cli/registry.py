"""What a command module registers its subcommands with, and the help texts several commands share."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


class Commands:
    """Where the command modules add their subcommands."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = self._subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        # before or after the command: here it must not reset what the main parser read
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                         help="one JSON object per line on stdout")  # fmt: skip
        return sub


def model_help() -> str:
    from digitpad.engine.spec.architectures import DEFAULT_MODEL

    return f"a model name (see `digitpad models`) or a checkpoint path (default: {DEFAULT_MODEL})"
