"""Measure every bundled checkpoint and rewrite training/RESULTS.md (the README shows the same table).

python -m training.report
"""

from __future__ import annotations

import json
from pathlib import Path

from digitpad import paths
from digitpad.engine.catalog import describe
from digitpad.engine.checkpoints import load_checkpoint
from digitpad.engine.datasets import load_dataset
from digitpad.engine.trainer import evaluate
from training.handwriting_eval import EvaluationSet
from training.rebuild import TIMINGS
from training.recipes import RECIPES

RESULTS = Path(__file__).with_name("RESULTS.md")


def describe_recipe(name: str) -> str:
    config = RECIPES[name]
    text = f"{config.optimizer} lr {config.lr:g}, batch {config.batch_size}"
    text += f", {config.schedule}" if config.schedule != "none" else ""
    text += f", {config.augment} aug." if config.augment != "none" else ""
    return text


def main() -> None:
    timings = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
    data = load_dataset("mnist")
    handwriting = EvaluationSet()
    rows = [
        "| model | recipe | epochs | training time | MNIST test | handwriting: paper / canvas | params | file |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in RECIPES:
        path = paths.bundled_models_dir() / f"{name}.safetensors"
        if not path.is_file():
            continue
        checkpoint = load_checkpoint(path)
        mnist = (
            load_dataset("mnist", normalize=(checkpoint.mean, checkpoint.std))
            if checkpoint.mean != data.train.mean
            else data
        )
        accuracy = evaluate(checkpoint.build(), mnist.test).accuracy
        hand = handwriting.evaluate(str(path))
        timing = timings.get(name, {})
        took = f"{timing['seconds']:.0f} s ({timing['machine']})" if timing else "-"
        rows.append(
            f"| {name} | {describe_recipe(name)} | {RECIPES[name].epochs} | {took} | {accuracy:.2%} | "
            f"{hand['paper_accuracy']:.1%} / {hand['canvas_accuracy']:.1%} | {describe(path, 'bundled').params:,} | "
            f"{path.stat().st_size / 1024:,.0f} KiB |"
        )
        print(rows[-1], flush=True)
    RESULTS.write_text(
        "# Shipped checkpoints\n\n"
        "Rebuilt by `python -m training.rebuild` (each recipe through `digitpad train`), measured by\n"
        "`python -m training.report`. MNIST test: the 10,000 test images, as `digitpad eval` reports them.\n"
        "Handwriting: `python -m training.handwriting_eval`, 1,000 MNIST test digits photographed and scanned\n"
        "(enlarged, thick or thin, off-centre, grey noisy paper, blur, JPEG, a quarter light-on-dark) and 300\n"
        "digits drawn with mouse events through the real canvas.\n\n" + "\n".join(rows) + "\n"
    )


if __name__ == "__main__":
    main()
