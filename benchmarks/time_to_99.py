"""Time to 99% MNIST test accuracy with the default lenet5 recipe, as `digitpad train --json` reports it.

The clock is the run's own (from the start of training, evaluation and a fixed first convolution's one pass
over the images included, data loading and imports excluded); the figure is the `seconds` of the first epoch
whose test accuracy reaches 99%. `wall_seconds` is the whole command's, from process start to exit. `--seeds`
runs each seed once instead of `--runs` runs of seed 0. Prints one JSON object.

    .venv/bin/python benchmarks/time_to_99.py [--runs 3 | --seeds 0,1,2,3,4] [--device auto]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 0.99


def one_run(device: str, seed: int = 0) -> dict[str, object]:
    out = Path(tempfile.mkdtemp(prefix="digitpad-t99-")) / "lenet5.safetensors"
    command = [sys.executable, "-m", "digitpad", "train", "--arch", "lenet5", "--device", device, "--json",
               "--seed", str(seed), "--out", str(out)]  # fmt: skip
    started = time.perf_counter()
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    wall_seconds = time.perf_counter() - started
    epochs = [event for event in map(json.loads, lines) if "epoch" in event and "event" not in event]
    reached = next((event for event in epochs if event["test_accuracy"] >= TARGET), None)
    return {
        "seed": seed,
        "seconds_to_99": round(reached["seconds"], 2) if reached else None,
        "wall_seconds": round(wall_seconds, 2),
        "epoch_reaching_99": reached["epoch"] if reached else None,
        "epochs": len(epochs),
        "final_test_accuracy": epochs[-1]["test_accuracy"] if epochs else None,
        "history": [(event["epoch"], round(event["seconds"], 2), event["test_accuracy"]) for event in epochs],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds", help="comma-separated seeds, one run each")
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    seeds = [int(seed) for seed in args.seeds.split(",")] if args.seeds else [0] * args.runs
    runs = [one_run(args.device, seed) for seed in seeds]
    reached = [run["seconds_to_99"] for run in runs if run["seconds_to_99"] is not None]
    print(json.dumps({
        "benchmark": "time_to_99", "arch": "lenet5", "device": args.device, "runs": runs,
        "median_seconds_to_99": statistics.median(reached) if reached else None,
        "runs_reaching_99": len(reached),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
