"""Predictor: load a checkpoint once, then give 10 probabilities for one image or a batch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval, fuse_linear_bn_eval

from digitpad.engine.data.loading import InMemoryDataset
from digitpad.engine.models.layers import outputs_and_penultimate
from digitpad.engine.reading.evaluation import Evaluation, evaluate
from digitpad.engine.reading.familiarity import Familiarity, familiarity_of, not_digits, reads_digits
from digitpad.engine.reading.prediction import Reader
from digitpad.engine.store.checkpoints import Checkpoint, load_checkpoint
from digitpad.engine.system.device import channels_last


def inference_model(model: nn.Module) -> nn.Module:
    """`model` (in eval mode) with each batch norm folded into the convolution or linear layer before it,
    dropout left out, and its weights channels-last: the same answers (to float rounding) for less work at
    every prediction (channels-last: 1.1-1.4x faster for one image, up to 1.9x for a batch of 500, here)."""
    if not isinstance(model, nn.Sequential):
        return channels_last(model)
    layers: list[nn.Module] = []
    for layer in model:
        previous = layers[-1] if layers else None
        if isinstance(layer, nn.BatchNorm2d) and isinstance(previous, nn.Conv2d):
            layers[-1] = fuse_conv_bn_eval(previous, layer)
        elif isinstance(layer, nn.BatchNorm1d) and isinstance(previous, nn.Linear):
            layers[-1] = fuse_linear_bn_eval(previous, layer)
        elif not isinstance(layer, nn.Dropout):  # dropout is the identity in eval mode
            layers.append(layer)
    return channels_last(nn.Sequential(*layers).eval())


class Predictor(Reader):
    """A checkpoint loaded once, as inference runs it (batch norms folded), to read one image or many."""

    def __init__(self, checkpoint: Checkpoint | str | Path) -> None:
        if not isinstance(checkpoint, Checkpoint):
            checkpoint = load_checkpoint(checkpoint)
        self.checkpoint = checkpoint
        self.model = inference_model(checkpoint.build())
        self.mean, self.std = checkpoint.mean, checkpoint.std
        self._familiarity: Familiarity | None = None

    @property
    def familiarity(self) -> Familiarity:
        """The model's familiarity with digits (measured on first use for a model whose file has none)."""
        if self._familiarity is None:
            self._familiarity = familiarity_of(self.model, self.checkpoint)
        return self._familiarity

    def not_digits(self, images: np.ndarray, judge_above: float | None = None) -> np.ndarray:
        if judge_above is not None:  # a drawing of several digits, or a part of one, lies far from any one digit
            return self._judged(images, judge_above)
        return self.read(images)[1]

    def read(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The probabilities and the verdicts from one pass through the model (the distance needs its features)."""
        with torch.inference_mode():
            logits, features = outputs_and_penultimate(self.model, self.checkpoint.model_batch(images))
        judged = self._judged(images)
        if reads_digits(self.checkpoint):
            distances = self.familiarity.distances(features.numpy()).min(1)
            judged = not_digits(judged, distances, self.familiarity.limit)
        return torch.softmax(logits, dim=1).numpy(), judged

    def _judged(self, images: np.ndarray, judge_above: float | None = None) -> np.ndarray:
        """The judge's verdicts (none for a model of clothes or kana: "not a digit" means nothing to it)."""
        if not reads_digits(self.checkpoint):
            return np.zeros(len(images), dtype=bool)
        return super().not_digits(images, judge_above)

    @property
    def arch(self) -> str:
        return self.checkpoint.arch

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float images in [0, 1] (ink = 1) or uint8 -> (N, 10) probabilities."""
        with torch.inference_mode():
            return torch.softmax(self.model(self.checkpoint.model_batch(images)), dim=1).numpy()

    def evaluate(self, images: np.ndarray, labels: np.ndarray) -> Evaluation:
        """Score the model on labelled uint8 (N, 28, 28) images, as `digitpad eval` and the trainer do."""
        return evaluate(self.model, InMemoryDataset(images, labels, torch.device("cpu"), self.mean, self.std))
