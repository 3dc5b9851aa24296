"""The command line: `digitpad train | predict | eval | inspect | explain | models | archs | export | bench |
handwriting | download | install-desktop`; with no command, the app.

Each command module registers its subcommand and handles it (train.py, reading.py, models.py, data.py,
machine.py); parser.py puts them together; output.py is how they speak. A command imports the engine only when it
runs, so `digitpad --help` and the window's start never wait for torch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from digitpad.cli.output import EXIT_OK, fail
from digitpad.cli.parser import app_parser, build_parser

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app must not re-run main in a spawned child
    argv = list(sys.argv[1:] if argv is None else argv)
    if all(arg.startswith("-") for arg in argv) and not {"-h", "--help"} & set(argv):  # no command: the app
        return _open_app(app_parser().parse_args(argv).self_test)  # before any engine import: the window first
    args = build_parser().parse_args(argv)
    from digitpad.engine.spec.errors import DigitpadError

    try:
        return args.handler(args)
    except DigitpadError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted", code=130)
    except BrokenPipeError:  # `digitpad archs --json | head -1`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush cannot fail again
        return EXIT_OK
    except Exception as error:  # the last guard: a user never sees a traceback unless they ask for one
        if os.environ.get("DIGITPAD_DEBUG"):
            raise
        if error.__class__.__name__ == "OutOfMemoryError":  # torch's, for any device
            return fail("out of memory on the device: try a smaller --batch-size or another --device")
        return fail(f"unexpected {error.__class__.__name__}: {error} (set DIGITPAD_DEBUG=1 for details)")


def _open_app(self_test_only: bool) -> int:
    try:
        from digitpad.gui.app import run_app, self_test
    except ImportError as error:
        return fail(f"the desktop app cannot start: {error} (reinstall with the README's setup command)")
    return self_test() if self_test_only else run_app()
