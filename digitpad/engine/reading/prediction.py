"""One answer to one image, and the one way every model reads an image (no torch: the window shows answers
before the engine has loaded, see quick_reader.py).

A `Reader` is anything that turns MNIST-style images into ten probabilities: the Predictor (torch) and the
QuickReader (onnxruntime). Reading an image is always the same: preprocess it (engine/data/preprocess.py), then
classify the 28x28 it makes; several readers can classify one preprocessed image (Compare).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.engine.data.preprocess import ImageInput, preprocess

UNSURE_BELOW = 0.6  # below this confidence the GUI says it is unsure rather than pretending


@dataclass(frozen=True)
class Prediction:
    digit: int
    confidence: float
    probabilities: tuple[float, ...]  # 10 fractions summing to 1
    model_input: np.ndarray  # the (28, 28) image the network saw, ink = 1

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW

    @classmethod
    def from_probabilities(cls, probabilities: np.ndarray, model_input: np.ndarray) -> Prediction:
        digit = int(probabilities.argmax())
        return cls(digit, float(probabilities[digit]), tuple(float(p) for p in probabilities), model_input)


class Reader:
    """A model that reads digits: subclasses give `probabilities`; `classify` and `predict` follow from it."""

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) images, floats in [0, 1] with ink = 1 (or uint8) -> (N, 10) probabilities."""
        raise NotImplementedError

    def classify(self, model_input: np.ndarray) -> Prediction:
        """Classify an already preprocessed (28, 28) image (so several models can share one preprocessing)."""
        return Prediction.from_probabilities(self.probabilities(model_input[None])[0], model_input)

    def predict(self, image: ImageInput) -> Prediction | None:
        """Preprocess any image and classify it; None when it holds no digit."""
        model_input = preprocess(image)
        return None if model_input is None else self.classify(model_input)
