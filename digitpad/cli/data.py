"""`digitpad handwriting | download`: My handwriting (count, export, import) and the datasets to download."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from digitpad.cli.output import EXIT_OK, emit

if TYPE_CHECKING:
    from digitpad.cli.registry import Commands


def register(commands: Commands) -> None:
    from digitpad.engine.spec.datasets import DATASETS

    mine = commands.add(
        "handwriting", handwriting, "My handwriting, your own digits: count them, or export and import them as a zip"
    )
    mine.add_argument("action", nargs="?", choices=("show", "export", "import"), default="show",
                      help="show the counts, export to ZIP or import from ZIP (default: show)")  # fmt: skip
    mine.add_argument("zip", nargs="?", type=Path, metavar="ZIP", help="the zip file (default: none)")
    mine.add_argument("--replace", action="store_true",
                      help="on import, relabel yours as the zip labels them (default: keep yours)")  # fmt: skip
    download_command = commands.add("download", download, "download another dataset (needs digitpad[datasets])")
    download_command.add_argument("dataset", choices=[n for n, s in DATASETS.items() if s.torchvision_class])


def handwriting(args: argparse.Namespace) -> int:
    from digitpad.engine.data import my_handwriting
    from digitpad.engine.spec.errors import ConfigError

    if args.action != "show" and args.zip is None:
        raise ConfigError(f"handwriting {args.action} needs the zip file's path")
    if args.action == "export":
        written = my_handwriting.export_zip(args.zip)
        record = {"exported": written, "file": str(args.zip)}
    elif args.action == "import":
        plan = my_handwriting.plan_import(args.zip)
        added = my_handwriting.apply_import(plan, replace_conflicts=args.replace)
        for line in plan.unreadable:
            print(f"skipped {line}", file=sys.stderr)
        record = {"imported": added, "already_here": plan.same, "skipped": len(plan.unreadable),
                  "relabelled" if args.replace else "kept_yours": len(plan.conflicts)}  # fmt: skip
    else:
        per_digit = my_handwriting.counts()
        held = len(my_handwriting.held_out(my_handwriting.samples()))
        record = {"folder": str(my_handwriting.folder()), "counts": per_digit, "samples": sum(per_digit),
                  "held_back": held}  # fmt: skip
    if args.json:
        emit(record)
    else:
        print(", ".join(f"{key}: {value}" for key, value in record.items()))
    return EXIT_OK


def download(args: argparse.Namespace) -> int:
    from digitpad.engine.data.loading import download

    folder = download(args.dataset, progress=lambda line: print(line, file=sys.stderr))
    if args.json:
        emit({"dataset": args.dataset, "path": str(folder)})
    else:
        print(f"{args.dataset} is ready in {folder}")
    return EXIT_OK
