"""Rebuild shipped checkpoints with `digitpad train`, then rewrite training/RESULTS.md.

python -m training.rebuild            # every recipe
python -m training.rebuild lenet5     # just these
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
from pathlib import Path

from digitpad import paths
from digitpad.engine.catalog import describe
from training.recipes import RECIPES, cli_args

RESULTS = Path(__file__).with_name("RESULTS.md")


def rebuild(name: str) -> dict[str, object]:
    out = paths.bundled_models_dir() / f"{name}.safetensors"
    command = [sys.executable, "-m", "digitpad", "train", *cli_args(RECIPES[name]), "--out", str(out), "--json"]
    print(" ".join(command[1:]), file=sys.stderr)
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    finished = json.loads(lines[-1])
    return {"name": name, "seconds": finished["seconds"]}


def write_results(seconds: dict[str, float]) -> None:
    previous = _previous_seconds()
    rows = [
        "| model | arch | recipe | epochs | seconds (2-core CPU) | MNIST test accuracy | params | file size |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, config in RECIPES.items():
        path = paths.bundled_models_dir() / f"{name}.safetensors"
        if not path.is_file():
            continue
        entry = describe(path, "bundled")
        recipe = f"{config.optimizer} lr {config.lr:g}, batch {config.batch_size}, {config.schedule} schedule"
        recipe += ", augmented" if config.augment else ""
        took = seconds.get(name, previous.get(name))
        took_text = f"{took:.0f}" if took is not None else "-"
        rows.append(
            f"| {name} | {entry.arch} | {recipe} | {config.epochs} | {took_text} | {entry.test_accuracy:.2%} | "
            f"{entry.params:,} | {path.stat().st_size / 1024:.0f} KiB |"
        )
    RESULTS.write_text(
        "# Shipped checkpoints\n\nRebuilt by `python -m training.rebuild`; seconds are wall time of "
        "`digitpad train` on the 2-core development machine (CPU only), evaluation included.\n\n"
        + "\n".join(rows)
        + "\n"
    )


def _previous_seconds() -> dict[str, float]:
    """Keep the timing of checkpoints not rebuilt this time."""
    found: dict[str, float] = {}
    if RESULTS.is_file():
        for line in RESULTS.read_text().splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) == 8 and cells[0] in RECIPES:
                with contextlib.suppress(ValueError):
                    found[cells[0]] = float(cells[4])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"checkpoints to rebuild (default: all of {', '.join(RECIPES)})")
    names = parser.parse_args().names or list(RECIPES)
    unknown = sorted(set(names) - set(RECIPES))
    if unknown:
        parser.error(f"no recipe named {', '.join(unknown)}; use one of {', '.join(RECIPES)}")
    seconds = {}
    for name in names:
        seconds[name] = float(rebuild(name)["seconds"])
    write_results(seconds)
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
