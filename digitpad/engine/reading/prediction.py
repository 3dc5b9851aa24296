"""One answer to one image: the digit, how sure, all ten probabilities and the 28x28 the network saw (no torch:
the window shows answers before the engine has loaded, see quick_reader.py)."""

from __future__ import annotations

from collections.abc import Callable
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


def read(image: ImageInput, probabilities: Callable[[np.ndarray], np.ndarray]) -> Prediction | None:
    """Preprocess any image and classify it with `probabilities` ((N, 28, 28) -> (N, 10)); None when it holds
    no digit. The Predictor (torch) and the QuickReader (onnxruntime) both read this way."""
    model_input = preprocess(image)
    if model_input is None:
        return None
    return Prediction.from_probabilities(probabilities(model_input[None])[0], model_input)
