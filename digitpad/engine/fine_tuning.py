"""Runs that start from a trained model: what they changed, measured on the run's test set and on MNIST's.

`run_training` is what the CLI and the window's worker run: the trainer's events, and for a fine-tune a
Finished that carries the Comparison of the parent model and the new one (which the new model's file keeps).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from digitpad.engine import my_handwriting
from digitpad.engine.catalog import resolve_model
from digitpad.engine.checkpoints import load_checkpoint, save_checkpoint
from digitpad.engine.config import TrainConfig
from digitpad.engine.datasets import load_dataset
from digitpad.engine.events import Comparison, Finished, TrainEvent
from digitpad.engine.predictor import Predictor
from digitpad.engine.trainer import TrainControl, train


def run_training(config: TrainConfig, control: TrainControl | None = None, checkpoint_path: str | Path | None = None,
                 **options: Any) -> Iterator[TrainEvent]:  # fmt: skip
    """`trainer.train`'s events; a run with `start_from` ends with a Finished that carries its Comparison."""
    for event in train(config, control, checkpoint_path, **options):
        if isinstance(event, Finished) and config.start_from is not None and event.checkpoint:
            event = replace(event, comparison=compare(config, Path(event.checkpoint), options.get("data_dir")))
        yield event


def compare(config: TrainConfig, child_path: Path, data_dir: str | Path | None = None) -> Comparison:
    """The parent against the new model, each read with its own normalisation (and batch norms folded, as in
    Draw); the new model's file records the figures (the model list shows its MNIST one)."""
    parent, child = (Predictor(load_checkpoint(path)) for path in (resolve_model(config.start_from), child_path))
    images, labels = test_split(config.dataset, data_dir)
    before, after = (model.evaluate(images, labels).accuracy for model in (parent, child))
    mnist_before = mnist_after = None
    if config.dataset != "mnist" or data_dir:
        mnist_images, mnist_labels = test_split("mnist", None)
        mnist_before, mnist_after = (model.evaluate(mnist_images, mnist_labels).accuracy for model in (parent, child))
    comparison = Comparison(parent=Path(config.start_from).stem, dataset=config.dataset, test_images=len(labels),
                            before=before, after=after, mnist_before=mnist_before,
                            mnist_after=mnist_after)  # fmt: skip
    saved = child.checkpoint
    saved.metrics |= {"comparison": asdict(comparison), "mnist_test_accuracy": mnist_after}
    save_checkpoint(saved, child_path)
    return comparison


def test_split(dataset: str, data_dir: str | Path | None) -> tuple[np.ndarray, np.ndarray]:
    """A dataset's test images (uint8) and labels: for My handwriting its held-back part."""
    if dataset == "mine" and not data_dir:
        part = my_handwriting.read_part("test")
        return part.images, part.labels
    test = load_dataset(dataset, data_dir=data_dir).test
    return test.raw_images, test.raw_labels
