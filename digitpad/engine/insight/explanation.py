"""Why this answer: what in the drawing pushed a digit's score up or down, and which training images look alike.

Two evidence maps over the 28x28 input, both signed (positive: the pixel's ink speaks for the digit):
- occlusion: cover a 4x4 patch with blank paper and see how much the digit's probability falls (a batch of
  every position, model-agnostic);
- input x gradient: how fast the digit's score changes with each pixel's ink, times the ink there (relative to
  blank paper: paper pixels get nothing, whatever the gradient).
Nearest examples: the MNIST training images closest to the drawing in the model's penultimate layer (the input
of its last layer), by cosine distance, from an index built once per model and kept in the user cache folder.
Not a digit: the drawing's distance to the nearest digit the model knows, against the model's limit
(engine/reading/familiarity.py), and the digit-or-not judge's chance that it is no digit (digit_or_not.py).
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

from digitpad import paths
from digitpad.engine.data.loading import read_split
from digitpad.engine.models.layers import penultimate
from digitpad.engine.reading.digit_or_not import bundled_digit_judge
from digitpad.engine.reading.familiarity import Familiarity, familiarity_of, not_digits, reads_digits
from digitpad.engine.store.checkpoints import Checkpoint
from digitpad.engine.system.atomic import atomic_write

OCCLUSION_PATCH, OCCLUSION_STRIDE = 4, 2
NEIGHBOURS = 8
INDEX_CHUNK = 500  # images per forward pass while indexing: a stop is seen within a fraction of a second
Progress = Callable[[float], None]  # told the fraction done
METHODS = ("occlusion", "gradient")


def occlusion(model: nn.Module, checkpoint: Checkpoint, model_input: np.ndarray, target: int) -> np.ndarray:
    """(28, 28): the fall of `target`'s probability when a patch around each pixel is blank paper, averaged."""
    positions = range(0, 28 - OCCLUSION_PATCH + 1, OCCLUSION_STRIDE)
    covered = []
    for top in positions:
        for left in positions:
            image = model_input.copy()
            image[top : top + OCCLUSION_PATCH, left : left + OCCLUSION_PATCH] = 0.0
            covered.append(image)
    with torch.inference_mode():
        batch = checkpoint.model_batch(np.stack([model_input, *covered]))
        probabilities = torch.softmax(model(batch), 1)[:, target].numpy()
    drops, counts = np.zeros((28, 28)), np.zeros((28, 28))
    corners = [(top, left) for top in positions for left in positions]
    for (top, left), drop in zip(corners, probabilities[0] - probabilities[1:], strict=True):
        drops[top : top + OCCLUSION_PATCH, left : left + OCCLUSION_PATCH] += drop
        counts[top : top + OCCLUSION_PATCH, left : left + OCCLUSION_PATCH] += 1
    return (drops / np.maximum(counts, 1)).astype(np.float32)


def input_x_gradient(model: nn.Module, checkpoint: Checkpoint, model_input: np.ndarray, target: int) -> np.ndarray:
    """(28, 28): d(target's score)/d(ink) x ink, pixel by pixel."""
    ink = torch.tensor(np.asarray(model_input, np.float32), requires_grad=True)
    score = model(checkpoint.model_batch(ink))[0, target]
    (gradient,) = torch.autograd.grad(score, ink)
    return (gradient * ink).detach().numpy()


def saliency(model: nn.Module, checkpoint: Checkpoint, model_input: np.ndarray, target: int,
             method: str = "occlusion") -> np.ndarray:  # fmt: skip
    if method not in METHODS:
        raise ValueError(f"method {method!r} is not one of: {', '.join(METHODS)}")
    compute = occlusion if method == "occlusion" else input_x_gradient
    return compute(model, checkpoint, np.asarray(model_input, np.float32), target)


# --- nearest examples ------------------------------------------------------------------------------------------
@cache
def training_images() -> tuple[np.ndarray, np.ndarray]:
    """MNIST's 60,000 training images (uint8, ink bright) and labels: what the nearest examples are found among
    (read once per process)."""
    return read_split(paths.bundled_mnist_dir(), "train")


@dataclass(frozen=True)
class Neighbour:
    index: int  # into MNIST's training split
    label: int
    distance: float  # cosine distance, 0 = the same direction


class FeatureIndex:
    """The penultimate features of MNIST's 60,000 training images for one model, unit length, float16."""

    def __init__(self, features: np.ndarray, labels: np.ndarray) -> None:
        self.stored = features.astype(np.float16)  # half the disk
        self.features = features.astype(np.float32)  # numpy has no fast float16 product: 122 -> a few ms a query
        self.labels = labels

    @classmethod
    def build(cls, model: nn.Module, checkpoint: Checkpoint, progress: Progress | None = None,
              stop: threading.Event | None = None) -> FeatureIndex | None:  # fmt: skip
        """The index of `model`, a chunk of images at a time; None when `stop` is set before it is done (the
        window closing, another model chosen): a build takes a minute or two on one core."""
        images, labels = training_images()
        chunks = []
        with torch.inference_mode():
            for start in range(0, len(images), INDEX_CHUNK):
                if stop is not None and stop.is_set():
                    return None
                batch = checkpoint.model_batch(images[start : start + INDEX_CHUNK].astype(np.float32) / 255)
                chunks.append(torch.nn.functional.normalize(penultimate(model, batch), dim=1).numpy())
                if progress is not None:
                    progress(min(start + INDEX_CHUNK, len(images)) / len(images))
        return cls(np.concatenate(chunks), labels)

    def query(self, features: np.ndarray, count: int = NEIGHBOURS) -> list[Neighbour]:
        unit = features / max(float(np.linalg.norm(features)), 1e-12)
        similarity = self.features @ unit.astype(np.float32)
        best = np.argpartition(-similarity, count)[:count]
        best = best[np.argsort(-similarity[best])]
        return [Neighbour(int(i), int(self.labels[i]), float(1 - similarity[i])) for i in best]


def index_path(checkpoint_path: Path) -> Path:
    """Where a model's index is cached: named after the model file's contents, so a changed file gets a new one."""
    digest = hashlib.sha1(checkpoint_path.read_bytes()).hexdigest()[:16]
    return paths.user_cache_dir() / "neighbours" / f"{checkpoint_path.stem}-{digest}.npz"


def load_or_build_index(model: nn.Module, checkpoint: Checkpoint, checkpoint_path: Path,
                        progress: Progress | None = None, stop: threading.Event | None = None
                        ) -> FeatureIndex | None:  # fmt: skip
    """The model's index from the cache folder, or built and kept there (None: `stop` was set meanwhile)."""
    path = index_path(checkpoint_path)
    if path.is_file():
        try:
            with np.load(path) as saved:
                return FeatureIndex(saved["features"], saved["labels"])
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache is built again
    index = FeatureIndex.build(model, checkpoint, progress, stop)
    if index is not None:
        buffer = io.BytesIO()
        np.savez(buffer, features=index.stored, labels=index.labels)
        atomic_write(path, buffer.getvalue())
    return index


@dataclass(frozen=True)
class Strangeness:
    """Why a drawing is, or is not, a digit to this model."""

    distance: float  # to the nearest digit the model knows, in units of its digits' spread
    limit: float  # the distance only 1 in 500 of MNIST's test digits exceed
    judge_chance: float  # the digit-or-not judge's chance that it is no digit
    judge_threshold: float
    not_a_digit: bool


@dataclass
class Explanation:
    target: int
    method: str
    saliency: np.ndarray  # (28, 28)
    probabilities: np.ndarray  # (10,)
    neighbours: list[Neighbour]
    strangeness: Strangeness


class Explainer:
    """A model's evidence maps and nearest examples for preprocessed drawings."""

    def __init__(self, checkpoint: Checkpoint, checkpoint_path: Path) -> None:
        self.checkpoint, self.path = checkpoint, checkpoint_path
        self.model = checkpoint.build().eval()
        self.index: FeatureIndex | None = None
        self.familiarity: Familiarity | None = None

    def ensure_index(self, progress: Progress | None = None, stop: threading.Event | None = None
                     ) -> FeatureIndex | None:  # fmt: skip
        """The nearest-examples index, read or built once (None while a build was stopped)."""
        if self.index is None:
            self.index = load_or_build_index(self.model, self.checkpoint, self.path, progress, stop)
        return self.index

    def explain(self, model_input: np.ndarray, target: int | None = None, method: str = "occlusion",
                neighbours: bool = True) -> Explanation:  # fmt: skip
        model_input = np.asarray(model_input, np.float32)
        with torch.inference_mode():
            batch = self.checkpoint.model_batch(model_input[None])
            probabilities = torch.softmax(self.model(batch), 1)[0].numpy()
            features = penultimate(self.model, batch)[0].numpy()
        target = int(probabilities.argmax()) if target is None else target
        index = self.ensure_index() if neighbours else None
        found = index.query(features) if index is not None else []
        return Explanation(target, method, saliency(self.model, self.checkpoint, model_input, target, method),
                           probabilities, found, self.strangeness(model_input, features))  # fmt: skip

    def strangeness(self, model_input: np.ndarray, features: np.ndarray) -> Strangeness:
        """How far the drawing lies from the digits the model knows, and what the judge says of it."""
        if self.familiarity is None:
            self.familiarity = familiarity_of(self.model, self.checkpoint)
        distance = float(self.familiarity.distances(features[None]).min())
        judge = bundled_digit_judge()
        chance = judge.chances(model_input[None])
        verdict = not_digits(chance > judge.threshold, np.array([distance]), self.familiarity.limit)[0]
        return Strangeness(distance, self.familiarity.limit, float(chance[0]), judge.threshold,
                           bool(verdict) and reads_digits(self.checkpoint))  # fmt: skip
