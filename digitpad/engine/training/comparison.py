"""What a run from a trained model changed: the parent against the new model, on the run's test set and MNIST's.

The run's Finished event carries the Comparison (run.py), and the new model's file keeps it: the model list shows
its MNIST figure, the window its before and after.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy as np

from digitpad.engine.data import my_handwriting
from digitpad.engine.data.loading import load_dataset
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint, save_checkpoint
from digitpad.engine.training.events import Comparison


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
    comparison = Comparison(parent=Path(str(config.start_from)).stem, dataset=config.dataset, test_images=len(labels),
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
