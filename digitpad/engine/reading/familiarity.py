"""How far an image lies from every digit a model knows: the model's own half of "that is not a digit".

A model's penultimate layer (the input of its last layer) places every image it reads somewhere in a space of
features; its training digits gather in ten clouds there, one per digit. The familiarity of a model is the centre
of each cloud and their shared spread (a covariance, kept as its inverse), measured on 10,000 of MNIST's training
digits; the distance of an image is its Mahalanobis distance to the nearest centre (Lee et al., 2018), in units
of the clouds' own spread, and `limit` is the distance that only 1 in 500 of MNIST's test digits exceed. A drawing
farther than that lies where the model has seen no digit, whatever its confidence says. (The limit is far: the
digit-or-not judge catches most things that are not digits; a nearer limit turns away as many real digits as it
catches non-digits, training/NOT_A_DIGIT.md.)

Every run computes its model's familiarity when it keeps a best model, and the checkpoint carries it; a model
without one (imported, or from an older digitpad) gets it when it is loaded, in a second or two.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from digitpad import paths
from digitpad.engine.data.loading import read_split
from digitpad.engine.models.layers import penultimate
from digitpad.engine.spec.datasets import answers_digits
from digitpad.engine.store.checkpoints import Checkpoint

CALIBRATION_DIGITS = 10000  # MNIST training digits the clouds are measured on
LIMIT_DIGITS = 5000  # MNIST test digits the limit is measured on
BEYOND_LIMIT = 0.002  # the share of them beyond it
CHUNK = 1000
RIDGE = 1e-3  # added to the covariance's diagonal: features that never vary must not divide by zero


@dataclass(frozen=True)
class Familiarity:
    means: np.ndarray  # (10, features) float32
    precision: np.ndarray  # (features, features) float32, the inverse of the shared covariance
    limit: float

    def distances(self, features: np.ndarray) -> np.ndarray:
        """(N, features) -> (N, 10): the Mahalanobis distance of each image to each digit's centre."""
        gaps = features[:, None, :].astype(np.float32) - self.means[None]
        return np.sqrt(np.maximum(np.einsum("nkd,de,nke->nk", gaps, self.precision, gaps), 0.0))

    def as_tensors(self) -> dict[str, torch.Tensor]:
        return {"means": torch.from_numpy(self.means), "precision": torch.from_numpy(self.precision),
                "limit": torch.tensor([self.limit], dtype=torch.float32)}  # fmt: skip

    @classmethod
    def from_tensors(cls, tensors: dict[str, torch.Tensor]) -> Familiarity | None:
        """The familiarity a checkpoint carries, or None when it carries none (or one that does not fit)."""
        if not {"means", "precision", "limit"} <= tensors.keys():
            return None
        means, precision = tensors["means"].float().numpy(), tensors["precision"].float().numpy()
        if means.ndim != 2 or precision.shape != (means.shape[1], means.shape[1]):
            return None
        return cls(means, precision, float(tensors["limit"].flatten()[0]))


def familiarity_of(model: nn.Module, checkpoint: Checkpoint) -> Familiarity:
    """The familiarity the checkpoint carries, or measured now (a second or two) when it carries none."""
    return Familiarity.from_tensors(checkpoint.familiarity) or calibrate(model, checkpoint)


def not_digits(judged_not: np.ndarray, distances: np.ndarray, limit: float) -> np.ndarray:
    """The one rule for a model loaded with torch: not a digit when the digit-or-not judge says so, or when the
    drawing lies farther than the model's limit from every digit it knows."""
    return judged_not | (distances > limit)


def reads_digits(checkpoint: Checkpoint) -> bool:
    """Whether the model answers digits (MNIST, EMNIST digits, the user's): only those know what is not one."""
    return answers_digits(checkpoint.dataset)


def features_of(model: nn.Module, checkpoint: Checkpoint, images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) uint8 or [0, 1] images -> (N, features): the model's penultimate features, a chunk at a time."""
    device = next(model.parameters()).device
    chunks = []
    with torch.inference_mode():
        for start in range(0, len(images), CHUNK):
            batch = checkpoint.model_batch(images[start : start + CHUNK]).to(device)
            chunks.append(penultimate(model, batch).float().cpu().numpy())
    return np.concatenate(chunks)


def calibrate(model: nn.Module, checkpoint: Checkpoint) -> Familiarity:
    """The familiarity of `model` (trained weights, any device; left in the mode it was in)."""
    was_training = model.training
    model.eval()
    try:
        images, labels = read_split(paths.bundled_mnist_dir(), "train")
        features = features_of(model, checkpoint, images[:CALIBRATION_DIGITS])
        labels = labels[:CALIBRATION_DIGITS]
        means = np.stack([features[labels == digit].mean(0) for digit in range(10)]).astype(np.float32)
        centred = features - means[labels]
        covariance = centred.T @ centred / len(centred) + RIDGE * np.eye(centred.shape[1])
        precision = np.linalg.pinv(covariance).astype(np.float32)
        test_images, _ = read_split(paths.bundled_mnist_dir(), "test")
        unlimited = Familiarity(means, precision, 0.0)
        nearest = unlimited.distances(features_of(model, checkpoint, test_images[:LIMIT_DIGITS])).min(1)
        return Familiarity(means, precision, float(np.quantile(nearest, 1 - BEYOND_LIMIT)))
    finally:
        model.train(was_training)
