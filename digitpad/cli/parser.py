"""The command line's parser: `digitpad`'s own options, then each command, registered by the module that runs it."""

from __future__ import annotations

import argparse

from digitpad import __version__
from digitpad.cli.registry import Commands

EXAMPLES = """examples:
  digitpad                                    open the app
  digitpad predict digit.png --model lenet5   read a digit from an image file
  digitpad eval --model lenet-wide --json     a model's MNIST test accuracy as JSON
  digitpad train --arch lenet5 --epochs 3     train with lenet5's recipe, 3 epochs
  digitpad train --from lenet5 --lr 0.001     fine-tune a model
  digitpad COMMAND --help                     every option of a command, with its default
"""


def app_parser() -> argparse.ArgumentParser:
    """`digitpad`'s own options; building it imports nothing of the engine (torch takes seconds to load)."""
    parser = argparse.ArgumentParser(
        prog="digitpad", description="Handwritten-digit recognition with LeNet CNNs: with no command, the app.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("-V", "--version", action="version", version=f"digitpad {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    return parser


def build_parser() -> argparse.ArgumentParser:
    from digitpad.cli.data import register as add_data_commands
    from digitpad.cli.machine import register as add_machine_commands
    from digitpad.cli.models import register as add_model_commands
    from digitpad.cli.reading import register as add_reading_commands
    from digitpad.cli.train import register as add_train_command

    parser = app_parser()
    parser.add_argument("--json", action="store_true", help="one JSON object per line on stdout (any command)")
    parser.set_defaults(command=None)
    commands = Commands(parser)
    for add in (add_train_command, add_reading_commands, add_model_commands, add_machine_commands, add_data_commands):
        add(commands)
    return parser
