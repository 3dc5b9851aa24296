"""Measure every bundled checkpoint and rewrite training/RESULTS.md (the README shows its summary).

python -m training.report
"""

from __future__ import annotations

import json
from pathlib import Path

from digitpad import paths
from digitpad.engine.data.loading import load_dataset
from digitpad.engine.reading.evaluation import evaluate
from digitpad.engine.store.catalog import describe
from digitpad.engine.store.checkpoints import load_checkpoint
from training.handwriting_eval import FAMILIES, EvaluationSet
from training.rebuild import TIMINGS
from training.recipes import RECIPES

RESULTS = Path(__file__).with_name("RESULTS.md")


def main() -> None:
    timings = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
    data = load_dataset("mnist")
    handwriting = EvaluationSet()
    tune = [name for name, family in FAMILIES.items() if family.part == "tune"]
    report = [name for name, family in FAMILIES.items() if family.part == "report"]
    models = [
        "| model | recipe | epochs | training time | MNIST test | params | file |",
        "|---|---|---|---|---|---|---|",
    ]
    families = [
        f"| model | {' | '.join(tune)} | {' | '.join(report)} | no digit found |",
        "|---|" + "---|" * (len(tune) + len(report) + 1),
    ]
    for name in RECIPES:
        path = paths.bundled_models_dir() / f"{name}.safetensors"
        if not path.is_file():
            continue
        checkpoint = load_checkpoint(path)
        same = (checkpoint.mean, checkpoint.std) == (data.train.mean, data.train.std)
        mnist = data if same else load_dataset("mnist", normalize=(checkpoint.mean, checkpoint.std))
        accuracy = evaluate(checkpoint.build(), mnist.test).accuracy
        scores = handwriting.evaluate(str(path))
        timing = timings.get(name, {})
        took = f"{timing['seconds']:.0f} s ({timing['machine']})" if timing else "-"
        models.append(
            f"| {name} | {checkpoint.config.summary(epochs=False)} | {checkpoint.config.epochs} | {took} | "
            f"{accuracy:.2%} | {describe(path, 'bundled').params:,} | {path.stat().st_size / 1024:,.0f} KiB |"
        )
        cells = [f"{scores[family].accuracy:.1%}" for family in tune + report]
        cells.append(f"{sum(score.no_digit for score in scores.values())} of {sum(s.total for s in scores.values()):,}")
        families.append(f"| {name} | {' | '.join(cells)} |")
        print(models[-1], families[-1], sep="\n", flush=True)
    legend = "\n".join(
        f"- `{name}` ({family.part}, {len(handwriting.samples[name]):,} images): {family.description}"
        for name, family in FAMILIES.items()
    )
    RESULTS.write_text(
        "# Shipped checkpoints\n\n"
        "Rebuilt by `python -m training.rebuild` (each recipe through `digitpad train`), measured by\n"
        "`python -m training.report`. MNIST test: the 10,000 test images, as `digitpad eval` reports them.\n\n"
        + "\n".join(models)
        + "\n\n## Handwriting that is not MNIST\n\n"
        "`python -m training.handwriting_eval` (see its docstring). The *tune* families are what preprocessing,\n"
        "augmentation and recipes were tuned on; the *report* families were only ever measured, never tuned on,\n"
        "and come from sources no model trains on (other writers' scans, styles written apart). lenet5 and\n"
        "lenet-wide train on 2,823 other digits by the writers of `optdigits-tune-*` (`--scans`): to them those\n"
        "writers are not new; the 13 writers of `optdigits-tight` and `optdigits-paper` are new to every model.\n"
        "*no digit found*: images of all families that preprocessing answered with no digit (each holds one).\n\n"
        + legend
        + "\n\n"
        + "\n".join(families)
        + "\n"
    )


if __name__ == "__main__":
    main()
