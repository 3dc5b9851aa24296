"""Rebuild shipped checkpoints with `digitpad train`, one process per recipe, and record how long each took.

python -m training.rebuild                 # every recipe, into digitpad/assets/models
python -m training.rebuild lenet5 mlp      # just these
python -m training.rebuild --jobs 8        # in parallel (on a GPU machine)
python -m training.rebuild --quick-copy    # only the default model's ONNX copy (engine/reading/quick_reader.py)
python -m training.report                  # then measure them all and rewrite training/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import torch

from digitpad import paths
from digitpad.cli.train import config_arguments
from digitpad.engine.spec.architectures import DEFAULT_MODEL
from digitpad.engine.store.export import export_onnx
from training.recipes import RECIPES

TIMINGS = Path(__file__).with_name("timings.json")


def machine() -> str:
    if torch.cuda.is_available():
        return f"{torch.cuda.get_device_name(0)} GPU"
    return f"{platform.machine()} CPU, {torch.get_num_threads()} threads"


def rebuild(name: str, out_dir: Path, max_steps: int | None) -> dict[str, object]:
    out = out_dir / f"{name}.safetensors"
    command = [sys.executable, "-m", "digitpad", "train", *config_arguments(RECIPES[name]), "--out", str(out), "--json"]
    if max_steps:
        command += ["--max-steps", str(max_steps)]
    print(" ".join(command[1:]), file=sys.stderr, flush=True)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{name}: training failed: {result.stderr.strip().splitlines()[-1:]}")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    finished = records[-1]
    print(f"{name}: {finished['test_accuracy']:.4f} in {finished['seconds']:.0f} s", file=sys.stderr, flush=True)
    return {"seconds": round(finished["seconds"], 1), "machine": machine(), "epochs": records[:-1]}


def export_quick_copy(out_dir: Path) -> None:
    """The default model's ONNX copy beside its checkpoint: the window's answers before torch has loaded."""
    written = export_onnx(out_dir / f"{DEFAULT_MODEL}.safetensors", out_dir / f"{DEFAULT_MODEL}.onnx")
    print(f"{DEFAULT_MODEL}: its ONNX copy is {written}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"checkpoints to rebuild (default: all of {', '.join(RECIPES)})")
    parser.add_argument("--jobs", type=int, default=1, help="recipes trained at the same time")
    parser.add_argument("--out-dir", type=Path, default=paths.bundled_models_dir())
    parser.add_argument("--max-steps", type=int, help="a smoke test: stop each run after this many steps")
    parser.add_argument("--quick-copy", action="store_true", help="only export the default model's ONNX copy")
    args = parser.parse_args()
    if args.quick_copy:
        export_quick_copy(args.out_dir)
        return
    names = args.names or list(RECIPES)
    unknown = sorted(set(names) - set(RECIPES))
    if unknown:
        parser.error(f"no recipe named {', '.join(unknown)}; use one of {', '.join(RECIPES)}")
    with ThreadPoolExecutor(args.jobs) as pool:
        results = dict(zip(names, pool.map(lambda n: rebuild(n, args.out_dir, args.max_steps), names), strict=True))
    if DEFAULT_MODEL in names:
        export_quick_copy(args.out_dir)
    if args.max_steps is None and args.out_dir == paths.bundled_models_dir():
        timings = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
        TIMINGS.write_text(json.dumps(timings | results, indent=1) + "\n")


if __name__ == "__main__":
    main()
